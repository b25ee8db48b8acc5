"""Login with MFA on: an ephemeral token and no key, then mfa/verify/ with a code for a session."""

import pytest
from django.core import signing

from apps.keys.models import Key
from apps.keys.services import session_create
from apps.mfa.models import UsedEphemeralToken
from apps.mfa.services import EPHEMERAL_TOKEN_SALT
from tests.accounts.api import LOGIN, USER
from tests.factories import PASSWORD, UserFactory
from tests.logs import json_logs
from tests.mfa.api import (
    DEACTIVATE,
    RECOVERY_CODES,
    VERIFY,
    client_with,
    code,
    enable_mfa,
    ephemeral_token,
    login,
)

pytestmark = pytest.mark.django_db


def verify(api_client, token, the_code, **headers):
    return api_client.post(VERIFY, {"ephemeral_token": token, "code": the_code}, **headers)


def test_login_answers_mfa_required_and_no_key(api_client, user, mfa):
    sessions_before = Key.objects.filter(user=user).count()

    answer = login(api_client, user)

    assert set(answer) == {"mfa_required", "ephemeral_token"}
    assert answer["mfa_required"] is True
    assert Key.objects.filter(user=user).count() == sessions_before


def test_without_mfa_login_answers_a_key(api_client, user):
    assert set(login(api_client, user)) == {"key", "expires_at"}


def test_a_code_and_the_token_answer_a_session_named_after_logins_device(api_client, user, mfa, clock):
    token = ephemeral_token(api_client, user, device="Alice's iPhone")
    clock.advance(seconds=30)

    with json_logs() as logs:
        response = verify(api_client, token, code(mfa.secret, clock.now), HTTP_USER_AGENT="curl/8")

    assert response.status_code == 200
    answer = response.json()
    assert set(answer) == {"key", "expires_at"}
    me = client_with(answer["key"]).get(USER)
    assert me.status_code == 200
    assert me.json()["username"] == user.username
    assert Key.objects.filter(user=user, name="Alice's iPhone", kind=Key.Kind.SESSION).exists()
    assert logs.lines(event="login_succeeded", user_id=user.pk, mfa=True)


def test_without_a_device_the_session_is_named_from_verifys_user_agent(api_client, user, mfa, clock):
    token = ephemeral_token(api_client, user)
    clock.advance(seconds=30)

    response = verify(api_client, token, code(mfa.secret, clock.now), HTTP_USER_AGENT="TheApp/2.1 (iOS)")

    assert response.status_code == 200
    assert Key.objects.filter(user=user, name="TheApp/2.1 (iOS)").exists()


def test_a_recovery_code_works_once(api_client, user, mfa):
    first = verify(api_client, ephemeral_token(api_client, user), mfa.recovery_codes[0])
    again = verify(api_client, ephemeral_token(api_client, user), mfa.recovery_codes[0])

    assert first.status_code == 200
    assert again.status_code == 400
    assert again.json() == {"code": ["Invalid code."]}
    unused = client_with(first.json()["key"]).post(RECOVERY_CODES).json()["codes"]
    assert unused == mfa.recovery_codes[1:]


def test_the_ephemeral_token_works_once(api_client, user, mfa):
    token = ephemeral_token(api_client, user)
    assert verify(api_client, token, mfa.recovery_codes[0]).status_code == 200

    response = verify(api_client, token, mfa.recovery_codes[1])

    assert response.status_code == 400
    assert response.json() == {"ephemeral_token": ["Invalid or expired token."]}


def test_a_wrong_code_leaves_the_token_usable(api_client, user, mfa):
    token = ephemeral_token(api_client, user)

    wrong = verify(api_client, token, "000000")

    assert wrong.status_code == 400
    assert wrong.json() == {"code": ["Invalid code."]}
    assert verify(api_client, token, mfa.recovery_codes[0]).status_code == 200


def test_the_ephemeral_token_works_for_five_minutes(api_client, user, mfa, clock):
    token = ephemeral_token(api_client, user)
    clock.advance(minutes=5, seconds=1)

    response = verify(api_client, token, code(mfa.secret, clock.now))

    assert response.status_code == 400
    assert response.json() == {"ephemeral_token": ["Invalid or expired token."]}
    # Within the five minutes it works.
    token = ephemeral_token(api_client, user)
    clock.advance(minutes=4, seconds=59)
    assert verify(api_client, token, code(mfa.secret, clock.now)).status_code == 200


def test_a_used_tokens_record_is_deleted_once_the_token_has_expired(api_client, user, mfa, clock):
    verify(api_client, ephemeral_token(api_client, user), mfa.recovery_codes[0])
    clock.advance(minutes=6)

    verify(api_client, ephemeral_token(api_client, user), mfa.recovery_codes[1])

    assert UsedEphemeralToken.objects.count() == 1


def test_a_totp_code_is_accepted_once(api_client, user, mfa, clock):
    clock.advance(seconds=30)
    the_code = code(mfa.secret, clock.now)
    assert verify(api_client, ephemeral_token(api_client, user), the_code).status_code == 200

    response = verify(api_client, ephemeral_token(api_client, user), the_code)

    assert response.status_code == 400
    assert response.json() == {"code": ["Invalid code."]}


def test_an_older_code_still_in_the_window_is_refused_after_a_newer_one(api_client, user, mfa, clock):
    # The library remembers only the last code: the one before it worked again.
    clock.advance(seconds=60)
    older, newer = code(mfa.secret, clock.now), code(mfa.secret, clock.now, steps=1)
    assert verify(api_client, ephemeral_token(api_client, user), newer).status_code == 200

    response = verify(api_client, ephemeral_token(api_client, user), older)

    assert response.status_code == 400
    assert response.json() == {"code": ["Invalid code."]}


def test_codes_one_step_either_side_are_accepted_and_two_are_not(api_client, user, mfa, clock):
    clock.advance(minutes=10)
    assert (
        verify(
            api_client, ephemeral_token(api_client, user), code(mfa.secret, clock.now, steps=-2)
        ).status_code
        == 400
    )
    assert (
        verify(
            api_client, ephemeral_token(api_client, user), code(mfa.secret, clock.now, steps=-1)
        ).status_code
        == 200
    )
    assert (
        verify(
            api_client, ephemeral_token(api_client, user), code(mfa.secret, clock.now, steps=2)
        ).status_code
        == 400
    )
    assert (
        verify(
            api_client, ephemeral_token(api_client, user), code(mfa.secret, clock.now, steps=1)
        ).status_code
        == 200
    )


@pytest.mark.parametrize(
    "forged",
    ["", "not-a-token", signing.dumps({"user": 1, "device": None, "issued": 0}, salt="another salt")],
    ids=["empty", "garbage", "another salt"],
)
def test_a_forged_token_is_a_400(api_client, mfa, forged):
    response = verify(api_client, forged, "123456")

    assert response.status_code == 400
    assert "ephemeral_token" in response.json()


def test_a_token_of_a_deactivated_user_is_refused(api_client, user, mfa):
    token = ephemeral_token(api_client, user)
    user.is_active = False
    user.save()

    response = verify(api_client, token, mfa.recovery_codes[0])

    assert response.status_code == 400
    assert response.json() == {"ephemeral_token": ["Invalid or expired token."]}


def test_another_users_code_does_not_open_a_token(api_client, user, mfa, clock):
    attacker = UserFactory()
    attacker_client = client_with(session_create(user=attacker, request=None).key)
    attacker_mfa = enable_mfa(attacker_client, clock.now, steps=1)
    victims_token = ephemeral_token(api_client, user)

    response = verify(api_client, victims_token, attacker_mfa.recovery_codes[0])

    assert response.status_code == 400
    assert response.json() == {"code": ["Invalid code."]}


def test_a_token_is_bound_to_its_user(api_client, user, mfa, clock):
    payload = signing.loads(ephemeral_token(api_client, user), salt=EPHEMERAL_TOKEN_SALT)
    assert payload["user"] == user.pk
    assert abs(payload["issued"] - clock.now.timestamp()) < 1


@pytest.mark.parametrize("body", [{}, {"ephemeral_token": "x"}, {"code": "123456"}])
def test_missing_fields_are_400s_naming_them(api_client, mfa, body):
    response = api_client.post(VERIFY, body)

    assert response.status_code == 400
    assert {"ephemeral_token", "code"} - set(body) <= set(response.json())


def test_ten_wrong_codes_lock_the_account_from_any_address(api_client, auth_client, user, mfa):
    token = ephemeral_token(api_client, user)
    for attempt in range(10):
        address = f"198.51.100.{attempt}"
        assert verify(api_client, token, "000000", REMOTE_ADDR=address).status_code == 400

    with json_logs() as logs:
        locked = verify(api_client, token, mfa.recovery_codes[0], REMOTE_ADDR="198.51.100.99")

    assert locked.status_code == 429
    assert int(locked["Retry-After"]) == 15 * 60
    assert "detail" in locked.json()
    assert logs.lines(event="account_locked", user_id=user.pk)
    # Failed codes and failed passwords share the lock: login is refused too, by username or e-mail.
    for identifier in ({"username": user.username}, {"email": user.email}):
        response = api_client.post(LOGIN, {**identifier, "password": PASSWORD}, REMOTE_ADDR="192.0.2.1")
        assert response.status_code == 429, identifier
    # The refused try used nothing up.
    assert auth_client.post(RECOVERY_CODES).json()["codes"] == mfa.recovery_codes


def test_a_right_code_gives_its_attempt_back(api_client, user, mfa):
    for index in range(10):
        token = ephemeral_token(api_client, user, {"REMOTE_ADDR": f"198.51.100.{index}"})
        response = verify(api_client, token, mfa.recovery_codes[index], REMOTE_ADDR=f"198.51.100.{index}")
        assert response.status_code == 200

    assert verify(api_client, ephemeral_token(api_client, user), "000000").status_code == 400


def test_failed_logins_lock_verify_too(api_client, user, mfa):
    token = ephemeral_token(api_client, user)
    for attempt in range(10):
        response = api_client.post(
            LOGIN, {"username": user.username, "password": "wrong"}, REMOTE_ADDR=f"198.51.100.{attempt}"
        )
        assert response.status_code == 400

    response = verify(api_client, token, mfa.recovery_codes[0], REMOTE_ADDR="192.0.2.1")

    assert response.status_code == 429


def test_verify_counts_against_the_auth_rate_per_client(api_client, user, mfa, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "3/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    for _ in range(3):
        assert verify(api_client, "x", "123456", REMOTE_ADDR="203.0.113.9").status_code == 400

    response = verify(api_client, "x", "123456", REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert verify(api_client, "x", "123456", REMOTE_ADDR="203.0.113.10").status_code == 400


def test_verify_ignores_a_stale_authorization_header(api_client, user, mfa):
    api_client.credentials(HTTP_AUTHORIZATION="Token tas_revoked_or_invented")

    response = verify(api_client, ephemeral_token(api_client, user), mfa.recovery_codes[0])

    assert response.status_code == 200


def test_verify_answers_no_cookie(api_client, user, mfa):
    response = verify(api_client, ephemeral_token(api_client, user), mfa.recovery_codes[0])

    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_turning_mfa_off_makes_login_answer_a_key_again(api_client, auth_client, user, mfa, clock):
    clock.advance(seconds=30)
    assert auth_client.post(DEACTIVATE, {"code": code(mfa.secret, clock.now)}).status_code == 200

    assert set(login(api_client, user)) == {"key", "expires_at"}

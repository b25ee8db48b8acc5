import pytest

from tests.accounts.api import (
    LOGIN,
    NEW_PASSWORD,
    PASSWORD_CHANGE,
    PASSWORD_RESET,
    PASSWORD_RESET_CONFIRM,
    USER,
    link_in,
    token_client,
)
from tests.accounts.test_registration import FAILING_EMAIL_BACKEND
from tests.factories import PASSWORD, UserFactory
from tests.keys.api import row_of

pytestmark = pytest.mark.django_db

RESET_URL = "https://app.example.com/reset-password/{uid}/{token}"
RESET_SENT = {"detail": "Password reset e-mail has been sent."}


def change(old=PASSWORD, new=NEW_PASSWORD):
    return {"old_password": old, "new_password1": new, "new_password2": new}


def test_password_change_answers_a_fresh_key_and_revokes_the_old_one(auth_client, api_client, user, token):
    response = auth_client.post(PASSWORD_CHANGE, change())

    assert response.status_code == 200, response.content
    new_key = response.json()["key"]
    assert response.json() == {
        "detail": "New password has been saved.",
        "key": new_key,
        "expires_at": response.json()["expires_at"],
    }
    assert new_key != token
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    old = auth_client.get(USER)
    assert old.status_code == 401
    assert old.json() == {"detail": "Invalid token."}
    assert token_client(api_client, new_key).get(USER).status_code == 200


def test_password_change_needs_the_old_password(auth_client, user, token):
    response = auth_client.post(
        PASSWORD_CHANGE, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 400
    assert response.json() == {"old_password": ["This field is required."]}
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert row_of(token) is not None


def test_a_wrong_old_password_changes_nothing(auth_client, user, token):
    response = auth_client.post(PASSWORD_CHANGE, change(old="not-my-password"))

    assert response.status_code == 400
    assert response.json() == {
        "old_password": ["Your old password was entered incorrectly. Please enter it again."]
    }
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert row_of(token) is not None


@pytest.mark.parametrize(
    ("new1", "new2", "error"),
    [
        (
            "a-brand-new-passphrase-42",
            "something-else-42",
            {"new_password2": ["The two password fields didn\u2019t match."]},
        ),
        (
            "12345678",
            "12345678",
            {"new_password2": ["This password is too common.", "This password is entirely numeric."]},
        ),
    ],
)
def test_new_passwords_must_match_and_pass_the_validators(auth_client, token, new1, new2, error):
    response = auth_client.post(
        PASSWORD_CHANGE, {"old_password": PASSWORD, "new_password1": new1, "new_password2": new2}
    )

    assert response.status_code == 400
    assert response.json() == error
    assert row_of(token) is not None


def test_password_change_without_a_token_is_a_401(api_client):
    response = api_client.post(PASSWORD_CHANGE, change())

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.fixture
def reset_url(settings):
    settings.PASSWORD_RESET_CONFIRM_URL = RESET_URL


def uid_and_token(message):
    link = link_in(message, "https://app.example.com/reset-password/")
    uid, token = link.removeprefix("https://app.example.com/reset-password/").split("/")
    return uid, token


def confirm(uid, token, password=NEW_PASSWORD):
    return {"uid": uid, "token": token, "new_password1": password, "new_password2": password}


def test_reset_answers_identically_for_known_and_unknown_addresses(api_client, user, mailoutbox, reset_url):
    known = api_client.post(PASSWORD_RESET, {"email": user.email})
    unknown = api_client.post(PASSWORD_RESET, {"email": "nobody@example.com"})

    assert (known.status_code, known.json()) == (200, RESET_SENT)
    assert (unknown.status_code, unknown.json()) == (200, RESET_SENT)
    # Both cost one e-mail: the unknown address is told that it has no account.
    assert [message.to for message in mailoutbox] == [[user.email], ["nobody@example.com"]]
    assert "reset-password" in mailoutbox[0].body
    assert "There is no account with this address" in mailoutbox[1].body


def test_the_reset_link_carries_the_uid_and_token_that_confirm_takes(
    api_client, auth_client, user, token, mailoutbox, reset_url
):
    api_client.post(PASSWORD_RESET, {"email": user.email.upper()})
    uid, reset_token = uid_and_token(mailoutbox[0])

    response = api_client.post(PASSWORD_RESET_CONFIRM, confirm(uid, reset_token))

    assert response.status_code == 200, response.content
    assert response.json() == {"detail": "Password has been reset with the new password."}
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert not user.keys.exists()
    assert auth_client.get(USER).status_code == 401
    assert api_client.post(LOGIN, {"username": user.username, "password": NEW_PASSWORD}).status_code == 200


def test_replaying_a_reset_is_a_400(api_client, user, mailoutbox, reset_url):
    api_client.post(PASSWORD_RESET, {"email": user.email})
    uid, reset_token = uid_and_token(mailoutbox[0])
    api_client.post(PASSWORD_RESET_CONFIRM, confirm(uid, reset_token))

    replay = api_client.post(
        PASSWORD_RESET_CONFIRM, confirm(uid, reset_token, password="yet-another-pass-99")
    )

    assert replay.status_code == 400
    assert replay.json() == {"token": ["Invalid value"]}
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


@pytest.mark.parametrize(
    ("uid", "error"),
    [
        ("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzz", {"uid": ["Invalid value"]}),
        ("not base36!", {"uid": ["Invalid value"]}),
        ("MQ", {"uid": ["Invalid value"]}),
    ],
)
def test_a_bad_uid_is_a_400(api_client, user, uid, error):
    response = api_client.post(PASSWORD_RESET_CONFIRM, confirm(uid, "whatever"))

    assert response.status_code == 400
    assert response.json() == error


def test_a_bad_token_is_a_400_and_changes_nothing(api_client, user, token, mailoutbox, reset_url):
    api_client.post(PASSWORD_RESET, {"email": user.email})
    uid, _ = uid_and_token(mailoutbox[0])

    response = api_client.post(PASSWORD_RESET_CONFIRM, confirm(uid, "forged-token"))

    assert response.status_code == 400
    assert response.json() == {"token": ["Invalid value"]}
    user.refresh_from_db()
    assert user.check_password(PASSWORD)
    assert row_of(token) is not None


def test_a_weak_new_password_is_a_400_and_keeps_the_tokens(api_client, user, token, mailoutbox, reset_url):
    api_client.post(PASSWORD_RESET, {"email": user.email})
    uid, reset_token = uid_and_token(mailoutbox[0])

    response = api_client.post(PASSWORD_RESET_CONFIRM, confirm(uid, reset_token, password="password"))

    assert response.status_code == 400
    assert response.json() == {"new_password2": ["This password is too common."]}
    assert row_of(token) is not None


def test_djangos_base64_uid_is_refused(api_client, user, mailoutbox, reset_url):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    api_client.post(PASSWORD_RESET, {"email": user.email})
    _, reset_token = uid_and_token(mailoutbox[0])
    django_uid = urlsafe_base64_encode(force_bytes(user.pk))

    response = api_client.post(PASSWORD_RESET_CONFIRM, confirm(django_uid, reset_token))

    assert response.status_code == 400


@pytest.mark.parametrize("email", ["known@example.com", "nobody@example.com"])
def test_a_failing_mail_server_gives_the_same_503_for_known_and_unknown(api_client, settings, email):
    UserFactory(email="known@example.com")
    settings.EMAIL_BACKEND = FAILING_EMAIL_BACKEND

    response = api_client.post(PASSWORD_RESET, {"email": email})

    assert response.status_code == 503
    assert response.json() == {
        "detail": "The e-mail could not be sent, so nothing was changed. Please try again later."
    }


def test_reset_refuses_a_malformed_address(api_client, mailoutbox):
    response = api_client.post(PASSWORD_RESET, {"email": "not-an-address"})

    assert response.status_code == 400
    assert response.json() == {"email": ["Enter a valid email address."]}
    assert mailoutbox == []


def test_reset_ignores_a_stale_token(api_client, user, mailoutbox):
    token_client(api_client, "0" * 40)

    assert api_client.post(PASSWORD_RESET, {"email": user.email}).status_code == 200
    assert api_client.post(PASSWORD_RESET_CONFIRM, confirm("1", "x")).status_code == 400

"""Turning MFA on and off: a secret for the app, a code to prove it, recovery codes, other sessions out."""

import base64
from urllib.parse import parse_qs, urlparse

import pytest
from dj_rest_auth.mfa.models import Authenticator

from apps.keys.models import Key
from apps.keys.services import api_key_create, session_create
from tests.factories import UserFactory
from tests.logs import json_logs
from tests.mfa.api import (
    ACTIVATE,
    DEACTIVATE,
    RECOVERY_CODES,
    REGENERATE,
    STATUS,
    client_with,
    code,
    enable_mfa,
)

pytestmark = pytest.mark.django_db


def test_activation_starts_with_a_secret_its_url_and_a_qr_code(auth_client, user):
    response = auth_client.get(ACTIVATE)

    assert response.status_code == 200
    answer = response.json()
    assert set(answer) == {"secret", "totp_url", "qr_code_data_uri", "activation_token"}
    url = urlparse(answer["totp_url"])
    assert (url.scheme, url.netloc) == ("otpauth", "totp")
    assert parse_qs(url.query)["secret"] == [answer["secret"]]
    assert parse_qs(url.query)["issuer"] == ["Token API"]
    prefix = "data:image/svg+xml;base64,"
    assert answer["qr_code_data_uri"].startswith(prefix)
    assert b"<svg" in base64.b64decode(answer["qr_code_data_uri"][len(prefix) :])
    # Nothing is on until a code proves the app holds the secret.
    assert not Authenticator.objects.filter(user=user).exists()
    assert auth_client.get(STATUS).json() == {"mfa_enabled": False, "created_at": None, "last_used_at": None}


def test_a_code_turns_mfa_on_and_answers_ten_recovery_codes(auth_client, user, clock):
    with json_logs() as logs:
        enabled = enable_mfa(auth_client, clock.now)

    assert len(enabled.recovery_codes) == 10
    assert len(set(enabled.recovery_codes)) == 10
    status = auth_client.get(STATUS).json()
    assert status["mfa_enabled"] is True
    assert status["created_at"] is not None
    assert logs.lines(event="mfa_enabled", user_id=user.pk)


def test_turning_mfa_on_signs_every_other_session_out_and_keeps_api_keys(auth_client, user, clock):
    other_session = session_create(user=user, request=None, device="stolen laptop").key
    api_key = api_key_create(user=user, name="script", scopes=["posts:read"], expires_at=None).key

    enable_mfa(auth_client, clock.now)

    assert client_with(other_session).get(STATUS).status_code == 401
    assert auth_client.get(STATUS).status_code == 200
    assert client_with(api_key).get("/api/v1/posts/").status_code == 200
    assert Key.objects.filter(user=user, kind=Key.Kind.SESSION).count() == 1


def test_a_wrong_code_is_a_400_naming_code_and_turns_nothing_on(auth_client, user):
    activation = auth_client.get(ACTIVATE).json()

    response = auth_client.post(
        ACTIVATE, {"activation_token": activation["activation_token"], "code": "000000"}
    )

    assert response.status_code == 400
    assert "code" in response.json()
    assert not Authenticator.objects.filter(user=user).exists()


def test_another_users_activation_token_is_refused(auth_client, clock):
    other = client_with(session_create(user=UserFactory(), request=None).key)
    activation = other.get(ACTIVATE).json()

    response = auth_client.post(
        ACTIVATE,
        {"activation_token": activation["activation_token"], "code": code(activation["secret"], clock.now)},
    )

    assert response.status_code == 400
    assert "activation_token" in response.json()


@pytest.mark.parametrize("body", [{}, {"activation_token": "forged", "code": "123456"}])
def test_a_missing_or_forged_activation_token_is_a_400(auth_client, body):
    response = auth_client.post(ACTIVATE, body)

    assert response.status_code == 400
    assert "activation_token" in response.json()


def test_activating_twice_is_a_400(auth_client, mfa, clock):
    activation = auth_client.get(ACTIVATE).json()

    response = auth_client.post(
        ACTIVATE,
        {"activation_token": activation["activation_token"], "code": code(activation["secret"], clock.now)},
    )

    assert response.status_code == 400
    assert response.json() == {"detail": "MFA is already enabled. Deactivate it before activating again."}


def test_the_activation_code_is_used_up(auth_client, mfa, clock):
    # The code that turned MFA on cannot turn it off again, nor log in.
    response = auth_client.post(DEACTIVATE, {"code": code(mfa.secret, clock.now)})

    assert response.status_code == 400
    assert response.json() == {"code": ["Invalid code."]}


def test_a_code_turns_mfa_off_and_deletes_the_secret_and_recovery_codes(auth_client, user, mfa, clock):
    clock.advance(seconds=30)
    with json_logs() as logs:
        response = auth_client.post(DEACTIVATE, {"code": code(mfa.secret, clock.now)})

    assert response.status_code == 200
    assert response.json() == {"detail": "TOTP has been deactivated."}
    assert not Authenticator.objects.filter(user=user).exists()
    assert auth_client.get(STATUS).json()["mfa_enabled"] is False
    assert auth_client.post(RECOVERY_CODES).json() == {"codes": []}
    assert logs.lines(event="mfa_disabled", user_id=user.pk)


def test_turning_off_takes_an_authenticator_code_not_a_recovery_code(auth_client, user, mfa):
    response = auth_client.post(DEACTIVATE, {"code": mfa.recovery_codes[0]})

    assert response.status_code == 400
    assert response.json() == {"code": ["Invalid code."]}
    assert Authenticator.objects.filter(user=user, type="totp").exists()


@pytest.mark.parametrize("body", [{}, {"code": ""}, {"code": "1" * 21}])
def test_turning_off_without_a_code_is_a_400_naming_code(auth_client, mfa, body):
    response = auth_client.post(DEACTIVATE, body)

    assert response.status_code == 400
    assert list(response.json()) == ["code"]


def test_turning_off_when_off_is_a_400(auth_client):
    response = auth_client.post(DEACTIVATE, {"code": "123456"})

    assert response.status_code == 400
    assert response.json() == {"detail": "MFA is not enabled."}


def test_recovery_codes_are_listed_and_regenerated(auth_client, mfa):
    assert auth_client.post(RECOVERY_CODES).json() == {"codes": mfa.recovery_codes}

    response = auth_client.post(REGENERATE)

    assert response.status_code == 200
    new_codes = response.json()["codes"]
    assert len(new_codes) == 10
    assert not set(new_codes) & set(mfa.recovery_codes)
    assert auth_client.post(RECOVERY_CODES).json() == {"codes": new_codes}


def test_regenerating_without_mfa_is_a_400(auth_client):
    response = auth_client.post(REGENERATE)

    assert response.status_code == 400
    assert response.json() == {"detail": "MFA is not enabled."}

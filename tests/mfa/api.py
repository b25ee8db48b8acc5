"""The MFA routes and the steps every MFA test takes: turn it on, log in, compute a code."""

import pyotp
from rest_framework.test import APIClient

from tests.accounts.api import BASE, LOGIN
from tests.factories import PASSWORD

MFA = BASE + "mfa/"
ACTIVATE = MFA + "totp/activate/"
DEACTIVATE = MFA + "totp/deactivate/"
STATUS = MFA + "status/"
RECOVERY_CODES = MFA + "recovery-codes/"
REGENERATE = MFA + "recovery-codes/regenerate/"
VERIFY = MFA + "verify/"
DELETE_ACCOUNT = BASE + "user/delete/"

# Every MFA route but verify/ needs a session: method, path.
SESSION_ROUTES = [
    ("get", ACTIVATE),
    ("post", ACTIVATE),
    ("post", DEACTIVATE),
    ("get", STATUS),
    ("post", RECOVERY_CODES),
    ("post", REGENERATE),
]


def client_with(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def code(secret, at, steps=0):
    """The authenticator app's code at the time `at`, `steps` periods of 30 s later or earlier."""
    totp = pyotp.TOTP(secret)
    return totp.generate_otp(totp.timecode(at) + steps)


class Enabled:
    """MFA turned on over HTTP: the secret the app holds and the recovery codes."""

    def __init__(self, secret, recovery_codes):
        self.secret = secret
        self.recovery_codes = recovery_codes


def enable_mfa(client, at, steps=0) -> Enabled:
    activation = client.get(ACTIVATE)
    assert activation.status_code == 200, activation.content
    secret = activation.json()["secret"]
    response = client.post(
        ACTIVATE, {"activation_token": activation.json()["activation_token"], "code": code(secret, at, steps)}
    )
    assert response.status_code == 200, response.content
    return Enabled(secret, response.json()["recovery_codes"])


def login(client, user, headers=None, **extra):
    """Login's answer (JSON) for the user's username and password; `extra` goes in the body."""
    response = client.post(
        LOGIN, {"username": user.username, "password": PASSWORD, **extra}, **(headers or {})
    )
    assert response.status_code == 200, response.content
    return response.json()


def ephemeral_token(client, user, headers=None, **extra):
    answer = login(client, user, headers, **extra)
    assert answer["mfa_required"] is True, answer
    return answer["ephemeral_token"]

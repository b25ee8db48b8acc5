"""Authentication events: one log line each, with the user (or the hashed identifier), the client
and the request id; and no password, key or e-mail body in any line of a whole accounts run."""

import logging

import pytest
from django.apps import apps
from rest_framework.test import APIClient

from apps.core.audit import hashed
from tests.accounts.api import (
    LOGIN,
    LOGOUT,
    PASSWORD_CHANGE,
    PASSWORD_RESET,
    PASSWORD_RESET_CONFIRM,
    REGISTER,
    link_in,
    signup_data,
)
from tests.logs import json_logs

KEYS = "/api/v1/dj-rest-auth/keys/"
PASSWORDS = {
    "registered": "first-Passphrase-2468",
    "wrong": "not-the-Passphrase-1357",
    "changed": "second-Passphrase-9753",
    "reset": "third-Passphrase-8642",
}


class Flow:
    """Requests of one client, each with its own X-Request-ID; remembers every secret it met."""

    def __init__(self):
        self.client = APIClient()
        self.secrets = set(PASSWORDS.values())
        self.count = 0

    def post(self, path, data, key=None):
        self.count += 1
        request_id = f"flow-{self.count}"
        headers = {"HTTP_AUTHORIZATION": f"Token {key}"} if key else {}
        response = self.client.post(path, data, HTTP_X_REQUEST_ID=request_id, **headers)
        if isinstance(response.data, dict) and "key" in response.data:
            self.secrets.add(response.data["key"])
        return response, request_id


@pytest.mark.django_db
def test_a_whole_accounts_run_logs_its_events_and_never_a_secret(mailoutbox, settings):
    settings.ACCOUNT_EMAIL_VERIFICATION = "optional"
    flow = Flow()
    email = "alice@mail.test"
    expected = []  # (event, request id)

    with json_logs(logging.DEBUG) as logs:
        response, _ = flow.post(REGISTER, signup_data(email=email, password=PASSWORDS["registered"]))
        assert response.status_code == 201, response.data
        flow.secrets.add(link_in(mailoutbox[-1], settings.EMAIL_CONFIRM_URL.split("{")[0]).rsplit("/", 1)[-1])

        response, request_id = flow.post(LOGIN, {"username": "alice", "password": PASSWORDS["registered"]})
        assert response.status_code == 200
        session = response.data["key"]
        expected.append(("login_succeeded", request_id))

        response, request_id = flow.post(LOGIN, {"username": "Alice", "password": PASSWORDS["wrong"]})
        assert response.status_code == 400
        expected.append(("login_failed", request_id))

        response, request_id = flow.post(
            PASSWORD_CHANGE,
            {
                "old_password": PASSWORDS["registered"],
                "new_password1": PASSWORDS["changed"],
                "new_password2": PASSWORDS["changed"],
            },
            key=session,
        )
        assert response.status_code == 200, response.data
        expected.append(("password_changed", request_id))

        response, request_id = flow.post(PASSWORD_RESET, {"email": email})
        assert response.status_code == 200
        expected.append(("password_reset", request_id))
        link = link_in(mailoutbox[-1], settings.PASSWORD_RESET_CONFIRM_URL.split("{")[0])
        uid, token = link.rstrip("/").split("/")[-2:]
        flow.secrets.add(token)
        response, request_id = flow.post(
            PASSWORD_RESET_CONFIRM,
            {
                "uid": uid,
                "token": token,
                "new_password1": PASSWORDS["reset"],
                "new_password2": PASSWORDS["reset"],
            },
        )
        assert response.status_code == 200, response.data
        expected.append(("password_reset", request_id))

        response, request_id = flow.post(LOGIN, {"email": email, "password": PASSWORDS["reset"]})
        assert response.status_code == 200
        session = response.data["key"]
        expected.append(("login_succeeded", request_id))

        if apps.is_installed("apps.keys"):
            response, request_id = flow.post(
                KEYS, {"name": "ci", "scopes": ["posts:read"], "password": PASSWORDS["reset"]}, key=session
            )
            assert response.status_code == 201, response.data
            expected.append(("key_created", request_id))

            response, request_id = flow.post(LOGOUT, {}, key=session)
            assert response.status_code == 200
            expected.append(("logout", request_id))

    lines = logs.text.splitlines()
    assert len(lines) >= flow.count
    for secret in flow.secrets:
        leaked = [line for line in lines if secret in line]
        assert not leaked, f"{secret!r} is in the logs"
    # Attempted identifiers are hashed; no e-mail body is logged, not even its first line.
    assert not [line for line in lines if email in line]
    for message in mailoutbox:
        first_line = message.body.strip().splitlines()[0]
        assert not [line for line in lines if first_line in line]

    user_id = next(line["user_id"] for line in logs.lines(event="login_succeeded"))
    for event in {event for event, _ in expected}:
        events = logs.lines(logger="auth", event=event)
        assert [line["request_id"] for line in events] == [rid for name, rid in expected if name == event]
        for line in events:
            assert line["client"] == "127.0.0.1"
            assert line["level"] == "INFO"
            if event == "login_failed":
                assert line["user_id"] is None
                assert line["identifier"] == hashed("alice")
            else:
                assert line["user_id"] == user_id
    assert [line["step"] for line in logs.lines(event="password_reset")] == ["requested", "confirmed"]


@pytest.mark.django_db
def test_an_auth_throttle_refusal_is_an_event(api_client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "1/min"},
    }
    with json_logs() as logs:
        first = api_client.post(LOGIN, {"username": "bob", "password": "x"})
        second = api_client.post(LOGIN, {"username": "bob", "password": "x"}, HTTP_X_REQUEST_ID="throttled-1")

    assert (first.status_code, second.status_code) == (400, 429)
    [line] = logs.lines(event="throttled")
    assert (line["request_id"], line["client"], line["path"]) == ("throttled-1", "127.0.0.1", LOGIN)
    assert not logs.lines(event="account_locked")


@pytest.mark.django_db
def test_a_locked_account_is_an_event_with_the_hashed_identifier(api_client, user, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "2/15m/key"}
    with json_logs() as logs:
        statuses = [
            api_client.post(
                LOGIN, {"username": user.username, "password": f"wrong-{n}"}, REMOTE_ADDR=f"198.51.100.{n}"
            ).status_code
            for n in range(3)
        ]

    assert statuses == [400, 400, 429]
    assert len(logs.lines(event="login_failed")) == 2
    [line] = logs.lines(event="account_locked")
    assert line["identifier"] == hashed(user.username)
    assert line["client"] == "198.51.100.2"
    assert "wrong-" not in logs.text

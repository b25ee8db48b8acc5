"""No answer under /api/ sets a cookie, on success or failure; the admin keeps its session."""

import pytest
from rest_framework.test import APIClient

from tests.accounts.api import (
    LOGIN,
    LOGOUT,
    NEW_PASSWORD,
    PASSWORD_CHANGE,
    PASSWORD_RESET,
    PASSWORD_RESET_CONFIRM,
    REGISTER,
    RESEND_EMAIL,
    USER,
    VERIFY_EMAIL,
    link_in,
    signup_data,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def assert_no_cookie(response):
    assert "Set-Cookie" not in response.headers, response.headers
    assert not response.cookies


@pytest.mark.parametrize("verification", ["none", "optional", "mandatory"])
def test_no_step_of_an_accounts_life_sets_a_cookie(settings, mailoutbox, verification):
    settings.ACCOUNT_EMAIL_VERIFICATION = verification
    settings.EMAIL_CONFIRM_URL = "https://app.example.com/verify/{key}"
    settings.PASSWORD_RESET_CONFIRM_URL = "https://app.example.com/reset/{uid}/{token}"
    client = APIClient()
    responses = []

    def call(method, path, data=None):
        response = getattr(client, method)(path, data)
        assert response.status_code < 500, response.content
        assert_no_cookie(response)
        responses.append(response)
        return response

    call("post", REGISTER, signup_data())
    if mailoutbox:
        key = link_in(mailoutbox[-1], "https://app.example.com/verify/").rsplit("/", 1)[1]
        call("post", RESEND_EMAIL, {"email": "alice@example.com"})
        call("post", VERIFY_EMAIL, {"key": key})
    key = call("post", LOGIN, {"username": "alice", "password": PASSWORD}).json()["key"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    call("get", USER)
    call("patch", USER, {"first_name": "Alice"})
    call("put", USER, {"username": "alice", "first_name": "Alice", "last_name": "A"})
    change = {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    key = call("post", PASSWORD_CHANGE, change).json()["key"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    call("post", LOGOUT)
    client.credentials()
    call("post", PASSWORD_RESET, {"email": "alice@example.com"})
    uid, token = link_in(mailoutbox[-1], "https://app.example.com/reset/").split("/")[-2:]
    reset = {"uid": uid, "token": token, "new_password1": PASSWORD, "new_password2": PASSWORD}
    call("post", PASSWORD_RESET_CONFIRM, reset)
    call("post", LOGIN, {"email": "ALICE@example.com", "password": PASSWORD})
    assert all(response.status_code in (200, 201) for response in responses)


@pytest.mark.parametrize(
    ("method", "path", "data"),
    [
        ("post", REGISTER, {"username": "x"}),
        ("post", LOGIN, {"username": "nobody", "password": "wrong"}),
        ("get", LOGOUT, None),
        ("post", LOGOUT, None),
        ("get", USER, None),
        ("post", PASSWORD_CHANGE, {}),
        ("post", PASSWORD_RESET, {}),
        ("post", PASSWORD_RESET_CONFIRM, {}),
        ("post", VERIFY_EMAIL, {"key": "bad"}),
        ("post", RESEND_EMAIL, {}),
    ],
)
def test_error_answers_set_no_cookie_either(api_client, method, path, data):
    response = getattr(api_client, method)(path, data)

    assert response.status_code >= 400
    assert_no_cookie(response)


def test_a_browser_session_sent_to_the_api_is_neither_used_nor_renewed(admin_client):
    """The admin's cookies ride along when a browser calls the API; the answer must not touch them."""
    response = admin_client.post(
        LOGIN, {"username": "admin", "password": "password"}, content_type="application/json"
    )

    assert_no_cookie(response)


def test_the_admin_keeps_its_session_cookie(client, admin_user):
    response = client.post("/admin/login/", {"username": "admin", "password": "password", "next": "/admin/"})

    assert response.status_code == 302
    assert "sessionid" in response.cookies
    assert client.get("/admin/").status_code == 200

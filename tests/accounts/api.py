"""The accounts routes and small helpers shared by the accounts tests."""

import re

from tests.factories import PASSWORD

BASE = "/api/v1/dj-rest-auth/"
REGISTER = BASE + "registration/"
VERIFY_EMAIL = BASE + "registration/verify-email/"
RESEND_EMAIL = BASE + "registration/resend-email/"
LOGIN = BASE + "login/"
LOGOUT = BASE + "logout/"
USER = BASE + "user/"
PASSWORD_CHANGE = BASE + "password/change/"
PASSWORD_RESET = BASE + "password/reset/"
PASSWORD_RESET_CONFIRM = BASE + "password/reset/confirm/"

NEW_PASSWORD = "a-brand-new-passphrase-42"


def signup_data(username="alice", email="alice@example.com", password=PASSWORD):
    return {"username": username, "email": email, "password1": password, "password2": password}


def link_in(message, prefix):
    """The one link in an e-mail's body that starts with prefix."""
    links = re.findall(re.escape(prefix) + r"\S+", message.body)
    assert len(links) == 1, message.body
    return links[0]


def token_client(api_client, key):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api_client

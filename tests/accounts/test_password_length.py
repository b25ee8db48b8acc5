"""Passwords are at most 4,096 characters: a longer one is a 400 naming the limit, never hashed."""

import pytest

from tests.accounts.api import LOGIN, PASSWORD_CHANGE, PASSWORD_RESET_CONFIRM, REGISTER, signup_data
from tests.accounts.counting_hasher import CountingPasswordHasher
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

TOO_LONG = "p" * 4097
LONGEST = "Correct horse " * 292 + "bat"  # 4,091 characters, not too similar to anything
TOO_LONG_MESSAGE = ["Ensure this field has no more than 4096 characters."]


@pytest.fixture(autouse=True)
def hasher(settings):
    settings.PASSWORD_HASHERS = ["tests.accounts.counting_hasher.CountingPasswordHasher"]
    CountingPasswordHasher.lengths = []
    return CountingPasswordHasher


def post_unhashed(client, hasher, path, data):
    """The answer, asserting that the overlong password was not hashed to give it.

    A password change still checks a well-formed old password, hashing that one: bounded work.
    """
    response = client.post(path, data)
    assert len(TOO_LONG) not in hasher.lengths, "the overlong password was hashed"
    return response


@pytest.mark.parametrize("field", ["password1", "password2"])
def test_registration(api_client, hasher, field):
    response = post_unhashed(api_client, hasher, REGISTER, {**signup_data(), field: TOO_LONG})

    assert response.status_code == 400
    assert response.json()[field] == TOO_LONG_MESSAGE


@pytest.mark.parametrize("username", ["known", "unknown"])
def test_login(api_client, hasher, username):
    """Django hashes the given password even for an unknown user, to take the same time."""
    UserFactory(username="known")

    response = post_unhashed(api_client, hasher, LOGIN, {"username": username, "password": TOO_LONG})

    assert response.status_code == 400
    assert response.json() == {"password": TOO_LONG_MESSAGE}


@pytest.mark.parametrize("field", ["old_password", "new_password1", "new_password2"])
def test_password_change(auth_client, hasher, field):
    data = {
        "old_password": PASSWORD,
        "new_password1": "a-new-passphrase-42",
        "new_password2": "a-new-passphrase-42",
    }

    response = post_unhashed(auth_client, hasher, PASSWORD_CHANGE, {**data, field: TOO_LONG})

    assert response.status_code == 400
    assert response.json() == {field: TOO_LONG_MESSAGE}


@pytest.mark.parametrize("field", ["new_password1", "new_password2"])
def test_password_reset_confirm(api_client, hasher, field):
    data = {
        "uid": "1",
        "token": "x",
        "new_password1": "a-new-passphrase-42",
        "new_password2": "a-new-passphrase-42",
    }

    response = post_unhashed(api_client, hasher, PASSWORD_RESET_CONFIRM, {**data, field: TOO_LONG})

    assert response.status_code == 400
    assert response.json()[field] == TOO_LONG_MESSAGE


def test_a_password_of_4096_characters_or_fewer_registers_and_logs_in(api_client, hasher):
    assert len(LONGEST) <= 4096

    registered = api_client.post(REGISTER, signup_data(password=LONGEST))
    login = api_client.post(LOGIN, {"username": "alice", "password": LONGEST})

    assert registered.status_code == 201, registered.content
    assert login.status_code == 200, login.content
    assert len(LONGEST) in hasher.lengths

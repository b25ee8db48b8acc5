"""Argon2 first, PBKDF2 kept: old hashes still log in and are upgraded to Argon2 on the way.

The test settings use a cheap hasher; these tests put back the production list from settings.base.
"""

import pytest
from django.contrib.auth.hashers import make_password
from django.test import override_settings

from settings import base
from tests.factories import PASSWORD, UserFactory
from tests.keys.api import row_of

LOGIN = "/api/v1/dj-rest-auth/login/"
USER = "/api/v1/dj-rest-auth/user/"

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("production_hashers")]


@pytest.fixture
def production_hashers():
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        yield


def test_production_hashes_new_passwords_with_argon2():
    assert make_password(PASSWORD).startswith("argon2$argon2id$")


@pytest.mark.parametrize("old_hasher", ["pbkdf2_sha256", "pbkdf2_sha1"])
def test_a_pbkdf2_hash_still_logs_in_and_is_upgraded_to_argon2(api_client, old_hasher):
    user = UserFactory(username="old-timer")
    user.password = make_password(PASSWORD, hasher=old_hasher)
    user.save(update_fields=["password"])

    response = api_client.post(LOGIN, {"username": "old-timer", "password": PASSWORD})

    assert response.status_code == 200, response.content
    key = response.json()["key"]
    assert row_of(key).user == user
    user.refresh_from_db()
    assert user.password.startswith("argon2$argon2id$")
    assert user.check_password(PASSWORD)
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get(USER).status_code == 200


def test_a_wrong_password_against_a_pbkdf2_hash_is_refused_and_leaves_the_hash(api_client):
    user = UserFactory(username="old-timer")
    old_hash = make_password(PASSWORD, hasher="pbkdf2_sha256")
    user.password = old_hash
    user.save(update_fields=["password"])

    response = api_client.post(LOGIN, {"username": "old-timer", "password": "not-the-password"})

    assert response.status_code == 400
    assert "non_field_errors" in response.json()
    assert "Set-Cookie" not in response.headers
    user.refresh_from_db()
    assert user.password == old_hash

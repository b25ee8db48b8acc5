"""No value is ever cut short or confusable: a field past its length is a 400 naming the limit, and
usernames are 1 to 150 ASCII letters, digits, `.`, `_` and `-`."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from apps.accounts.serializers import duplicate_account_error
from tests.accounts.api import LOGIN, REGISTER, USER, signup_data
from tests.factories import PASSWORD, UserFactory
from tests.keys.api import KEYS

User = get_user_model()

pytestmark = pytest.mark.django_db

CYRILLIC_ES = "\u0441"


def too_long(limit):
    return [f"Ensure this field has no more than {limit} characters."]


def address_of_length(length):
    """A valid address of exactly `length` characters (labels of at most 63, a local part of 64)."""
    local = "a" * 64
    labels = []
    remaining = length - len(local) - 1 - len(".com")
    while remaining > 0:
        label = min(63, remaining - 1 if labels or remaining > 63 else remaining)
        if labels:
            remaining -= 1  # the dot before it
        labels.append("b" * max(label, 1))
        remaining -= max(label, 1)
    address = f"{local}@{'.'.join(labels)}.com"
    assert len(address) == length, len(address)
    return address


class TestRegistrationEmail:
    def test_the_302_character_address_is_a_400_naming_the_limit_not_stored_cut_short(
        self, api_client, mailoutbox
    ):
        address = address_of_length(302)

        response = api_client.post(REGISTER, signup_data(email=address))

        assert response.status_code == 400
        assert response.json() == {"email": too_long(254)}
        assert not User.objects.exists()
        assert not EmailAddress.objects.exists()
        assert mailoutbox == []

    def test_255_characters_is_a_400(self, api_client):
        response = api_client.post(REGISTER, signup_data(email=address_of_length(255)))

        assert response.status_code == 400
        assert response.json() == {"email": too_long(254)}

    def test_254_characters_are_stored_whole(self, api_client):
        address = address_of_length(254)

        response = api_client.post(REGISTER, signup_data(email=address))

        assert response.status_code == 201, response.content
        assert User.objects.get().email == address
        assert EmailAddress.objects.get().email == address


class TestUsernames:
    @pytest.mark.parametrize("username", ["a", "alice", "Alice.Smith_2-b", "a" * 150])
    def test_ascii_letters_digits_dot_underscore_and_hyphen_are_accepted(self, api_client, username):
        response = api_client.post(REGISTER, signup_data(username=username))

        assert response.status_code == 201, response.content
        assert User.objects.get().username == username

    @pytest.mark.parametrize(
        "username",
        [f"ali{CYRILLIC_ES}e", "alice@example.com", "alice+1", "alice smith", "ålice", "alice\u200b", "a/b"],
        ids=["cyrillic es", "at", "plus", "space", "a ring", "zero width space", "slash"],
    )
    def test_anything_else_is_a_400_at_registration(self, api_client, username):
        response = api_client.post(REGISTER, signup_data(username=username))

        assert response.status_code == 400
        assert response.json() == {
            "username": ["Enter a valid username: ASCII letters, digits and the characters . _ - only."]
        }
        assert not User.objects.exists()

    def test_a_look_alike_of_an_existing_name_cannot_stand_beside_it(self, api_client):
        UserFactory(username="alice", email="alice@example.com")

        response = api_client.post(
            REGISTER, signup_data(username=f"ali{CYRILLIC_ES}e", email="mallory@example.com")
        )

        assert response.status_code == 400
        assert User.objects.count() == 1

    def test_an_overlong_username_is_a_400_naming_the_limit(self, api_client):
        response = api_client.post(REGISTER, signup_data(username="a" * 151))

        assert response.status_code == 400
        assert response.json() == {"username": too_long(150)}

    def test_nor_can_one_be_taken_in_user_details(self, auth_client, user):
        response = auth_client.patch(USER, {"username": f"ali{CYRILLIC_ES}e"})

        assert response.status_code == 400
        assert response.json() == {
            "username": ["Enter a valid username: ASCII letters, digits and the characters . _ - only."]
        }
        user.refresh_from_db()
        assert user.username != f"ali{CYRILLIC_ES}e"

    def test_an_account_named_before_the_rule_keeps_working(self, api_client):
        legacy = UserFactory(username="old+name@example")
        key = api_client.post(LOGIN, {"username": "old+name@example", "password": PASSWORD}).json()["key"]
        api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")

        response = api_client.put(
            USER, {"username": "old+name@example", "first_name": "Ada", "last_name": ""}
        )

        assert response.status_code == 200, response.content
        legacy.refresh_from_db()
        assert (legacy.username, legacy.first_name) == ("old+name@example", "Ada")

    def test_the_admin_refuses_a_look_alike_too(self, client):
        staff = UserFactory(username="staff", is_staff=True, is_superuser=True)
        client.force_login(staff)
        name = f"ali{CYRILLIC_ES}e"

        response = client.post(
            "/admin/accounts/user/add/",
            {"username": name, "password1": "a-long-passphrase-42", "password2": "a-long-passphrase-42"},
        )

        assert response.status_code == 200  # the form again, with its error
        assert "Enter a valid username" in response.content.decode()
        assert not User.objects.filter(username=name).exists()


class TestUserDetails:
    @pytest.mark.parametrize("field", ["first_name", "last_name"])
    def test_a_name_over_150_characters_is_a_400_and_nothing_changes(self, auth_client, user, field):
        response = auth_client.patch(USER, {field: "n" * 151})

        assert response.status_code == 400
        assert response.json() == {field: too_long(150)}
        user.refresh_from_db()
        assert getattr(user, field) == ""

    @pytest.mark.parametrize("field", ["first_name", "last_name"])
    def test_150_characters_are_stored_whole(self, auth_client, user, field):
        assert auth_client.patch(USER, {field: "n" * 150}).status_code == 200
        user.refresh_from_db()
        assert getattr(user, field) == "n" * 150

    def test_a_username_over_150_characters_is_a_400(self, auth_client, user):
        response = auth_client.patch(USER, {"username": "u" * 151})

        assert response.status_code == 400
        assert response.json() == {"username": too_long(150)}


class TestDeviceAndKeyNames:
    def test_a_registration_device_over_100_characters_is_a_400(self, api_client):
        response = api_client.post(REGISTER, {**signup_data(), "device": "d" * 101})

        assert response.status_code == 400
        assert response.json() == {"device": too_long(100)}
        assert not User.objects.exists()

    def test_a_login_device_over_100_characters_is_a_400(self, api_client, user):
        response = api_client.post(
            LOGIN, {"username": user.username, "password": PASSWORD, "device": "d" * 101}
        )

        assert response.status_code == 400
        assert response.json() == {"device": too_long(100)}

    def test_an_api_key_name_over_100_characters_is_a_400(self, auth_client):
        response = auth_client.post(KEYS, {"name": "k" * 101, "scopes": ["posts:read"], "password": PASSWORD})

        assert response.status_code == 400
        assert response.json() == {"name": too_long(100)}


class TestDuplicateAddressMessage:
    """Two registrations that race past validation meet the database's constraint: the same 400 on
    SQLite and PostgreSQL (their IntegrityError messages differ)."""

    @pytest.mark.parametrize(
        ("existing", "duplicate", "answer"),
        [
            (
                {"email": "bob@example.com"},
                {"email": "BOB@example.com"},
                {"email": ["A user is already registered with this e-mail address."]},
            ),
            (
                {"email": "bob@example.com"},
                {"email": "bob@example.com"},
                {"email": ["A user is already registered with this e-mail address."]},
            ),
            (
                {"username": "bob"},
                {"username": "Bob", "email": "x@example.com"},
                {"username": ["A user with that username already exists."]},
            ),
            (
                {"username": "bob"},
                {"username": "bob", "email": "x@example.com"},
                {"username": ["A user with that username already exists."]},
            ),
        ],
    )
    def test_the_constraint_becomes_the_validation_message(self, existing, duplicate, answer):
        UserFactory(**existing)

        with pytest.raises(IntegrityError) as refused, transaction.atomic():
            UserFactory(**duplicate)

        assert duplicate_account_error(refused.value).detail == answer

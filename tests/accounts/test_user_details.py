import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction

from apps.accounts.serializers import duplicate_account_error
from tests.accounts.api import USER
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_get_answers_the_callers_account(auth_client, user):
    response = auth_client.get(USER)

    assert response.status_code == 200
    assert response.json() == {
        "pk": user.pk,
        "username": user.username,
        "email": user.email,
        "first_name": "",
        "last_name": "",
    }


def test_without_a_token_it_is_a_401(api_client):
    response = api_client.get(USER)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_patch_changes_names(auth_client, user):
    response = auth_client.patch(USER, {"first_name": "Ada", "last_name": "Lovelace"})

    assert response.status_code == 200
    assert response.json()["first_name"] == "Ada"
    user.refresh_from_db()
    assert (user.first_name, user.last_name) == ("Ada", "Lovelace")


def test_put_with_ones_own_username_is_accepted(auth_client, user):
    response = auth_client.put(USER, {"username": user.username, "first_name": "Ada", "last_name": ""})

    assert response.status_code == 200, response.content
    assert response.json()["first_name"] == "Ada"


def test_put_needs_the_username(auth_client):
    response = auth_client.put(USER, {"first_name": "Ada"})

    assert response.status_code == 400
    assert response.json() == {"username": ["This field is required."]}


@pytest.mark.parametrize("taken", ["bob", "BOB"])
def test_taking_someone_elses_username_in_any_case_is_a_400(auth_client, taken):
    UserFactory(username="bob")

    response = auth_client.patch(USER, {"username": taken})

    assert response.status_code == 400
    assert response.json() == {"username": ["A user with that username already exists."]}


def test_pk_email_and_privileges_cannot_be_set(auth_client, user):
    response = auth_client.patch(
        USER,
        {
            "pk": 999,
            "email": "mine-now@example.com",
            "is_staff": True,
            "is_superuser": True,
            "password": "owned-by-someone-else",
        },
    )

    assert response.status_code == 200
    assert response.json()["pk"] == user.pk
    assert response.json()["email"] == user.email
    user.refresh_from_db()
    assert user.pk != 999
    assert not user.is_staff
    assert not user.is_superuser
    assert user.check_password(PASSWORD)


def test_an_overlong_name_is_a_400_naming_the_limit(auth_client):
    response = auth_client.patch(USER, {"first_name": "a" * 151})

    assert response.status_code == 400
    assert response.json() == {"first_name": ["Ensure this field has no more than 150 characters."]}


@pytest.mark.parametrize(
    ("existing", "duplicate", "field"),
    [
        ({"username": "bob"}, {"username": "BOB", "email": "other@example.com"}, "username"),
        ({"email": "bob@example.com"}, {"email": "Bob@Example.com"}, "email"),
    ],
)
def test_the_database_refuses_case_variants_and_the_error_names_the_field(existing, duplicate, field):
    UserFactory(**existing)

    with pytest.raises(IntegrityError) as refused, transaction.atomic():
        UserFactory(**duplicate)

    assert set(duplicate_account_error(refused.value).detail) == {field}


def test_addresses_are_stored_in_lowercase_whoever_creates_the_account():
    user = get_user_model().objects.create_user("carol", "Carol@Example.COM", PASSWORD)

    assert user.email == "carol@example.com"

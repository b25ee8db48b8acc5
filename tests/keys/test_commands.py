"""The operator's commands: create_service_key, revoke_key, clear_expired_keys."""

import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from apps.keys.models import Key
from apps.keys.services import api_key_create, session_create
from tests.accounts.api import LOGIN, PASSWORD_RESET, REGISTER, USER, signup_data
from tests.factories import UserFactory
from tests.keys.test_sessions import client_for
from tests.posts.conftest import POSTS

pytestmark = pytest.mark.django_db
User = get_user_model()


def run(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command(*args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_create_service_key_prints_only_the_key_and_makes_the_account(clock):
    out, err = run(
        "create_service_key", "--service", "billing", "--scope", "posts:read", "--expires-in-days", "90"
    )

    key = out.strip()
    assert out == key + "\n"
    assert key.startswith("tak_")
    assert "Created the service account billing." in err
    assert key not in err
    billing = User.objects.get(username="billing")
    assert billing.is_service
    assert billing.email == ""
    assert not billing.has_usable_password()
    row = billing.keys.get()
    assert (row.kind, row.scopes) == (Key.Kind.API, ["posts:read"])
    assert row.expires_at == clock.now + timedelta(days=90)
    assert client_for(key).get(USER).json()["username"] == "billing"


def test_a_second_key_reuses_the_service_account():
    first, _ = run("create_service_key", "--service", "billing", "--scope", "posts:read")
    second, err = run(
        "create_service_key", "--service", "billing", "--scope", "posts:read", "--scope", "posts:write"
    )

    assert "Created" not in err
    assert User.objects.filter(is_service=True).count() == 1
    assert (
        Key.objects.get(digest__isnull=False, scopes=["posts:read", "posts:write"]).user.username == "billing"
    )
    assert first != second


def test_two_service_accounts_without_an_address_do_not_collide():
    run("create_service_key", "--service", "billing", "--scope", "posts:read")
    run("create_service_key", "--service", "search", "--scope", "posts:read")

    assert set(User.objects.filter(is_service=True).values_list("email", flat=True)) == {""}


def test_a_service_writes_posts_as_itself():
    key, _ = run("create_service_key", "--service", "importer", "--scope", "posts:write")

    response = client_for(key.strip()).post(POSTS, {"title": "Imported", "body": "From the importer."})

    assert response.status_code == 201
    assert response.json()["author"]["username"] == "importer"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--service", "Alice", "--scope", "posts:read"], "'alice' is a person's account"),
        (["--service", "bad name!", "--scope", "posts:read"], "--service: Enter a valid username"),
        (
            ["--service", "billing", "--scope", "posts:read", "--name", ""],
            "--name must be 1 to 100 characters",
        ),
    ],
)
def test_create_service_key_refuses_and_makes_nothing(args, message):
    UserFactory(username="alice")

    with pytest.raises(CommandError, match=message):
        run("create_service_key", *args)

    assert not Key.objects.exists()
    assert not User.objects.filter(is_service=True).exists()


@pytest.mark.parametrize(
    "args",
    [
        ["--service", "billing"],
        ["--service", "billing", "--scope", "posts:delete"],
        ["--service", "billing", "--scope", "posts:read", "--expires-in-days", "0"],
        ["--scope", "posts:read"],
    ],
)
def test_create_service_key_usage_errors(args):
    with pytest.raises(CommandError):
        run("create_service_key", *args)
    assert not Key.objects.exists()


def test_nobody_logs_in_as_a_service_account_even_with_a_password(api_client):
    run("create_service_key", "--service", "billing", "--scope", "posts:read")
    billing = User.objects.get(username="billing")
    # Even if staff gave it a password and an address: the check is explicit.
    billing.set_password("a-password-for-billing-1")
    billing.email = "billing@example.com"
    billing.save()

    for credentials in ({"username": "billing"}, {"email": "billing@example.com"}):
        response = api_client.post(LOGIN, {**credentials, "password": "a-password-for-billing-1"})
        assert response.status_code == 400
        assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert not billing.keys.filter(kind=Key.Kind.SESSION).exists()


def test_nobody_registers_a_service_accounts_name(api_client):
    run("create_service_key", "--service", "billing", "--scope", "posts:read")

    response = api_client.post(REGISTER, signup_data(username="Billing", email="b@example.com"))

    assert response.status_code == 400
    assert "username" in response.json()


def test_a_service_account_gets_no_reset_e_mail(api_client, mailoutbox):
    run("create_service_key", "--service", "billing", "--scope", "posts:read")

    response = api_client.post(PASSWORD_RESET, {"email": ""})

    assert response.status_code == 400
    assert mailoutbox == []


def test_revoke_key_revokes_one_key(user):
    keep = session_create(user=user, request=None).key
    revoke = api_key_create(user=user, name="ci", scopes=["posts:read"], expires_at=None)

    out, _ = run("revoke_key", str(revoke.instance.pk))

    assert out == f"Revoked API key {revoke.instance.pk} of {user.username}.\n"
    assert client_for(revoke.key).get(USER).status_code == 401
    assert client_for(keep).get(USER).status_code == 200


@pytest.mark.parametrize("key_id", ["12345", "99999999999999999999999"])
def test_revoke_key_of_an_unknown_id_is_an_error(key_id):
    with pytest.raises(CommandError, match="No session or API key has the id"):
        run("revoke_key", key_id)


def test_revoke_key_needs_a_number():
    with pytest.raises(CommandError):
        run("revoke_key", "abc")


def test_clear_expired_keys_deletes_expired_sessions_and_api_keys_only(user, clock, settings):
    settings.TOKEN_IDLE_TIMEOUT = 3600
    idle = session_create(user=user, request=None).key
    expiring = api_key_create(
        user=user, name="a", scopes=["posts:read"], expires_at=clock.now + timedelta(minutes=30)
    )
    forever = api_key_create(user=user, name="b", scopes=["posts:read"], expires_at=None)
    clock.advance(minutes=59)
    live = session_create(user=user, request=None).key
    clock.advance(minutes=2)

    out, _ = run("clear_expired_keys")

    assert out == "Deleted 2 expired sessions and API keys.\n"
    assert Key.objects.count() == 2
    assert client_for(live).get(USER).status_code == 200
    assert client_for(forever.key).get(USER).status_code == 200
    assert client_for(idle).get(USER).status_code == 401
    assert client_for(expiring.key).get(USER).status_code == 401

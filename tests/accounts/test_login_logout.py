import pytest

from apps.keys.models import Key
from tests.accounts.api import LOGIN, LOGOUT, USER, token_client
from tests.factories import PASSWORD, UserFactory
from tests.keys.api import row_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return UserFactory(username="Alice", email="alice@example.com")


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": "Alice"},
        {"username": "alice"},
        {"username": "ALICE"},
        {"email": "alice@example.com"},
        {"email": "ALICE@Example.COM"},
        # Apps often send whatever the user typed in one field.
        {"username": "Alice@EXAMPLE.com"},
    ],
)
def test_login_by_username_or_email_in_any_case_answers_the_key(api_client, alice, credentials):
    response = api_client.post(LOGIN, {**credentials, "password": PASSWORD})

    assert response.status_code == 200, response.content
    key = response.json()["key"]
    assert response.json() == {"key": key, "expires_at": response.json()["expires_at"]}
    assert row_of(key).user == alice


def test_logging_in_twice_makes_two_sessions(api_client, alice):
    first = api_client.post(LOGIN, {"username": "alice", "password": PASSWORD}).json()["key"]
    second = api_client.post(LOGIN, {"username": "alice", "password": PASSWORD}).json()["key"]

    assert first != second
    assert alice.keys.count() == 2


@pytest.mark.parametrize(
    "credentials",
    [
        {"username": "Alice", "password": "wrong-password"},
        {"email": "alice@example.com", "password": "wrong-password"},
        {"username": "nobody", "password": PASSWORD},
    ],
)
def test_bad_credentials_are_a_400(api_client, alice, credentials):
    response = api_client.post(LOGIN, credentials)

    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to log in with provided credentials."]}
    assert not Key.objects.exists()


def test_an_inactive_user_cannot_log_in(api_client):
    UserFactory(username="gone", is_active=False)

    response = api_client.post(LOGIN, {"username": "gone", "password": PASSWORD})

    assert response.status_code == 400
    assert not Key.objects.exists()


def test_login_without_a_login_name_is_a_400(api_client):
    response = api_client.post(LOGIN, {"password": PASSWORD})

    assert response.status_code == 400
    assert response.json() == {
        "non_field_errors": ['Must include either "username" or "email" and "password".']
    }


def test_login_without_a_password_is_a_400(api_client):
    response = api_client.post(LOGIN, {"username": "alice"})

    assert response.status_code == 400
    assert response.json() == {"password": ["This field is required."]}


@pytest.mark.parametrize("header", ["Token " + "0" * 40, "Token", "Token a b", "Bearer whatever"])
def test_a_stale_or_malformed_authorization_header_does_not_block_login(api_client, alice, header):
    api_client.credentials(HTTP_AUTHORIZATION=header)

    response = api_client.post(LOGIN, {"username": "alice", "password": PASSWORD})

    assert response.status_code == 200
    assert "key" in response.json()


def test_logout_deletes_the_session_at_once(auth_client, token):
    response = auth_client.post(LOGOUT)

    assert response.status_code == 200
    assert response.json() == {"detail": "Successfully logged out."}
    assert row_of(token) is None
    after = auth_client.get(USER)
    assert after.status_code == 401
    assert after["WWW-Authenticate"] == "Token"
    assert after.json() == {"detail": "Invalid token."}


def test_get_logout_is_a_405_and_keeps_the_token(auth_client, token, settings):
    settings.ACCOUNT_LOGOUT_ON_GET = True

    response = auth_client.get(LOGOUT)

    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "GET" not allowed.'}
    assert row_of(token) is not None


def test_logout_without_a_token_is_a_401(api_client):
    response = api_client.post(LOGOUT)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Authentication credentials were not provided."}


def test_logout_with_a_revoked_token_is_a_401(api_client, user):
    token_client(api_client, "f" * 40)

    response = api_client.post(LOGOUT)

    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid token."}


def test_a_session_cookie_authenticates_nothing(api_client, admin_client):
    """A browser signed into the admin sends its sessionid to the API too: it is not a credential."""
    api_client.cookies = admin_client.cookies

    response = api_client.get(USER)

    assert response.status_code == 401


def login_from(api_client, address, **credentials):
    return api_client.post(LOGIN, credentials, REMOTE_ADDR=address)


def test_failed_logins_lock_the_account_whatever_the_clients_address(api_client, alice):
    """ACCOUNT_RATE_LIMITS["login_failed"]: 10 per account per 15 minutes, from anywhere."""
    for n in range(10):
        assert (
            login_from(api_client, f"198.51.100.{n}", username="alice", password="guess").status_code == 400
        )

    response = login_from(api_client, "203.0.113.50", username="alice", password=PASSWORD)

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert response.json()["detail"].startswith("Request was throttled.")
    assert not Key.objects.exists()


def test_other_accounts_are_not_locked_by_failures_on_one(api_client, alice):
    UserFactory(username="bob")
    for n in range(10):
        login_from(api_client, f"198.51.100.{n}", username="alice", password="guess")

    assert login_from(api_client, "203.0.113.50", username="bob", password=PASSWORD).status_code == 200


def test_successful_logins_do_not_count_as_failures(api_client, alice):
    for n in range(8):
        assert (
            login_from(api_client, f"198.51.100.{n}", username="alice", password=PASSWORD).status_code == 200
        )

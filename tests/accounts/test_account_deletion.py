"""POST user/delete/: the account and everything it owns go at once; its names can register again."""

import pytest
from allauth.account.models import EmailAddress
from dj_rest_auth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from apps.keys.models import Key
from apps.keys.services import api_key_create, service_key_create, session_create
from apps.posts.models import Post
from tests.accounts.api import LOGIN, REGISTER, USER, signup_data
from tests.factories import PASSWORD, UserFactory
from tests.logs import json_logs
from tests.mfa.api import DELETE_ACCOUNT, client_with, code, enable_mfa

pytestmark = pytest.mark.django_db
User = get_user_model()


def owned_rows(user_id):
    """What an account leaves behind, by table; all zeros once it is deleted."""
    return {
        "keys": Key.objects.filter(user_id=user_id).count(),
        "authenticators": Authenticator.objects.filter(user_id=user_id).count(),
        "addresses": EmailAddress.objects.filter(user_id=user_id).count(),
        "posts": Post.objects.filter(author_id=user_id).count(),
    }


NOTHING = {"keys": 0, "authenticators": 0, "addresses": 0, "posts": 0}


@pytest.fixture
def registered(api_client, mailoutbox):
    """An account made over HTTP, with an e-mail address row, a post, an API key and MFA on."""
    response = api_client.post(REGISTER, signup_data(username="dora", email="Dora@Example.com"))
    assert response.status_code == 201, response.content
    client = client_with(response.json()["key"])
    user = User.objects.get(username="dora")
    assert client.post("/api/v1/posts/", {"title": "mine", "body": "text"}).status_code == 201
    api_key_create(user=user, name="script", scopes=["posts:read"], expires_at=None)
    return user, client


def test_an_account_is_deleted_with_everything_it_owns(registered, api_client):
    user, client = registered
    other = UserFactory()
    others_post = Post.objects.create(author=other, title="theirs", body="text")
    assert owned_rows(user.pk) == {"keys": 2, "authenticators": 0, "addresses": 1, "posts": 1}

    with json_logs() as logs:
        response = client.post(DELETE_ACCOUNT, {"password": PASSWORD})

    assert response.status_code == 204
    assert response.content == b""
    assert not User.objects.filter(pk=user.pk).exists()
    assert owned_rows(user.pk) == NOTHING
    assert client.get(USER).status_code == 401
    assert Post.objects.filter(pk=others_post.pk).exists()
    assert logs.lines(event="account_deleted", user_id=user.pk)


def test_the_username_and_address_can_register_again(registered, api_client):
    user, client = registered
    assert client.post(DELETE_ACCOUNT, {"password": PASSWORD}).status_code == 204

    response = api_client.post(REGISTER, signup_data(username="dora", email="dora@example.com"))

    assert response.status_code == 201, response.content
    assert User.objects.get(username="dora").pk != user.pk
    login = api_client.post(LOGIN, {"email": "DORA@example.com", "password": PASSWORD})
    assert login.status_code == 200


def test_with_mfa_on_the_account_goes_with_its_authenticators(auth_client, user):
    enabled = enable_mfa(auth_client, timezone.now())
    assert owned_rows(user.pk)["authenticators"] == 2  # TOTP and recovery codes

    # The next step's code: the activation used the current one.
    the_code = code(enabled.secret, timezone.now(), steps=1)
    response = auth_client.post(DELETE_ACCOUNT, {"password": PASSWORD, "code": the_code})

    assert response.status_code == 204
    assert owned_rows(user.pk) == NOTHING


def test_a_recovery_code_deletes_too(auth_client):
    enabled = enable_mfa(auth_client, timezone.now())

    response = auth_client.post(DELETE_ACCOUNT, {"password": PASSWORD, "code": enabled.recovery_codes[0]})

    assert response.status_code == 204


@pytest.mark.parametrize(
    ("body", "errors"),
    [
        ({"password": "wrong"}, {"password": ["Wrong password."]}),
        ({}, {"password": ["This field is required."]}),
        ({"password": "x" * 4097}, {"password": ["Ensure this field has no more than 4096 characters."]}),
    ],
    ids=["wrong", "missing", "too long"],
)
def test_a_wrong_password_deletes_nothing(auth_client, user, body, errors):
    rows = owned_rows(user.pk)

    response = auth_client.post(DELETE_ACCOUNT, body)

    assert response.status_code == 400
    assert response.json() == errors
    assert User.objects.filter(pk=user.pk).exists()
    assert owned_rows(user.pk) == rows
    assert auth_client.get(USER).status_code == 200


@pytest.mark.parametrize(
    ("extra", "errors"),
    [
        ({}, {"code": ["MFA is on: a code is required."]}),
        ({"code": "000000"}, {"code": ["Invalid code."]}),
    ],
    ids=["missing", "wrong"],
)
def test_with_mfa_on_a_missing_or_wrong_code_deletes_nothing(auth_client, user, extra, errors):
    enable_mfa(auth_client, timezone.now())
    rows = owned_rows(user.pk)

    response = auth_client.post(DELETE_ACCOUNT, {"password": PASSWORD, **extra})

    assert response.status_code == 400
    assert response.json() == errors
    assert owned_rows(user.pk) == rows


def test_wrong_passwords_count_against_the_accounts_lock(auth_client, user):
    for attempt in range(10):
        response = auth_client.post(
            DELETE_ACCOUNT, {"password": "wrong"}, REMOTE_ADDR=f"198.51.100.{attempt}"
        )
        assert response.status_code == 400

    response = auth_client.post(DELETE_ACCOUNT, {"password": PASSWORD}, REMOTE_ADDR="192.0.2.1")

    assert response.status_code == 429
    assert User.objects.filter(pk=user.pk).exists()


def test_an_api_key_cannot_delete_the_account(api_key_client, user):
    response = api_key_client().post(DELETE_ACCOUNT, {"password": PASSWORD})

    assert response.status_code == 403
    assert User.objects.filter(pk=user.pk).exists()


def test_no_key_is_a_401(api_client):
    response = api_client.post(DELETE_ACCOUNT, {"password": PASSWORD})

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_service_account_cannot_be_deleted_this_way(api_client):
    issued, _ = service_key_create(service="billing", scopes=["posts:read"])
    service = issued.instance.user
    # Even a session (none can be had by logging in) finds no password to check.
    session = session_create(user=service, request=None).key

    assert client_with(issued.key).post(DELETE_ACCOUNT, {"password": ""}).status_code == 403
    response = client_with(session).post(DELETE_ACCOUNT, {"password": "anything"})

    assert response.status_code == 400
    assert response.json() == {"password": ["Wrong password."]}
    assert User.objects.filter(pk=service.pk).exists()


def test_deletion_counts_against_the_auth_rate_per_client(auth_client, settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "2/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    for _ in range(2):
        assert auth_client.post(DELETE_ACCOUNT, {"password": "wrong"}).status_code == 400

    response = auth_client.post(DELETE_ACCOUNT, {"password": PASSWORD})

    assert response.status_code == 429
    assert "Retry-After" in response


def test_get_is_a_405(auth_client):
    assert auth_client.get(DELETE_ACCOUNT).status_code == 405


class TestAdminDeletion:
    """Staff delete an account through the admin's own pages: the same rows go."""

    def confirm(self, client, user):
        page = client.get(f"/admin/accounts/user/{user.pk}/delete/")
        assert page.status_code == 200
        assert "Are you sure" in page.content.decode()
        return client.post(f"/admin/accounts/user/{user.pk}/delete/", {"post": "yes"})

    def test_a_superuser_deletes_an_account_and_all_it_owns(self, admin_client, registered):
        user, _client = registered

        response = self.confirm(admin_client, user)

        assert response.status_code == 302
        assert not User.objects.filter(pk=user.pk).exists()
        assert owned_rows(user.pk) == NOTHING

    def test_staff_allowed_to_delete_users_need_no_other_permission(self, client, registered):
        user, user_client = registered
        enable_mfa(user_client, timezone.now())
        staff = UserFactory(is_staff=True)
        staff.user_permissions.add(
            *Permission.objects.filter(
                codename__in=["view_user", "delete_user"], content_type__app_label="accounts"
            )
        )
        client.force_login(staff)

        response = self.confirm(client, user)

        assert response.status_code == 302
        assert owned_rows(user.pk) == NOTHING

    def test_the_bulk_action_deletes_everything_too(self, admin_client, registered):
        user, _client = registered
        second = UserFactory()
        session_create(user=second, request=None)

        response = admin_client.post(
            "/admin/accounts/user/",
            {"action": "delete_selected", "_selected_action": [user.pk, second.pk], "post": "yes"},
        )

        assert response.status_code == 302
        assert owned_rows(user.pk) == NOTHING
        assert owned_rows(second.pk) == NOTHING
        assert not User.objects.filter(pk__in=[user.pk, second.pk]).exists()

    def test_staff_without_the_permission_cannot_delete(self, client, registered):
        user, _client = registered
        staff = UserFactory(is_staff=True)
        staff.user_permissions.add(Permission.objects.get(codename="view_user"))
        client.force_login(staff)

        response = client.post(f"/admin/accounts/user/{user.pk}/delete/", {"post": "yes"})

        assert response.status_code == 403
        assert User.objects.filter(pk=user.pk).exists()

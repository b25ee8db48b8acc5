"""API keys: made deliberately with the password, named and scoped, shown once, revoked at once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from apps.keys.models import Key
from apps.keys.services import api_key_create
from tests.accounts.api import LOGOUT, PASSWORD_CHANGE, USER
from tests.factories import PASSWORD, UserFactory
from tests.keys.api import KEYS, REVOKE_OTHERS, SESSIONS, key_url, row_of, session_url
from tests.keys.test_sessions import client_for

pytestmark = pytest.mark.django_db


def new_key(**fields):
    return {"name": "CI", "scopes": ["posts:read"], "password": PASSWORD, **fields}


def test_making_an_api_key_answers_it_once(auth_client, user):
    expires_at = (timezone.now() + timedelta(days=30)).isoformat().replace("+00:00", "Z")

    response = auth_client.post(KEYS, new_key(scopes=["posts:write", "posts:read"], expires_at=expires_at))

    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == {"id", "name", "scopes", "created_at", "expires_at", "last_used_at", "key"}
    assert body["key"].startswith("tak_")
    assert body["name"] == "CI"
    assert body["scopes"] == ["posts:read", "posts:write"]
    assert body["expires_at"] == expires_at
    assert body["last_used_at"] is None
    row = row_of(body["key"])
    assert (row.pk, row.kind, row.user) == (body["id"], Key.Kind.API, user)
    assert client_for(body["key"]).get(USER).json()["username"] == user.username


def test_the_list_shows_the_keys_newest_first_and_never_a_key(auth_client, user):
    first = auth_client.post(KEYS, new_key(name="first")).json()
    second = auth_client.post(KEYS, new_key(name="second")).json()
    api_key_create(user=UserFactory(), name="someone else's", scopes=["posts:read"], expires_at=None)

    response = auth_client.get(KEYS)

    assert response.status_code == 200
    assert [key["name"] for key in response.json()] == ["second", "first"]
    assert set(response.json()[0]) == {"id", "name", "scopes", "created_at", "expires_at", "last_used_at"}
    assert first["key"] not in response.content.decode()
    assert second["key"] not in response.content.decode()
    # Sessions are not API keys.
    assert "pytest" not in [key["name"] for key in response.json()]


def test_an_api_key_without_expiry_answers_null(auth_client):
    assert auth_client.post(KEYS, new_key()).json()["expires_at"] is None


def test_revoking_an_api_key_stops_it_at_once(auth_client):
    made = auth_client.post(KEYS, new_key()).json()
    assert client_for(made["key"]).get(USER).status_code == 200

    response = auth_client.delete(key_url(made["id"]))

    assert response.status_code == 204
    assert client_for(made["key"]).get(USER).status_code == 401
    assert auth_client.get(KEYS).json() == []


def test_someone_elses_api_key_is_a_404_and_keeps_working(auth_client):
    other = api_key_create(user=UserFactory(), name="theirs", scopes=["posts:read"], expires_at=None)

    response = auth_client.delete(key_url(other.instance.pk))

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert client_for(other.key).get(USER).status_code == 200


def test_a_sessions_id_is_not_an_api_key(auth_client, token):
    assert auth_client.delete(key_url(row_of(token).pk)).status_code == 404
    assert auth_client.get(USER).status_code == 200


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"name": ""}, {"name": ["This field may not be blank."]}),
        ({"name": "n" * 101}, {"name": ["Ensure this field has no more than 100 characters."]}),
        ({"scopes": []}, {"scopes": ["This list may not be empty."]}),
        (
            {"scopes": ["posts:read", "posts:delete"]},
            {"scopes": ["Unknown scope: posts:delete. Known scopes: posts:read, posts:write."]},
        ),
        ({"scopes": "posts:read"}, {"scopes": ['Expected a list of items but got type "str".']}),
        (
            {"scopes": [7, None, "x" * 60]},
            {"scopes": [f"Unknown scope: 7, None, {'x' * 50}. Known scopes: posts:read, posts:write."]},
        ),
        (
            {"scopes": [["posts:read"]]},
            {"scopes": ["Unknown scope: ['posts:read']. Known scopes: posts:read, posts:write."]},
        ),
        ({"expires_at": "2020-01-01T00:00:00Z"}, {"expires_at": ["Must be in the future."]}),
        ({"expires_at": "next week"}, None),
        ({"password": "wrong"}, {"password": ["Wrong password."]}),
        ({"password": ""}, {"password": ["This field may not be blank."]}),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_makes_no_key(auth_client, fields, errors):
    response = auth_client.post(KEYS, new_key(**fields))

    assert response.status_code == 400
    if errors is None:
        assert set(response.json()) == set(fields)
    else:
        assert response.json() == errors
    assert not Key.objects.filter(kind=Key.Kind.API).exists()


@pytest.mark.parametrize("missing", ["name", "scopes", "password"])
def test_a_missing_field_is_a_400(auth_client, missing):
    data = new_key()
    del data[missing]

    response = auth_client.post(KEYS, data)

    assert response.status_code == 400
    assert response.json() == {missing: ["This field is required."]}
    assert not Key.objects.filter(kind=Key.Kind.API).exists()


def test_a_name_of_100_characters_is_taken(auth_client):
    assert auth_client.post(KEYS, new_key(name="n" * 100)).status_code == 201


def test_making_keys_counts_against_the_auth_rate(auth_client, settings):
    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**rates, "auth": "2/min"},
    }

    statuses = [auth_client.post(KEYS, new_key(password="guess")).status_code for _ in range(3)]

    assert statuses == [400, 400, 429]
    assert auth_client.post(KEYS, new_key()).status_code == 429
    assert auth_client.get(KEYS).status_code == 200  # listing is not counted


SESSION_ONLY = [
    ("post", LOGOUT),
    ("post", PASSWORD_CHANGE),
    ("put", USER),
    ("patch", USER),
    ("get", SESSIONS),
    ("post", REVOKE_OTHERS),
    ("delete", session_url(1)),
    ("get", KEYS),
    ("post", KEYS),
    ("delete", key_url(1)),
]


@pytest.mark.parametrize(("method", "path"), SESSION_ONLY)
def test_an_api_key_is_refused_on_every_accounts_endpoint_but_get_user(api_key_client, user, method, path):
    script = api_key_client()
    data = {"username": "renamed", "old_password": PASSWORD, **new_key()} if method != "get" else None

    response = getattr(script, method)(path, data)

    assert response.status_code == 403
    assert response.json() == {"detail": "An API key cannot do this: use the key of a session (log in)."}
    assert script.get(USER).status_code == 200  # nothing was revoked
    user.refresh_from_db()
    assert user.username != "renamed"
    assert Key.objects.filter(kind=Key.Kind.API).count() == 1


def test_an_api_key_may_ask_who_it_belongs_to(api_key_client, user):
    response = api_key_client(scopes=["posts:read"]).get(USER)

    assert response.status_code == 200
    assert response.json()["username"] == user.username


def test_password_change_keeps_the_api_keys(auth_client, api_key_client):
    script = api_key_client()
    new = "a-brand-new-passphrase-42"

    response = auth_client.post(
        PASSWORD_CHANGE, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    )

    assert response.status_code == 200
    assert script.get(USER).status_code == 200

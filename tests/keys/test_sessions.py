"""A session per device: made by login and registration, listed, signed out one by one or all."""

import pytest
from rest_framework.test import APIClient

from apps.keys.models import Key
from apps.keys.services import session_create
from tests.accounts.api import LOGIN, LOGOUT, REGISTER, USER, signup_data
from tests.factories import PASSWORD, UserFactory
from tests.keys.api import KEYS, REVOKE_OTHERS, SESSIONS, row_of, session_url

pytestmark = pytest.mark.django_db


def client_for(key):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def works(key):
    return client_for(key).get(USER).status_code == 200


def test_two_devices_hold_two_sessions_and_logging_out_of_one_keeps_the_other(login):
    phone = login(device="Alice's iPhone")["key"]
    tablet = login(device="Alice's iPad")["key"]

    assert phone != tablet
    assert works(phone)
    assert works(tablet)

    response = client_for(phone).post(LOGOUT)

    assert response.status_code == 200
    assert response.json() == {"detail": "Successfully logged out."}
    assert not works(phone)
    assert works(tablet)


def test_logout_keeps_the_users_api_keys(auth_client, api_key_client):
    script = api_key_client(scopes=["posts:read"])

    assert auth_client.post(LOGOUT).status_code == 200

    assert script.get(USER).status_code == 200


def test_login_answers_the_key_and_when_it_expires(api_client, user, settings):
    response = api_client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"key", "expires_at"}
    assert body["key"].startswith("tas_")
    assert body["expires_at"].endswith("Z")
    session = row_of(body["key"])
    assert session.kind == Key.Kind.SESSION
    assert body["expires_at"] == client_for(body["key"]).get(SESSIONS).json()[0]["expires_at"]


def test_the_device_is_named_from_the_body_else_from_the_user_agent(api_client, user):
    credentials = {"username": user.username, "password": PASSWORD}
    named = api_client.post(LOGIN, {**credentials, "device": "Work laptop"}).json()["key"]
    unnamed = api_client.post(LOGIN, credentials, HTTP_USER_AGENT="ExampleApp/2.1 (Android 15)").json()["key"]
    long_agent = api_client.post(LOGIN, credentials, HTTP_USER_AGENT="A" * 300).json()["key"]

    assert row_of(named).name == "Work laptop"
    assert row_of(unnamed).name == "ExampleApp/2.1 (Android 15)"
    # Not the client's field: cut to the column rather than refused.
    assert row_of(long_agent).name == "A" * 100


def test_registration_makes_a_session_for_the_device(api_client):
    response = api_client.post(REGISTER, {**signup_data(), "device": "Alice's iPhone"})

    assert response.status_code == 201, response.content
    assert set(response.json()) == {"key", "expires_at"}
    assert row_of(response.json()["key"]).name == "Alice's iPhone"


@pytest.mark.parametrize("path", [LOGIN, REGISTER])
def test_a_device_over_100_characters_is_a_400_and_makes_nothing(api_client, user, path):
    data = {"username": user.username, "password": PASSWORD} if path == LOGIN else signup_data()

    response = api_client.post(path, {**data, "device": "d" * 101})

    assert response.status_code == 400
    assert response.json() == {"device": ["Ensure this field has no more than 100 characters."]}
    assert not Key.objects.exists()


def test_a_device_of_100_characters_is_taken(api_client, user):
    response = api_client.post(LOGIN, {"username": user.username, "password": PASSWORD, "device": "d" * 100})

    assert response.status_code == 200
    assert row_of(response.json()["key"]).name == "d" * 100


def test_sessions_are_listed_most_recently_used_first_with_the_current_one_marked(login, clock):
    phone = login(device="phone")["key"]
    clock.advance(minutes=5)
    tablet = login(device="tablet")["key"]
    clock.advance(minutes=5)
    # A use recorded now puts the phone before the tablet.
    assert works(phone)
    clock.advance(seconds=30)
    laptop = login(device="laptop")["key"]

    response = client_for(laptop).get(SESSIONS)

    assert response.status_code == 200
    sessions = response.json()
    assert [session["device"] for session in sessions] == ["laptop", "phone", "tablet"]
    assert [session["current"] for session in sessions] == [True, False, False]
    assert set(sessions[0]) == {"id", "device", "created_at", "last_used_at", "expires_at", "current"}
    assert sessions[0]["id"] == row_of(laptop).pk
    for key in (phone, tablet, laptop):
        assert key not in response.content.decode()


def test_the_list_holds_the_callers_sessions_only_and_no_api_keys(auth_client, user, api_key_client):
    session_create(user=UserFactory(), request=None, device="someone else's")
    api_key_client()

    sessions = auth_client.get(SESSIONS).json()

    assert [session["device"] for session in sessions] == ["pytest"]


def test_revoking_one_session_stops_it_at_once_and_keeps_the_others(login):
    phone = login(device="phone")["key"]
    tablet = login(device="tablet")["key"]
    tablet_id = row_of(tablet).pk

    response = client_for(phone).delete(session_url(tablet_id))

    assert response.status_code == 204
    assert response.content == b""
    assert not works(tablet)
    assert works(phone)


def test_revoking_the_current_session_is_a_logout(auth_client, token):
    response = auth_client.delete(session_url(row_of(token).pk))

    assert response.status_code == 204
    assert auth_client.get(USER).status_code == 401


def test_someone_elses_session_is_a_404_and_keeps_working(auth_client):
    other = session_create(user=UserFactory(), request=None)

    response = auth_client.delete(session_url(other.instance.pk))

    assert response.status_code == 404
    assert set(response.json()) == {"detail"}
    assert works(other.key)


def test_an_api_keys_id_is_not_a_session(auth_client, api_key_client, user):
    script = api_key_client()
    key_id = row_of(script.key).pk

    assert auth_client.delete(session_url(key_id)).status_code == 404
    assert script.get(USER).status_code == 200


@pytest.mark.parametrize("session_id", ["abc", "1.5", "-1", "%20", "99999999999999999999999"])
@pytest.mark.parametrize("route", [SESSIONS, KEYS])
def test_an_id_that_is_not_a_known_number_is_a_json_404(auth_client, route, session_id):
    response = auth_client.delete(f"{route}{session_id}/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


def test_revoke_others_keeps_the_callers_session_and_the_api_keys(login, api_key_client):
    keys = [login(device=f"device {n}")["key"] for n in range(3)]
    script = api_key_client()

    response = client_for(keys[0]).post(REVOKE_OTHERS)

    assert response.status_code == 200
    assert response.json() == {"revoked": 2}
    assert works(keys[0])
    assert not works(keys[1])
    assert not works(keys[2])
    assert script.get(USER).status_code == 200
    assert client_for(keys[0]).post(REVOKE_OTHERS).json() == {"revoked": 0}


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
def test_revoke_others_is_post_only(auth_client, method):
    response = getattr(auth_client, method)(REVOKE_OTHERS)

    assert response.status_code == 405
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize("path", [SESSIONS, REVOKE_OTHERS, session_url(1)])
def test_session_management_without_a_key_is_a_401(api_client, path):
    response = api_client.post(path) if path == REVOKE_OTHERS else api_client.get(path)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_deactivated_user_is_refused_with_every_key(auth_client, user, api_key_client):
    script = api_key_client()
    user.is_active = False
    user.save()

    for client in (auth_client, script):
        response = client.get(USER)
        assert response.status_code == 401
        assert response["WWW-Authenticate"] == "Token"
        assert response.json() == {"detail": "User inactive or deleted."}


def test_deleting_a_user_revokes_every_key(auth_client, user, api_key_client):
    script = api_key_client()

    user.delete()

    assert not Key.objects.exists()
    assert auth_client.get(USER).status_code == 401
    assert script.get(USER).status_code == 401


@pytest.mark.parametrize("path", [SESSIONS, REVOKE_OTHERS, session_url(1), KEYS, f"{KEYS}1/"])
def test_options_describes_each_route_without_a_server_error(auth_client, path):
    response = auth_client.options(path)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"

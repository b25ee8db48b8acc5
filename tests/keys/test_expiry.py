"""Sessions idle out and age out; each use moves the idle deadline, never past the maximum age."""

from datetime import timedelta

import pytest
from django.utils.dateparse import parse_datetime

from apps.keys.models import Key
from apps.keys.services import session_create
from tests.accounts.api import USER
from tests.factories import UserFactory
from tests.keys.api import SESSIONS, row_of
from tests.keys.test_sessions import client_for

pytestmark = pytest.mark.django_db

DAY = 24 * 3600


@pytest.fixture
def lifetimes(settings):
    settings.TOKEN_IDLE_TIMEOUT = 30 * DAY
    settings.TOKEN_MAX_AGE = 90 * DAY
    return settings


def test_a_session_unused_for_the_idle_timeout_stops_working(login, clock, lifetimes):
    key = login()["key"]

    clock.advance(days=30, seconds=-1)
    assert client_for(key).get(USER).status_code == 200
    clock.advance(days=30)  # 30 days after that last use
    response = client_for(key).get(USER)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Token has expired."}


def test_each_use_moves_the_idle_deadline(login, clock, lifetimes):
    key = login()["key"]

    for _ in range(2):
        clock.advance(days=29)
        assert client_for(key).get(USER).status_code == 200

    # Day 58: 30 days from this use, still before the maximum age (day 90).
    assert row_of(key).expires_at == clock.now + timedelta(days=30)


def test_no_use_keeps_a_session_past_its_maximum_age(login, clock, lifetimes):
    answer = login()
    made = clock.now
    key = answer["key"]

    for _ in range(4):
        clock.advance(days=20)
        assert client_for(key).get(USER).status_code == 200
    # 80 days in: the idle deadline would be day 110, the maximum is day 90.
    assert row_of(key).expires_at == made + timedelta(days=90)
    clock.advance(days=10)

    assert client_for(key).get(USER).json() == {"detail": "Token has expired."}


def test_login_answers_the_idle_deadline(login, clock, lifetimes):
    expires_at = parse_datetime(login()["expires_at"])

    assert expires_at == clock.now + timedelta(days=30)


def test_the_maximum_age_caps_the_first_deadline_too(login, clock, settings):
    settings.TOKEN_IDLE_TIMEOUT = 3600
    settings.TOKEN_MAX_AGE = 600

    assert parse_datetime(login()["expires_at"]) == clock.now + timedelta(seconds=600)


def test_an_expired_session_is_not_listed(login, clock, settings):
    settings.TOKEN_IDLE_TIMEOUT = 3600
    old = login(device="old")["key"]
    clock.advance(minutes=59)
    current = login(device="current")["key"]
    clock.advance(minutes=2)

    devices = [session["device"] for session in client_for(current).get(SESSIONS).json()]

    assert devices == ["current"]
    assert row_of(old) is not None  # clear_expired_keys deletes it, not a request


def test_the_last_use_is_written_at_most_once_a_minute(login, clock, lifetimes, django_assert_num_queries):
    key = login()["key"]
    client = client_for(key)
    made = row_of(key).last_used_at

    clock.advance(seconds=59)
    with django_assert_num_queries(1):  # the key and its user; no write
        assert client.get(USER).status_code == 200
    assert row_of(key).last_used_at == made

    clock.advance(seconds=1)
    with django_assert_num_queries(2) as captured:  # and one conditional UPDATE
        assert client.get(USER).status_code == 200
    assert captured.captured_queries[1]["sql"].startswith('UPDATE "keys_key"')
    assert row_of(key).last_used_at == clock.now


def test_a_short_idle_timeout_writes_every_tenth_of_it(login, clock, settings, django_assert_num_queries):
    settings.TOKEN_IDLE_TIMEOUT = 100
    key = login()["key"]
    client = client_for(key)

    clock.advance(seconds=9)
    with django_assert_num_queries(1):
        client.get(USER)
    clock.advance(seconds=1)
    with django_assert_num_queries(2):
        client.get(USER)
    assert row_of(key).expires_at == clock.now + timedelta(seconds=100)


def test_an_api_key_never_idles_out(api_key_client, clock, lifetimes):
    script = api_key_client()

    clock.advance(days=365 * 3)

    assert script.get(USER).status_code == 200


def test_an_api_key_stops_at_its_expiry(api_key_client, clock):
    script = api_key_client(expires_at=clock.now + timedelta(days=7))

    clock.advance(days=7, seconds=-1)
    assert script.get(USER).status_code == 200
    clock.advance(seconds=1)

    assert script.get(USER).json() == {"detail": "Token has expired."}


def test_a_user_holds_at_most_the_limit_and_the_least_recently_used_go(login, clock, settings):
    settings.TOKEN_LIMIT_PER_USER = 3
    keys = []
    for n in range(3):
        keys.append(login(device=f"device {n}")["key"])
        clock.advance(minutes=2)
    # Device 0 is used again: device 1 is now the least recently used.
    assert client_for(keys[0]).get(USER).status_code == 200
    clock.advance(minutes=2)

    keys.append(login(device="device 3")["key"])

    assert Key.objects.filter(kind=Key.Kind.SESSION).count() == 3
    assert [client_for(key).get(USER).status_code for key in keys] == [200, 401, 200, 200]


def test_a_new_session_is_never_the_one_that_goes(login, settings):
    settings.TOKEN_LIMIT_PER_USER = 1
    first = login()["key"]
    second = login()["key"]

    assert client_for(first).get(USER).status_code == 401
    assert client_for(second).get(USER).status_code == 200


def test_the_limit_counts_sessions_only_and_per_user(login, settings, api_key_client):
    settings.TOKEN_LIMIT_PER_USER = 2
    scripts = [api_key_client() for _ in range(3)]
    other = UserFactory()
    others = [session_create(user=other, request=None).key for _ in range(2)]
    keys = [login()["key"] for _ in range(2)]

    assert all(script.get(USER).status_code == 200 for script in scripts)
    assert all(client_for(key).get(USER).status_code == 200 for key in [*keys, *others])


def test_a_limit_below_one_keeps_the_newest_session(login, settings):
    settings.TOKEN_LIMIT_PER_USER = 0
    first = login()["key"]
    second = login()["key"]

    assert client_for(first).get(USER).status_code == 401
    assert client_for(second).get(USER).status_code == 200

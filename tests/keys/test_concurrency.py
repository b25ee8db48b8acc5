"""Logins of one user racing each other, on PostgreSQL where they really run in parallel."""

import pytest

from apps.keys.models import Key
from tests.accounts.api import LOGIN, USER
from tests.accounts.test_concurrency import at_once
from tests.factories import PASSWORD, UserFactory
from tests.keys.test_sessions import client_for

pytestmark = pytest.mark.postgres
LOGINS = 10


def test_ten_concurrent_logins_of_one_user_all_get_distinct_working_keys(transactional_db):
    user = UserFactory(username="racer")

    responses = at_once([(LOGIN, {"username": "racer", "password": PASSWORD, "device": "racer"})] * LOGINS)

    assert [response.status_code for response in responses] == [200] * LOGINS, [r.content for r in responses]
    keys = {response.json()["key"] for response in responses}
    assert len(keys) == LOGINS
    assert all(client_for(key).get(USER).status_code == 200 for key in keys)
    assert Key.objects.filter(user=user, kind=Key.Kind.SESSION).count() == LOGINS


def test_concurrent_logins_past_the_limit_leave_exactly_the_limit(transactional_db, settings):
    settings.TOKEN_LIMIT_PER_USER = 3
    user = UserFactory(username="racer")

    responses = at_once([(LOGIN, {"username": "racer", "password": PASSWORD})] * LOGINS)

    assert [response.status_code for response in responses] == [200] * LOGINS
    working = [r.json()["key"] for r in responses if client_for(r.json()["key"]).get(USER).status_code == 200]
    assert len(working) == 3
    assert Key.objects.filter(user=user, kind=Key.Kind.SESSION).count() == 3

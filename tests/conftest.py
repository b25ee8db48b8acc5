from datetime import timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from apps.keys.scopes import SCOPES
from apps.keys.services import api_key_create, session_create
from tests.factories import UserFactory


def pytest_collection_modifyitems(config, items):
    """Tests marked `postgres` run only when the suite runs on PostgreSQL; those marked
    `direct_postgres` (a server backend per connection) not behind PgBouncer."""
    if connection.vendor != "postgresql":
        skip = pytest.mark.skip(reason="needs PostgreSQL: DATABASE_URL=postgres://... make test")
        for item in items:
            if "postgres" in item.keywords:
                item.add_marker(skip)
    elif settings.DATABASE_POOLER:
        skip = pytest.mark.skip(reason="a client connection is not a server backend behind PgBouncer")
        for item in items:
            if "direct_postgres" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def token(user):
    """The plaintext key of a session of `user`."""
    return session_create(user=user, request=None, device="pytest").key


@pytest.fixture
def auth_client(token):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


@pytest.fixture
def api_key_client(user):
    """`api_key_client(scopes=[...])`: a client sending a new API key of `user` (all scopes by default)."""

    def make(scopes=tuple(SCOPES), expires_at=None):
        issued = api_key_create(user=user, name="pytest", scopes=list(scopes), expires_at=expires_at)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {issued.key}")
        client.key = issued.key
        return client

    return make


class Clock:
    """django.utils.timezone.now, moved by the test instead of sleeping."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, **delta):
        self.now += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch):
    """django.utils.timezone.now under the test's control: key expiry, TOTP steps, token ages."""
    clock = Clock(timezone.now())
    monkeypatch.setattr(timezone, "now", clock)
    return clock

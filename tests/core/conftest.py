import os
import uuid

import pytest
import redis
from django.core.cache import caches
from django.test import override_settings

from apps.core.throttles import SlidingLogThrottle

# The limits tests' own Redis database; every key they write carries a prefix of their own and
# is deleted afterwards, so the database may be shared. Nothing is ever flushed.
THROTTLE_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/12")


class Clock:
    """The throttles' clock, in seconds, moved by the test instead of sleeping."""

    def __init__(self, now):
        self.now = now

    def __call__(self):
        return self.now

    def advance(self, seconds):
        self.now += seconds


@pytest.fixture
def throttle_clock(monkeypatch):
    # 5 seconds into a minute, so that a fixed window would roll over within the test.
    clock = Clock(1_800_000_000.0 + 5)
    monkeypatch.setattr(SlidingLogThrottle, "timer", clock)
    return clock


@pytest.fixture
def throttle_rates(settings):
    def set_rates(**rates):
        current = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**current, **rates},
        }

    return set_rates


@pytest.fixture
def redis_cache():
    """The production cache backend on the real Redis, under a key prefix of this test's own."""
    client = redis.Redis.from_url(THROTTLE_REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"needs Redis at {THROTTLE_REDIS_URL}")
    prefix = f"test-limits-{uuid.uuid4().hex}"
    config = {"BACKEND": "apps.core.cache.RedisCache", "LOCATION": THROTTLE_REDIS_URL, "KEY_PREFIX": prefix}
    with override_settings(CACHES={"default": config}):
        yield caches["default"]
    keys = list(client.scan_iter(f"{prefix}:*"))
    if keys:
        client.delete(*keys)

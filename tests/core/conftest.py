import pytest
from django.core.cache import caches
from django.test import override_settings

from apps.core.throttles import SlidingLogThrottle
from tests.redis_db import TEST_REDIS_URL, own_prefix


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
    """The production cache backend on the real Redis (TEST_REDIS_URL), under a key prefix of this
    test's own whose keys are deleted afterwards. Nothing is ever flushed."""
    with own_prefix("limits") as prefix:
        config = {"BACKEND": "apps.core.cache.RedisCache", "LOCATION": TEST_REDIS_URL, "KEY_PREFIX": prefix}
        with override_settings(CACHES={"default": config}):
            yield caches["default"]

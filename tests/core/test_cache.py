"""The production cache backend (apps.core.cache.RedisCache) against a real Redis.

Throttle counters live there, so it must keep Django's cache semantics while reusing its client.
Skipped when no Redis answers at TEST_REDIS_URL; CI starts one.
"""

import os
import uuid

import pytest
import redis
from django.core.cache import cache
from django.test import override_settings

from apps.core.cache import RedisCache
from apps.core.throttles import SlidingLogThrottle

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/4")
LOGIN = "/api/v1/dj-rest-auth/login/"


def redis_answers():
    try:
        return redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        return False


pytestmark = pytest.mark.skipif(not redis_answers(), reason=f"no Redis at {REDIS_URL}")


@pytest.fixture
def key_prefix():
    return f"test-{uuid.uuid4().hex}"


@pytest.fixture
def redis_cache(key_prefix):
    """The backend on its own key prefix, removed afterwards: the Redis database may be shared."""
    settings = {"BACKEND": "apps.core.cache.RedisCache", "LOCATION": REDIS_URL, "KEY_PREFIX": key_prefix}
    with override_settings(CACHES={"default": settings}):
        yield cache
    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{key_prefix}:*"))
    if keys:
        client.delete(*keys)


def test_it_keeps_djangos_cache_semantics(redis_cache):
    assert redis_cache.get("missing", "default") == "default"
    redis_cache.set("history", [1.5, 2.5], timeout=60)
    assert redis_cache.get("history") == [1.5, 2.5]
    assert redis_cache.add("counter", 0, timeout=60) is True
    assert redis_cache.add("counter", 5, timeout=60) is False
    assert redis_cache.incr("counter") == 1
    assert redis_cache.incr("counter") == 2
    with pytest.raises(ValueError, match="not found"):
        redis_cache.incr("never-set")
    redis_cache.delete("history")
    assert redis_cache.get("history") is None


def test_it_reuses_one_client_per_connection_pool():
    backend = RedisCache(REDIS_URL, {})

    assert backend._cache.get_client() is backend._cache.get_client(write=True)


def test_throttle_counters_in_redis_answer_429_with_retry_after(
    db, api_client, redis_cache, key_prefix, monkeypatch
):
    """THROTTLE_RATE_AUTH is 10/min under the test settings.

    The clock is frozen so that the minute cannot roll over mid-test, and each attempt names
    another account so that only the per-client limit, not allauth's per-account lock, can refuse.
    """
    monkeypatch.setattr(SlidingLogThrottle, "timer", lambda throttle: 1_800_000_005.0)
    answers = [api_client.post(LOGIN, {"username": f"nobody{n}", "password": "wrong"}) for n in range(11)]

    assert list(redis.Redis.from_url(REDIS_URL).scan_iter(f"{key_prefix}:*throttle*"))
    assert [answer.status_code for answer in answers] == [400] * 10 + [429]
    assert int(answers[-1].headers["Retry-After"]) > 0
    assert answers[-1].json()["detail"]

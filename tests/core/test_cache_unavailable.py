"""A Redis that does not answer: the node still serves, and says it is degraded.

Real redis-py against a loopback port where nothing listens (the refused connection of a Redis
that is down); the live fault tests (tests/faults/) add a hanging Redis and the timings.
"""

import socket
import time

import pytest
from django.core.cache import caches
from redis.exceptions import TimeoutError as RedisTimeoutError

from apps.accounts.views import PasswordResetView
from apps.core.cache import OUTAGE_PAUSE, CircuitOpen

CLOSED_REDIS = {
    "default": {
        "BACKEND": "apps.core.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:9/0",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    }
}


@pytest.fixture
def redis_down(settings):
    settings.CACHES = CLOSED_REDIS
    yield
    caches["default"].close()


@pytest.mark.django_db
def test_readyz_is_200_degraded_when_only_the_cache_is_down(api_client, redis_down):
    response = api_client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "checks": {"database": "ok", "cache": "unavailable"}}


@pytest.fixture
def hanging_redis(settings):
    """A port that accepts connections and never answers, like a Redis that hangs: the kernel
    completes the handshake from the listen backlog, and nothing ever reads or writes."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        port = server.getsockname()[1]
        settings.CACHES = {
            "default": {**CLOSED_REDIS["default"], "LOCATION": f"redis://127.0.0.1:{port}/0"},
        }
        yield caches["default"]
        caches["default"].close()


def test_a_hanging_redis_times_out_then_is_left_alone_for_a_moment(hanging_redis, monkeypatch):
    with pytest.raises(RedisTimeoutError):
        hanging_redis.get("anything")
    # The next calls, in this request or the next ones, fail at once instead of waiting again.
    with pytest.raises(CircuitOpen):
        hanging_redis.get("anything")
    with pytest.raises(CircuitOpen):
        hanging_redis.set("anything", 1)

    later = time.monotonic() + OUTAGE_PAUSE + 0.1
    monkeypatch.setattr("apps.core.cache.time.monotonic", lambda: later)
    with pytest.raises(RedisTimeoutError):
        hanging_redis.get("anything")


@pytest.mark.django_db
def test_readyz_is_200_degraded_when_the_cache_hangs(api_client, hanging_redis):
    response = api_client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "checks": {"database": "ok", "cache": "unavailable"}}


@pytest.mark.django_db
def test_redis_failing_after_the_throttle_passed_is_a_503_not_a_500(api_client, hanging_redis, monkeypatch):
    """allauth's own rate limit of password resets reads the cache too. With Redis down our auth
    throttle answers first; without it (as when Redis dies between the two calls) the library's
    cache call fails the same way, and the answer is the same 503."""
    monkeypatch.setattr(PasswordResetView, "throttle_classes", [])
    response = api_client.post("/api/v1/dj-rest-auth/password/reset/", {"email": "someone@example.com"})
    assert response.status_code == 503
    assert response.json() == {"detail": "This service is temporarily unavailable. Please try again shortly."}
    assert int(response["Retry-After"]) > 0

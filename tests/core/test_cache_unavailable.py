"""A Redis that does not answer: the node still serves, and says it is degraded.

Real redis-py against a loopback port where nothing listens (the refused connection of a Redis
that is down); the live fault tests (tests/faults/) add a hanging Redis and the timings.
"""

import pytest
from django.core.cache import caches

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

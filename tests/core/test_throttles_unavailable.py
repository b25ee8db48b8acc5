"""Redis failing under the throttles: the auth scope fails closed, the others open, one warning a minute.

The cache is the production backend pointed at a real failing connection on loopback: a closed
port (refused at once), or a socket that accepts and never answers (the client's timeout).
"""

import logging
import socket

import pytest
from django.core.cache import caches
from django.test import override_settings

from apps.core import throttles

LOGIN = "/api/v1/dj-rest-auth/login/"
POSTS = "/api/v1/posts/"
RESEND = "/api/v1/dj-rest-auth/registration/resend-email/"
CLOSED_PORT = 19599  # in the limits range; nothing listens there


def failing_cache(port):
    options = {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}
    return {
        "BACKEND": "apps.core.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "OPTIONS": options,
    }


@pytest.fixture
def black_hole():
    """A port that accepts connections (the kernel's backlog) and never answers."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 19598))
    listener.listen(64)
    yield 19598
    listener.close()


@pytest.fixture(params=["refused", "black-holed"])
def redis_down(request, monkeypatch):
    port = CLOSED_PORT if request.param == "refused" else request.getfixturevalue("black_hole")
    monkeypatch.setattr(throttles, "_last_warning", float("-inf"))
    with override_settings(CACHES={"default": failing_cache(port)}):
        yield caches["default"]


@pytest.mark.django_db
def test_the_auth_endpoints_fail_closed_with_503_and_retry_after(redis_down, api_client):
    response = api_client.post(LOGIN, {"username": "alice", "password": "secret"})

    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "This service is temporarily unavailable. Please try again shortly."}
    assert response["Retry-After"] == "5"


def test_the_other_endpoints_are_served_without_a_limit(redis_down, throttle_rates, auth_client):
    throttle_rates(user="1/min")

    statuses = [auth_client.get(POSTS).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]


def cache_errors(api_client):
    lines = api_client.get("/metrics").content.decode().splitlines()
    return next(float(line.split()[1]) for line in lines if line.startswith("cache_errors_total "))


def test_every_request_that_met_the_outage_is_counted_in_the_metrics(
    redis_down, throttle_rates, auth_client, api_client
):
    throttle_rates(user="1/min")
    before = cache_errors(api_client)

    for _ in range(3):
        auth_client.get(POSTS)

    # One throttle check (the user scope) per request, whether it reached Redis or met the pause.
    assert cache_errors(api_client) - before == 3


@pytest.mark.django_db
def test_anonymous_requests_are_served_too(redis_down, throttle_rates, api_client, monkeypatch):
    throttle_rates(anon="1/min")
    # resend-email is an auth endpoint; only the anonymous limit is under test here.
    monkeypatch.setattr(throttles.AuthRateThrottle, "fails_closed", False)

    statuses = [api_client.post(RESEND, {"email": "a@example.com"}).status_code for _ in range(3)]

    assert statuses == [200, 200, 200]


def test_the_outage_is_logged_once_a_minute_per_worker_not_once_a_request(
    redis_down, auth_client, caplog, monkeypatch
):
    now = [1000.0]
    monkeypatch.setattr(throttles, "monotonic", lambda: now[0])
    with caplog.at_level(logging.WARNING, logger="apps.core.throttles"):
        for _ in range(5):
            auth_client.get(POSTS)
        now[0] += 59
        auth_client.get(POSTS)
        first_minute = len(caplog.records)
        now[0] += 1
        auth_client.get(POSTS)

    assert first_minute == 1
    assert len(caplog.records) == 2
    assert "unavailable" in caplog.records[0].getMessage()

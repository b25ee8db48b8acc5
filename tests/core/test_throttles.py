"""The per-user and per-address limits every API request counts against (THROTTLE_RATE_USER, _ANON).

On LocMemCache, as the suite runs; tests/core/test_throttles_redis.py repeats the point on Redis.
"""

import pytest
from django.core.cache import cache

from tests.factories import PASSWORD, UserFactory

POSTS = "/api/v1/posts/"
LOGIN = "/api/v1/dj-rest-auth/login/"
RESEND = "/api/v1/dj-rest-auth/registration/resend-email/"


def test_a_user_past_its_rate_gets_429_with_retry_after(throttle_rates, throttle_clock, auth_client):
    throttle_rates(user="3/min")

    statuses = [auth_client.get(POSTS).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    throttle_clock.advance(15)
    refused = auth_client.get(POSTS)
    # The three requests leave the window just after 60 s from when they were made, 45 s from now:
    # the first whole second after that is 46 s from now.
    assert refused.json() == {"detail": "Request was throttled. Expected available in 46 seconds."}
    assert refused["Retry-After"] == "46"
    throttle_clock.advance(45)
    assert auth_client.get(POSTS).status_code == 429
    throttle_clock.advance(1)
    assert auth_client.get(POSTS).status_code == 200


def test_the_window_slides_a_burst_at_a_minutes_end_is_not_refilled_at_the_next_ones_start(
    throttle_rates, throttle_clock, auth_client
):
    throttle_rates(user="3/min")
    throttle_clock.advance(54.5)  # half a second before the minute ends
    assert [auth_client.get(POSTS).status_code for _ in range(3)] == [200] * 3

    throttle_clock.advance(1)  # the next minute has begun
    refused = auth_client.get(POSTS)

    assert refused.status_code == 429
    assert refused["Retry-After"] == "60"
    throttle_clock.advance(59)
    assert auth_client.get(POSTS).status_code == 429
    throttle_clock.advance(1)
    assert auth_client.get(POSTS).status_code == 200


def test_each_user_has_its_own_count(throttle_rates, throttle_clock, auth_client, api_client):
    throttle_rates(user="1/min")
    other = UserFactory()
    key = api_client.post(LOGIN, {"username": other.username, "password": PASSWORD}).json()["key"]
    assert auth_client.get(POSTS).status_code == 200
    assert auth_client.get(POSTS).status_code == 429

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.get(POSTS).status_code == 200


@pytest.mark.django_db
def test_a_client_without_token_past_the_anonymous_rate_gets_429(throttle_rates, throttle_clock, api_client):
    throttle_rates(anon="2/min", auth="100/min")

    answers = [api_client.post(RESEND, {"email": "a@example.com"}) for _ in range(3)]

    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert answers[-1]["Retry-After"] == "61"
    throttle_clock.advance(61)
    assert api_client.post(RESEND, {"email": "a@example.com"}).status_code == 200


def test_the_log_keeps_the_times_of_the_allowed_requests_only(
    throttle_rates, throttle_clock, auth_client, user
):
    throttle_rates(user="3/min")
    for _ in range(5):
        auth_client.get(POSTS)

    assert cache.get(f"throttle_user_{user.pk}") == [throttle_clock.now] * 3

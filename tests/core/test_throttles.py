"""The per-user and per-address limits every API request counts against (THROTTLE_RATE_USER, _ANON)."""

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token

from apps.core.throttles import FixedWindowThrottle
from tests.factories import UserFactory

POSTS = "/api/v1/posts/"
RESEND = "/api/v1/dj-rest-auth/registration/resend-email/"


@pytest.fixture
def rates(settings, monkeypatch):
    """Set rates for one test, in a window that cannot roll over while it runs."""
    monkeypatch.setattr(FixedWindowThrottle, "timer", lambda throttle: 1_800_000_005.0)

    def set_rates(**rates):
        current = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]
        settings.REST_FRAMEWORK = {
            **settings.REST_FRAMEWORK,
            "DEFAULT_THROTTLE_RATES": {**current, **rates},
        }

    return set_rates


def test_a_user_past_its_rate_gets_429_with_retry_after(rates, auth_client):
    rates(user="3/min")

    statuses = [auth_client.get(POSTS).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    refused = auth_client.get(POSTS)
    assert refused.json() == {"detail": "Request was throttled. Expected available in 55 seconds."}
    assert refused["Retry-After"] == "55"


def test_each_user_has_its_own_count(rates, auth_client, api_client):
    rates(user="1/min")
    other = Token.objects.create(user=UserFactory())
    assert auth_client.get(POSTS).status_code == 200
    assert auth_client.get(POSTS).status_code == 429

    api_client.credentials(HTTP_AUTHORIZATION=f"Token {other.key}")
    assert api_client.get(POSTS).status_code == 200


@pytest.mark.django_db
def test_a_client_without_token_past_the_anonymous_rate_gets_429(rates, api_client):
    rates(anon="2/min", auth="100/min")

    statuses = [api_client.post(RESEND, {"email": "a@example.com"}).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


def test_the_count_is_one_counter_not_a_list_of_times(rates, auth_client, user):
    rates(user="100/min")
    for _ in range(5):
        auth_client.get(POSTS)

    assert cache.get(f"throttle_user_{user.pk}_{1_800_000_005 // 60}") == 5

"""Login, registration, password reset and e-mail verification are limited per client address."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from apps.core.throttles import AuthRateThrottle
from tests.accounts.api import (
    LOGIN,
    PASSWORD_CHANGE,
    PASSWORD_RESET,
    PASSWORD_RESET_CONFIRM,
    REGISTER,
    RESEND_EMAIL,
    USER,
    VERIFY_EMAIL,
    signup_data,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

RATE = 3
THROTTLED_CALLS = {
    "login": (LOGIN, {"username": "nobody", "password": "wrong"}),
    "registration": (REGISTER, {"username": "x"}),
    "password reset": (PASSWORD_RESET, {"email": "nobody@example.com"}),
    "password reset confirm": (PASSWORD_RESET_CONFIRM, {"uid": "1", "token": "x"}),
    "resend-email": (RESEND_EMAIL, {"email": "nobody@example.com"}),
    "verify-email": (VERIFY_EMAIL, {"key": "bad"}),
}


@pytest.fixture(autouse=True)
def auth_rate(settings):
    rates = {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": f"{RATE}/min"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}


@pytest.fixture(autouse=True)
def frozen_clock(monkeypatch):
    """Every request of a test at the same moment, so the window cannot move while it runs."""
    monkeypatch.setattr(AuthRateThrottle, "timer", lambda throttle: 1_800_000_045.5)


def post(api_client, path, data, address="203.0.113.7", **headers):
    return api_client.post(path, data, REMOTE_ADDR=address, **headers)


def assert_throttled(response):
    assert response.status_code == 429, response.content
    # The requests were all made now: they leave the window just after a minute from now.
    assert response["Retry-After"] == "61"
    assert response.json()["detail"].startswith("Request was throttled.")


@pytest.mark.parametrize("call", THROTTLED_CALLS.values(), ids=THROTTLED_CALLS.keys())
def test_each_endpoint_answers_429_with_retry_after_past_the_rate(api_client, call):
    path, data = call
    for _ in range(RATE):
        assert post(api_client, path, data).status_code != 429

    assert_throttled(post(api_client, path, data))


def test_password_change_is_throttled_too_so_a_stolen_token_cannot_guess_the_old_password(auth_client):
    wrong = {"old_password": "guess", "new_password1": "x-new-pass-1", "new_password2": "x-new-pass-1"}
    for _ in range(RATE):
        assert post(auth_client, PASSWORD_CHANGE, wrong).status_code == 400

    assert_throttled(post(auth_client, PASSWORD_CHANGE, wrong))


def test_a_throttled_login_is_refused_even_with_the_right_password(api_client, user):
    for _ in range(RATE):
        post(api_client, LOGIN, {"username": user.username, "password": "wrong"})

    assert_throttled(post(api_client, LOGIN, {"username": user.username, "password": PASSWORD}))


def test_the_endpoints_share_one_count_per_client(api_client):
    post(api_client, LOGIN, {"username": "nobody", "password": "wrong"})
    post(api_client, REGISTER, {"username": "x"})
    post(api_client, PASSWORD_RESET, {"email": "nobody@example.com"})

    assert_throttled(post(api_client, RESEND_EMAIL, {"email": "nobody@example.com"}))


def test_other_clients_keep_their_own_count(api_client):
    for _ in range(RATE + 1):
        post(api_client, LOGIN, {"username": "nobody", "password": "wrong"}, address="203.0.113.7")

    response = post(api_client, LOGIN, {"username": "nobody", "password": "wrong"}, address="198.51.100.9")

    assert response.status_code == 400


def test_other_endpoints_are_not_counted(auth_client):
    for _ in range(RATE + 2):
        assert auth_client.get(USER, REMOTE_ADDR="203.0.113.7").status_code == 200


def test_the_count_lives_in_the_shared_cache(api_client):
    """Counted in Django's cache (Redis in production), so every worker sees the same count."""
    for _ in range(RATE):
        post(api_client, LOGIN, {"username": "nobody", "password": "wrong"})

    cache.clear()

    assert post(api_client, LOGIN, {"username": "nobody", "password": "wrong"}).status_code == 400


def test_a_forged_x_forwarded_for_does_not_reset_the_count_without_proxies(api_client):
    for n in range(RATE):
        post(api_client, LOGIN, {}, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")

    assert_throttled(post(api_client, LOGIN, {}, HTTP_X_FORWARDED_FOR="10.0.0.99"))


def test_behind_one_proxy_the_client_is_the_address_the_proxy_appended(api_client, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    proxy = "10.0.0.1"
    for n in range(RATE):
        # The client forges a first entry; the proxy appends the address it saw.
        post(api_client, LOGIN, {}, address=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, 203.0.113.7")

    assert_throttled(
        post(api_client, LOGIN, {}, address=proxy, HTTP_X_FORWARDED_FOR="192.0.2.99, 203.0.113.7")
    )
    other_client = post(api_client, LOGIN, {}, address=proxy, HTTP_X_FORWARDED_FOR="198.51.100.9")
    assert other_client.status_code == 400


def test_registration_past_the_rate_creates_nothing(api_client, mailoutbox):
    for n in range(RATE):
        post(api_client, REGISTER, signup_data(username=f"user{n}", email=f"user{n}@example.com"))

    assert_throttled(post(api_client, REGISTER, signup_data(username="late", email="late@example.com")))
    assert not get_user_model().objects.filter(username="late").exists()
    assert len(mailoutbox) == RATE

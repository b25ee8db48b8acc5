from datetime import timedelta

import pytest
from django.utils import timezone

from tests.accounts.api import LOGIN
from tests.factories import PASSWORD


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
    clock = Clock(timezone.now())
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def login(api_client, user):
    """`login(device=...)`: a new session of `user` over HTTP; its answer's JSON."""

    def log_in(**extra):
        response = api_client.post(LOGIN, {"username": user.username, "password": PASSWORD, **extra})
        assert response.status_code == 200, response.content
        return response.json()

    return log_in

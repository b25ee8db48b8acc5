import pytest
from django.utils import timezone

from tests.keys.conftest import Clock
from tests.mfa.api import enable_mfa


@pytest.fixture
def clock(monkeypatch):
    """django.utils.timezone.now, which the TOTP steps and the ephemeral token's age read."""
    clock = Clock(timezone.now())
    monkeypatch.setattr(timezone, "now", clock)
    return clock


@pytest.fixture
def mfa(auth_client, clock):
    """MFA on for `user`, through the API, with the code of the current step (used up)."""
    return enable_mfa(auth_client, clock.now)

import pytest

from tests.mfa.api import enable_mfa


@pytest.fixture
def mfa(auth_client, clock):
    """MFA on for `user`, through the API, with the code of the current step (used up)."""
    return enable_mfa(auth_client, clock.now)

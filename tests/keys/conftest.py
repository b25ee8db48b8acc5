import pytest

from tests.accounts.api import LOGIN
from tests.factories import PASSWORD


@pytest.fixture
def login(api_client, user):
    """`login(device=...)`: a new session of `user` over HTTP; its answer's JSON."""

    def log_in(**extra):
        response = api_client.post(LOGIN, {"username": user.username, "password": PASSWORD, **extra})
        assert response.status_code == 200, response.content
        return response.json()

    return log_in

"""Only a signed-in person's session reaches MFA: an API key gets a 403, no key a 401."""

import pytest
from dj_rest_auth.mfa.models import Authenticator

from tests.mfa.api import SESSION_ROUTES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("method", "path"), SESSION_ROUTES)
def test_an_api_key_gets_a_403_on_every_mfa_route(api_key_client, user, mfa, method, path):
    response = getattr(api_key_client(), method)(path, {"code": mfa.recovery_codes[0]})

    assert response.status_code == 403
    assert response.json() == {"detail": "An API key cannot do this: use the key of a session (log in)."}
    assert Authenticator.objects.filter(user=user, type="totp").exists()


@pytest.mark.parametrize(("method", "path"), SESSION_ROUTES)
def test_no_key_is_a_401(api_client, method, path):
    response = getattr(api_client, method)(path)

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"

"""Routes and helpers for the tests of sessions and API keys."""

from apps.keys import crypto
from apps.keys.models import Key
from tests.accounts.api import BASE

SESSIONS = BASE + "sessions/"
REVOKE_OTHERS = SESSIONS + "revoke-others/"
KEYS = BASE + "keys/"


def session_url(session_id):
    return f"{SESSIONS}{session_id}/"


def key_url(key_id):
    return f"{KEYS}{key_id}/"


def row_of(key: str) -> Key | None:
    """The row of a plaintext key, found as the authentication finds it: by its digest."""
    return Key.objects.filter(digest=crypto.digest(key)).first()

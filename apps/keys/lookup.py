"""The key a request sends, found with its user in one plain SQL query: `key_with_user(digest)`.

KeyAuthentication runs this on every request: `Key.objects.select_related("user").get(digest=...)`,
written once per process instead of compiled anew each time (apps/core/rows.py).
"""

from apps.core.rows import JoinedLookup
from apps.keys.models import Key

_KEY_WITH_USER = JoinedLookup(Key, "user", "digest")


def key_with_user(digest: str) -> Key | None:
    """The key whose digest this is, its `user` loaded; None when there is none."""
    return _KEY_WITH_USER.get(digest)

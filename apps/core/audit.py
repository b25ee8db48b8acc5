"""Authentication events: one log line each on the `auth` logger, never with a secret.

Call `auth_event("login_failed", request=request, identifier=username)` where the event happens.
The request id is added to every log record by the logging setup, not here.
"""

import hashlib
import logging

from rest_framework.throttling import BaseThrottle

logger = logging.getLogger("auth")


def hashed(identifier: str) -> str:
    """An attempted username or address, unreadable in the logs but the same for the same input."""
    return hashlib.sha256(identifier.strip().lower().encode()).hexdigest()[:16]


def client_address(request) -> str | None:
    """The client's address as the throttles see it, through NUM_PROXIES."""
    return BaseThrottle().get_ident(request) if request is not None else None


def auth_event(event: str, *, request, user=None, identifier: str | None = None, **fields) -> None:
    details = {
        "user_id": getattr(user, "pk", None),
        "identifier": hashed(str(identifier)) if identifier else None,
        "client": client_address(request),
        **fields,
    }
    # The fields are in the message too, for LOG_FORMAT=text; JSON lines carry each as its own key.
    summary = " ".join(f"{name}={value}" for name, value in details.items() if value is not None)
    logger.info("%s %s", event, summary, extra={"event": event, **details})

"""Log lines: one JSON object per line (LOG_FORMAT=json) or plain text, each carrying its request.

`logging_config()` is the whole configuration, used by Django (settings.LOGGING) and by gunicorn
(its logconfig_dict), so that gunicorn's own lines come out in the same shape as the app's. It
imports nothing from Django's settings: gunicorn reads it before the app is loaded.
"""

import contextvars
import logging
import re
import uuid
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import SimpleLazyObject, empty
from pythonjsonlogger.core import RESERVED_ATTRS
from pythonjsonlogger.orjson import OrjsonFormatter

REQUEST_ID_HEADER = "X-Request-ID"
WELL_FORMED_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,128}")
LOG_FORMATS = ("json", "text")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"


def request_id_from(value: str | None) -> str:
    """The client's X-Request-ID when well-formed; anything else could forge or break log lines."""
    if value and WELL_FORMED_REQUEST_ID.fullmatch(value):
        return value
    return uuid.uuid4().hex


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    method: str
    path: str
    request: object = None


# Set by apps.core.request_log.RequestMiddleware for the time of one request.
current_request: contextvars.ContextVar[RequestContext | None] = contextvars.ContextVar(
    "current_request", default=None
)


def user_id(request) -> int | None:
    """The id of the request's user once authentication ran; None before, or when anonymous.

    An AuthenticationMiddleware user that nothing has read yet stays unread: reading it would load
    the session (a query) only to write a log line. DRF replaces it with the user it authenticated.
    """
    user = getattr(request, "user", None)
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
        return None
    return getattr(user, "pk", None)


class RequestContextFilter(logging.Filter):
    """Adds request_id, method, path and user_id to every record logged during a request.

    Fields the caller passed in `extra` win (an auth event names its own user).
    """

    def filter(self, record):
        context = current_request.get()
        if context is not None:
            fields = record.__dict__
            fields.setdefault("request_id", context.request_id)
            fields.setdefault("method", context.method)
            fields.setdefault("path", context.path)
            if fields.get("user_id") is None:
                fields["user_id"] = user_id(context.request)
        return True


class WarningWithoutTraceback(logging.Filter):
    """Makes a record one warning line: for events that are the client's doing, not a fault.

    Django logs a refused Host header as an error with its whole traceback (about 20 lines) for
    every such request; it is a misdirected client or a scanner, worth one line.
    """

    def filter(self, record):
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        record.exc_info = record.exc_text = None
        return True


def json_formatter() -> OrjsonFormatter:
    # python-json-logger's orjson flavour: a line costs about a quarter of its json-module one.
    return OrjsonFormatter(
        "{levelname}{name}{message}{process}",
        style="{",
        timestamp="time",
        # `pid` tells gunicorn's workers apart.
        rename_fields={"levelname": "level", "name": "logger", "process": "pid"},
        # Django passes the request object along with its warnings; its repr would carry the
        # query string, and the fields above already say which request it was.
        reserved_attrs=[*RESERVED_ATTRS, "request", "server_time"],
    )


def logging_config(log_format: str) -> dict:
    if log_format not in LOG_FORMATS:
        raise ImproperlyConfigured(f"LOG_FORMAT must be one of {', '.join(LOG_FORMATS)}, not {log_format!r}")
    if log_format == "json":
        formatter = {"()": "apps.core.logs.json_formatter"}
        # Python's warnings would go to stderr as they are, in the middle of the JSON lines: they
        # become records of the `py.warnings` logger.
        logging.captureWarnings(True)
    else:
        formatter = {"()": "logging.Formatter", "fmt": TEXT_FORMAT, "defaults": {"request_id": "-"}}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_context": {"()": "apps.core.logs.RequestContextFilter"},
            "warning_without_traceback": {"()": "apps.core.logs.WarningWithoutTraceback"},
        },
        "formatters": {"default": formatter},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "default",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": "INFO"},
        "loggers": {
            "django.security.DisallowedHost": {"filters": ["warning_without_traceback"]},
            # Never DEBUG: its debug lines print whole template contexts, e-mail keys and links included.
            "django.template": {"level": "INFO"},
            # gunicorn's own messages (boot, workers, refused requests) go through the root's handler.
            "gunicorn.error": {"handlers": [], "propagate": True},
            # The app's request line (apps.core.request_log) is the access log: it knows the route,
            # the user and the request id. Requests gunicorn refuses itself are logged by
            # config/gunicorn.conf.py.
            "gunicorn.access": {"handlers": [], "propagate": False, "level": "WARNING"},
        },
    }

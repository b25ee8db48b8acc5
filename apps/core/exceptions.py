import logging

from django.core.exceptions import RequestDataTooBig
from django.db import InterfaceError, OperationalError
from django.http import JsonResponse
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler as drf_exception_handler

from apps.core import metrics
from apps.core.throttles import CACHE_UNAVAILABLE, ThrottleUnavailable, warn_cache_unavailable

logger = logging.getLogger(__name__)

# What an unreachable, restarting or black-holed database raises (psycopg's errors, through
# Django's wrapper). The request cannot be served, but it may be retried: 503, never 500.
DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Request body is too large."
    default_code = "payload_too_large"


class DatabaseUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "The database is unavailable. Please try again shortly."
    default_code = "database_unavailable"
    # DRF's exception handler turns `wait` into the Retry-After header: about connect_timeout.
    wait = 5


def exception_handler(exc, context):
    """DRF's handler, also answering 413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE, and 503 with
    Retry-After when the database or the cache fails.

    Django raises RequestDataTooBig there, which would otherwise be a bare 400.
    Anything still unhandled propagates to handler500, which answers JSON.
    """
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    elif isinstance(exc, DATABASE_UNAVAILABLE):
        log_database_unavailable(exc)
        exc = DatabaseUnavailable()
    elif isinstance(exc, CACHE_UNAVAILABLE):
        # Redis failing after the throttle passed, in allauth's own rate limits (password reset,
        # e-mail confirmation): they guard the same endpoints, so they fail closed the same way.
        warn_cache_unavailable(exc)
        exc = ThrottleUnavailable()
    return drf_exception_handler(exc, context)


def database_unavailable_response():
    """The DRF answer of DatabaseUnavailable, for the paths outside DRF (admin, middleware)."""
    return JsonResponse(
        {"detail": DatabaseUnavailable.default_detail},
        status=DatabaseUnavailable.status_code,
        headers={"Retry-After": str(DatabaseUnavailable.wait)},
    )


def log_database_unavailable(exc):
    # One line, no traceback: during an outage every request that needs the database lands here.
    metrics.database_errors.inc()
    logger.warning("database unavailable: %s: %s", type(exc).__name__, str(exc).strip())

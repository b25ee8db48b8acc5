from django.core.exceptions import RequestDataTooBig
from rest_framework import status
from rest_framework.exceptions import APIException
from rest_framework.views import exception_handler as drf_exception_handler


class PayloadTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "Request body is too large."
    default_code = "payload_too_large"


def exception_handler(exc, context):
    """DRF's handler, also answering 413 for a body over DATA_UPLOAD_MAX_MEMORY_SIZE.

    Django raises RequestDataTooBig there, which would otherwise be a bare 400.
    Anything still unhandled propagates to handler500, which answers JSON.
    """
    if isinstance(exc, RequestDataTooBig):
        exc = PayloadTooLarge()
    return drf_exception_handler(exc, context)

"""Under DEBUG, /api/ answers JSON as it does in production; Django's HTML debug pages stay for the
rest (the admin), as developers expect.

With DEBUG on Django ignores handler404/handler500: an unknown /api/ path gets its technical 404
page and an exception its technical 500 page, both HTML. config/urls.py ends /api/ with a JSON 404
route (api_not_found), and DebugJSONErrorsMiddleware answers an /api/ view's exception.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import Http404
from django.utils.log import log_response

from apps.core import views

API_PREFIX = "/api/"


def api_not_found(request, *args, **kwargs):
    """Every path under /api/ that no route takes, whatever DEBUG says."""
    return views.page_not_found(request)


class DebugJSONErrorsMiddleware:
    """The JSON answer of handler404/403/400/500 for an exception in an /api/ view under DEBUG.

    The traceback still goes to the `django.request` log, as Django logs it.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not settings.DEBUG or not request.path_info.startswith(API_PREFIX):
            return None
        if isinstance(exception, Http404):
            response = views.page_not_found(request, exception)
        elif isinstance(exception, PermissionDenied):
            response = views.permission_denied(request, exception)
        elif isinstance(exception, SuspiciousOperation):
            response = views.bad_request(request, exception)
        else:
            response = views.server_error(request)
        # Marks the response as logged, so Django does not log it a second time without traceback.
        log_response(
            "%s: %s",
            response.reason_phrase,
            request.path,
            response=response,
            request=request,
            exception=exception,
        )
        return response

"""Under DEBUG, /api/ answers JSON as it does in production; Django's HTML debug pages stay for the
rest (the admin), as developers expect.

With DEBUG on, Django ignores handler404/handler500: an unknown /api/ path gets its technical 404
page and an exception its technical 500 page, both HTML, which a mobile client on `make run`
cannot parse.
"""

from django.conf import settings
from django.http import JsonResponse

from apps.core import views
from apps.core.middleware import API_PREFIX

ERROR_VIEWS = {400: views.bad_request, 403: views.permission_denied, 404: views.page_not_found}


class DebugJSONErrorsMiddleware:
    """Replaces an /api/ answer that is one of Django's debug pages with handler404/403/400/500's JSON.

    The API renders nothing but JSON, so an HTML error under /api/ can only be such a page. Django
    has logged the exception with its traceback before the page comes through here.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            settings.DEBUG
            and response.status_code >= 400
            and request.path_info.startswith(API_PREFIX)
            and response.get("Content-Type", "").startswith("text/html")
        ):
            return json_error(request, response.status_code, response.reason_phrase)
        return response


def json_error(request, status, reason):
    if status >= 500:
        return views.server_error(request)
    if status in ERROR_VIEWS:
        return ERROR_VIEWS[status](request)
    return JsonResponse({"detail": reason}, status=status)

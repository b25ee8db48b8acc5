"""X-Request-ID, the request line and the request metrics: the outermost middleware.

Every answer carries X-Request-ID: the client's own when well-formed, else a new one. The id is
in every log line of the request (apps.core.logs.RequestContextFilter), and the request ends
with one line on the `request` logger: method, path, route, status, duration and user id.
That line is the access log (gunicorn's own is switched off: it knows neither route nor user).
"""

import logging
import time

from apps.core import metrics
from apps.core.logs import REQUEST_ID_HEADER, RequestContext, current_request, request_id_from, user_id

logger = logging.getLogger("request")


class RequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request.id = request_id_from(request.META.get("HTTP_X_REQUEST_ID"))
        context = current_request.set(RequestContext(request.id, request.method, request.path, request))
        try:
            # Every exception further in has already become a response (handler500 included).
            response = self.get_response(request)
            seconds = time.perf_counter() - started
            response[REQUEST_ID_HEADER] = request.id
            route = metrics.route_of(request)
            metrics.observe(method=request.method, route=route, status=response.status_code, seconds=seconds)
            logger.log(
                logging.WARNING if response.status_code >= 500 else logging.INFO,
                "%s %s %s %.1fms",
                request.method,
                # As Django escapes paths in its own lines: a decoded %0A must not start a new line.
                request.path.encode("unicode_escape").decode("ascii"),
                response.status_code,
                seconds * 1000,
                extra={
                    "route": route,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 3),
                    "user_id": user_id(request),
                },
            )
            # This line says it all; Django would add a "Not Found: /x" warning for every 4xx, after
            # the request's context is gone (no request id). An exception's 500 has already been
            # logged, traceback and all, inside that context.
            response._has_been_logged = True
            return response
        finally:
            current_request.reset(context)

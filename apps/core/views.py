import sys

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from apps.core.exceptions import DATABASE_UNAVAILABLE, database_unavailable_response


class ProbeView(APIView):
    """Probes are public and never throttled: an orchestrator polls them."""

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []


class HealthView(ProbeView):
    @extend_schema(
        summary="Liveness: the process runs",
        responses={200: inline_serializer("Health", {"status": serializers.CharField()})},
    )
    def get(self, request):
        """The process is up. Touches neither the database nor the cache."""
        return Response({"status": "ok"})


readiness = inline_serializer(
    "Readiness",
    {
        "status": serializers.ChoiceField(["ok", "degraded", "unavailable"]),
        "checks": serializers.DictField(child=serializers.ChoiceField(["ok", "unavailable"])),
    },
)


class ReadyView(ProbeView):
    @extend_schema(
        summary="Readiness: the database and the cache answer",
        description=(
            "`ok` when both answer; `degraded` (still 200: the node serves, without rate limits, and "
            "the endpoints behind THROTTLE_RATE_AUTH answer 503) when only the cache is down; "
            "503 `unavailable` when the database is down."
        ),
        responses={200: readiness, 503: readiness},
    )
    def get(self, request):
        """The process can serve: the database answers; the cache too, or the node is degraded."""
        checks = {"database": _check_database(), "cache": _check_cache()}
        if checks["database"] != "ok":
            state, code = "unavailable", status.HTTP_503_SERVICE_UNAVAILABLE
        elif checks["cache"] != "ok":
            state, code = "degraded", status.HTTP_200_OK
        else:
            state, code = "ok", status.HTTP_200_OK
        return Response({"status": state, "checks": checks}, status=code)


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        return "unavailable"
    return "ok"


def _check_cache():
    try:
        cache.set("readyz", "ok", timeout=5)
        if cache.get("readyz") != "ok":
            return "unavailable"
    except Exception:
        return "unavailable"
    return "ok"


# Django's own error pages are HTML; these answer in DRF's {"detail": ...} shape instead.
def bad_request(request, exception=None):
    return JsonResponse({"detail": "Bad request."}, status=400)


def permission_denied(request, exception=None):
    return JsonResponse({"detail": "You do not have permission to perform this action."}, status=403)


def page_not_found(request, exception=None):
    return JsonResponse({"detail": "Not found."}, status=404)


def server_error(request):
    # A middleware that meets a failing database lands here (views outside DRF get the same answer
    # from DatabaseUnavailableMiddleware, DRF's from the exception handler).
    if isinstance(sys.exc_info()[1], DATABASE_UNAVAILABLE):
        return database_unavailable_response()
    return JsonResponse({"detail": "A server error occurred."}, status=500)

"""Prometheus metrics of the node, every gunicorn worker's summed in one scrape of /metrics.

Under gunicorn, config/gunicorn.conf.py sets PROMETHEUS_MULTIPROC_DIR before anything imports
prometheus_client: each worker then writes its values to files there, and a scrape, whichever
worker answers it, reads them all (prometheus_client's multiprocess mode). Without it (runserver,
tests) the metrics are the one process's.

Other modules count what they meet: `metrics.database_errors.inc()`, `metrics.cache_errors.inc()`.
Requests, their latency and the 429s are counted by apps.core.request_log for every request.
"""

import ipaddress
import os

from django.conf import settings
from django.http import HttpResponse
from drf_spectacular.utils import extend_schema
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.views import APIView

# The route of a request that matched no URL pattern: raw paths would make a label per scanner probe.
UNMATCHED = "unmatched"

requests_total = Counter(
    "http_requests_total", "Requests answered, by method, route and status.", ["method", "route", "status"]
)
request_duration_seconds = Histogram(
    "http_request_duration_seconds",
    "Time from the request reaching Django to its answer, by method and route.",
    ["method", "route"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
throttled_requests = Counter(
    "throttled_requests_total",
    "Requests answered 429 (rate limits and locked accounts), by route.",
    ["route"],
)
database_errors = Counter(
    "database_errors_total", "Database errors (unreachable, connection lost) met while answering."
)
cache_errors = Counter("cache_errors_total", "Cache (Redis) errors met while answering.")


def route_of(request) -> str:
    """The URL pattern's name (`post-detail`, `rest_login`), else its route; never the raw path."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return UNMATCHED
    return match.view_name or match.route or UNMATCHED


def observe(*, method: str, route: str, status: int, seconds: float) -> None:
    requests_total.labels(method, route, str(status)).inc()
    request_duration_seconds.labels(method, route).observe(seconds)
    if status == 429:
        throttled_requests.labels(route).inc()


def is_allowed(address: str | None) -> bool:
    try:
        peer = ipaddress.ip_address(address or "")
    except ValueError:
        return False
    # A dual-stack socket reports an IPv4 client as ::ffff:a.b.c.d.
    peer = getattr(peer, "ipv4_mapped", None) or peer
    return any(peer in network for network in settings.METRICS_ALLOWED_IPS)


def registry():
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        collected = CollectorRegistry()
        multiprocess.MultiProcessCollector(collected)
        return collected
    return REGISTRY


class MetricsView(APIView):
    """Prometheus' text format, for METRICS_ALLOWED_IPS only; a 404 for anyone else.

    The peer is REMOTE_ADDR, the socket's address, never X-Forwarded-For: any client can write
    that header, and a balancer in front would make every client look like an allowed address.
    """

    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = []

    @extend_schema(exclude=True)
    def get(self, request):
        if not is_allowed(request.META.get("REMOTE_ADDR")):
            raise NotFound
        return HttpResponse(generate_latest(registry()), content_type=CONTENT_TYPE_LATEST)

from django.urls import resolve

# Called by address, not by name: an orchestrator probes a pod at its IP, Prometheus scrapes it.
HOST_AGNOSTIC_PATHS = frozenset({"/healthz", "/readyz", "/metrics"})


class HostAgnosticMiddleware:
    """Answers the probes and /metrics whatever the Host header, before any middleware checks it.

    CommonMiddleware (and CORS, CSRF, the HTTPS redirect) call request.get_host(), which refuses a
    Host outside ALLOWED_HOSTS with a 400; these views never use the host. Every other path keeps
    Django's validation. /metrics guards itself by peer address (apps.core.metrics).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info not in HOST_AGNOSTIC_PATHS:
            return self.get_response(request)
        match = resolve(request.path_info)
        request.resolver_match = match
        response = match.func(request, *match.args, **match.kwargs)
        # Django renders a view's response after the middleware that would see it; here there is none.
        return response.render() if hasattr(response, "render") else response

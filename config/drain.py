"""Draining a node before it stops: after TERM, `/readyz` answers 503 for `DRAIN_SECONDS` while the
node keeps serving everything else, then gunicorn stops as usual (closes its socket, lets the
workers finish their requests).

Without the pause, a connection that the balancer opened just before gunicorn closes its socket
is reset unanswered: a GET is retried on another node, but a POST cannot be (the balancer cannot
tell that it never ran) and fails. With it, the balancer's health checks take the node out of
rotation first. Set `DRAIN_SECONDS` above the balancer's detection time (`make cluster`: 3 s for
HAProxy's ~1.5 s); leave it at 0 where the orchestrator pauses instead (Kubernetes' preStop).

This is its own module because gunicorn re-executes its config file on HUP: the flag has to stay
the one object that the master and every worker, old and new, share.
"""

import ctypes
import multiprocessing
import os
import time

SECONDS = float(os.environ.get("DRAIN_SECONDS") or 0)

# Shared memory made in the master before it forks: every worker sees the master's write.
_draining = multiprocessing.RawValue(ctypes.c_bool, False)

_BODY = b'{"status": "draining"}'


def install(server):
    """gunicorn's when_ready hook: pause in the master's TERM handling, flag raised."""
    stop = server.handle_term

    def handle_term():
        if SECONDS > 0:
            server.log.info("Draining: /readyz answers 503 for %g s, then stopping", SECONDS)
            _draining.value = True
            time.sleep(SECONDS)
        stop()

    server.handle_term = handle_term


def wrap(worker):
    """gunicorn's post_worker_init hook: answer /readyz with 503 while the node drains."""
    app = worker.wsgi

    def wsgi(environ, start_response):
        if _draining.value and environ.get("PATH_INFO") == "/readyz":
            headers = [("Content-Type", "application/json"), ("Content-Length", str(len(_BODY)))]
            start_response("503 Service Unavailable", headers)
            return [_BODY]
        return app(environ, start_response)

    worker.wsgi = wsgi

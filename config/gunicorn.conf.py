"""gunicorn settings, all from the environment: `gunicorn -c config/gunicorn.conf.py config.wsgi`."""

import json
import logging
import multiprocessing
import os
import shutil
import tempfile

from gunicorn import util

from apps.core.logs import REQUEST_ID_HEADER, logging_config, request_id_from
from config import drain

# Metrics of every worker in one scrape (prometheus_client's multiprocess mode): the workers write
# their values to files in this directory, one per master. It must be set before prometheus_client
# is imported (the app, loaded below by preload_app); a reload (HUP) reruns this file and keeps it.
if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="gunicorn-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR_OWNER"] = str(os.getpid())

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# Load the app once in the master and fork: workers share its memory pages.
# Django opens database connections lazily, so none is shared across the fork.
preload_app = True
timeout = 30
graceful_timeout = 30
# Recycle workers now and then so that a slow leak cannot grow without bound.
max_requests = 10000
max_requests_jitter = 1000
# gunicorn's control socket is one path per user ($HOME/.gunicorn/gunicorn.ctl): several servers on
# one machine would take it from each other. Signals do the same work (HUP, TERM, TTIN...).
control_socket_disable = True
errorlog = "-"
# gunicorn's own lines in the app's shape (JSON under settings.prod). Its access log is off there:
# the app logs one line per request with the route, the user and the request id (apps.core.logs).
logconfig_dict = logging_config(
    os.environ.get("LOG_FORMAT")
    or ("json" if os.environ.get("DJANGO_SETTINGS_MODULE", "settings.prod") == "settings.prod" else "text")
)


def child_exit(server, worker):
    """A worker is gone: its live values leave the scrape (prometheus_client's bookkeeping)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    """The metrics directory this master made goes with it; one set by the operator stays."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR_OWNER") == str(os.getpid()):
        shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


def write_json_error(sock, status_int, reason, mesg):
    """gunicorn's own answer to a request it refuses before Django sees it, as JSON.

    A request line over limit_request_line (414), header fields over their limits (431) or a
    malformed request (400) get an HTML page from gunicorn otherwise; the API answers JSON only.
    It carries an X-Request-ID like every answer, and its line is logged as the app logs requests.
    """
    request_id = request_id_from(None)
    body = json.dumps({"detail": f"{reason}: {mesg}" if mesg else reason}).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        f"{REQUEST_ID_HEADER}: {request_id}\r\n\r\n"
    )
    # Logged first: once the client has its answer, the line is there.
    logging.getLogger("request").info(
        "refused by gunicorn: %s %s",
        status_int,
        reason,
        extra={"request_id": request_id, "status": status_int, "route": "refused"},
    )
    util.write_nonblock(sock, head.encode("latin1") + body)


# The workers write those answers through util.write_error; this file runs in the master before
# it forks them, so every worker inherits the JSON version.
util.write_error = write_json_error


# After TERM, /readyz answers 503 for DRAIN_SECONDS before gunicorn stops (config/drain.py).
def when_ready(server):
    drain.install(server)


def post_worker_init(worker):
    drain.wrap(worker)

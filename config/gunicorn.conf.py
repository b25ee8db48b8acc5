"""gunicorn settings, all from the environment: `gunicorn -c config/gunicorn.conf.py config.wsgi`."""

import json
import multiprocessing
import os

from gunicorn import util

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
accesslog = "-"
errorlog = "-"


def write_json_error(sock, status_int, reason, mesg):
    """gunicorn's own answer to a request it refuses before Django sees it, as JSON.

    A request line over limit_request_line (414), header fields over their limits (431) or a
    malformed request (400) get an HTML page from gunicorn otherwise; the API answers JSON only.
    """
    body = json.dumps({"detail": f"{reason}: {mesg}" if mesg else reason}).encode()
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\nConnection: close\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin1") + body)


# The workers write those answers through util.write_error; this file runs in the master before
# it forks them, so every worker inherits the JSON version.
util.write_error = write_json_error

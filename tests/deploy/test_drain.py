"""A node told to stop (TERM) first fails its readiness probe for DRAIN_SECONDS while it keeps
serving, so that a balancer takes it out of rotation before gunicorn closes its socket
(config/drain.py); then it stops."""

import json
import os
import re
import signal
import socket
import time
import urllib.error
import urllib.request

from tests.production import gunicorn


def get(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def refuses_connections(url):
    host, port = url.removeprefix("http://").split(":")
    with socket.socket() as sock:
        return sock.connect_ex((host, int(port))) != 0


def test_after_term_readiness_fails_while_the_node_serves_then_it_stops(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "REDIS_URL": None}
    with gunicorn(tmp_path, WEB_CONCURRENCY="1", DRAIN_SECONDS="3", **env) as url:
        log = tmp_path / "gunicorn.log"
        master = int(re.search(rf"Listening at: {re.escape(url)} \((\d+)\)", log.read_text()).group(1))
        # A reload first: gunicorn re-executes its config file, the drain must survive it.
        os.kill(master, signal.SIGHUP)
        while log.read_text().count("Booting worker") < 2:
            time.sleep(0.1)
        assert get(f"{url}/readyz")[1]["status"] != "draining"

        os.kill(master, signal.SIGTERM)
        # The master handles signals in its loop, within a second or so.
        deadline = time.monotonic() + 5
        while (readiness := get(f"{url}/readyz"))[0] == 200 and time.monotonic() < deadline:
            time.sleep(0.05)
        draining = time.monotonic()

        assert readiness == (503, {"status": "draining"})
        assert get(f"{url}/healthz") == (200, {"status": "ok"})
        while not refuses_connections(url):
            assert time.monotonic() - draining < 30, "the node never stopped"
            time.sleep(0.1)
        assert time.monotonic() - draining >= 2.5

"""The shipped balancer (deploy/haproxy/haproxy.cfg), run by Debian's HAProxy in front of small stub
nodes that answer, close without a word, refuse, or fail their readiness probe: which requests are
retried elsewhere, which never are, the forwarded headers, the body limit and the JSON errors.

Needs `haproxy` (`make haproxy` installs it); skipped without it. Loopback only, on ports the kernel
hands out, so that runs at the same time on one machine never meet.
"""

import collections
import json
import os
import shutil
import socket
import subprocess
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parent.parent.parent
HAPROXY = ROOT / "deploy" / "haproxy"


def free_port():
    """A port nothing listens on (the kernel's choice; free again once this socket is closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


pytestmark = pytest.mark.skipif(shutil.which("haproxy") is None, reason="needs haproxy: make haproxy")


class StubNode(ThreadingHTTPServer):
    """A node that answers `/readyz` with `ready_status` and every other request as `behaviour`
    says: "answer" (200 and the request as JSON) or "close" (reads it, closes, answers nothing)."""

    daemon_threads = True

    def __init__(self, behaviour="answer", ready_status=200, ready_body=b'{"status": "ok"}'):
        self.behaviour = behaviour
        self.ready_status = ready_status
        self.ready_body = ready_body
        self.seen = collections.Counter()  # method -> requests other than /readyz
        super().__init__(("127.0.0.1", 0), Handler)
        self.address = f"127.0.0.1:{self.server_address[1]}"
        threading.Thread(target=self.serve_forever, daemon=True).start()

    def handle_error(self, request, client_address):
        """HAProxy ends its health checks with a reset: not worth a traceback."""


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/readyz":
            self.reply(self.server.ready_status, self.server.ready_body)
        else:
            self.do_POST()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.seen[self.command] += 1
        if self.server.behaviour == "close":
            self.close_connection = True
            return
        echo = {
            "method": self.command,
            "x_forwarded_for": self.headers.get_all("X-Forwarded-For"),
            "x_forwarded_proto": self.headers.get_all("X-Forwarded-Proto"),
        }
        self.reply(200, json.dumps(echo).encode())

    do_PUT = do_PATCH = do_DELETE = do_POST

    def reply(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def balancer(tmp_path):
    """balancer(server lines...): HAProxy with this repository's configuration in front of them."""
    started = []

    def start(*servers):
        nodes = tmp_path / "nodes.cfg"
        nodes.write_text("backend nodes from node-defaults\n" + "".join(f"    server {s}\n" for s in servers))
        port = free_port()
        env = dict(os.environ, LB_BIND=f"127.0.0.1:{port}", LB_ERRORS=str(HAPROXY / "errors"))
        command = ["haproxy", "-db", "-f", str(HAPROXY / "haproxy.cfg"), "-f", str(nodes)]
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        started.append(process)
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    return f"http://127.0.0.1:{port}"
            time.sleep(0.05)
        raise RuntimeError("haproxy did not start")

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def stub_nodes():
    nodes = []

    def make(**kwargs):
        node = StubNode(**kwargs)
        nodes.append(node)
        return node

    yield make
    for node in nodes:
        node.shutdown()
        node.server_close()


def test_a_get_answered_by_nothing_is_retried_on_another_node(balancer, stub_nodes):
    closing, answering = stub_nodes(behaviour="close"), stub_nodes()
    url = balancer(f"closing {closing.address}", f"answering {answering.address}")

    statuses = [requests.get(f"{url}/api/v1/posts/", timeout=10).status_code for _ in range(10)]

    assert statuses == [200] * 10
    assert closing.seen["GET"] >= 1
    assert answering.seen["GET"] == 10


def test_a_post_that_reached_a_node_is_never_sent_again(balancer, stub_nodes):
    closing, answering = stub_nodes(behaviour="close"), stub_nodes()
    url = balancer(f"closing {closing.address}", f"answering {answering.address}")

    answers = [requests.post(f"{url}/api/v1/posts/", json={"title": "t"}, timeout=10) for _ in range(10)]

    failed = [a for a in answers if a.status_code == 502]
    assert len(failed) >= 1
    assert all(a.status_code in (200, 502) for a in answers)
    # Each POST reached exactly one node: those that hit the closing node failed, none was replayed.
    assert closing.seen["POST"] == len(failed)
    assert answering.seen["POST"] == 10 - len(failed)
    assert failed[0].headers["Content-Type"] == "application/json"
    assert "detail" in failed[0].json()


def test_on_a_keep_alive_connection_a_failed_post_is_a_closed_connection_never_a_replay(balancer, stub_nodes):
    closing, answering = stub_nodes(behaviour="close"), stub_nodes()
    url = balancer(f"closing {closing.address}", f"answering {answering.address}")
    outcomes = []

    with requests.Session() as session:
        for _ in range(10):
            try:
                outcomes.append(
                    session.post(f"{url}/api/v1/posts/", json={"title": "t"}, timeout=10).status_code
                )
            except requests.ConnectionError:
                # HAProxy closes a keep-alive connection without an answer when its node fails on a
                # request that is not the connection's first, as a keep-alive server would.
                outcomes.append("closed")

    failed = [o for o in outcomes if o != 200]
    assert set(failed) <= {502, "closed"}
    assert closing.seen["POST"] == len(failed) >= 1
    assert answering.seen["POST"] == 10 - len(failed)


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE"])
def test_a_write_is_retried_on_another_node_when_the_connection_failed(balancer, stub_nodes, method):
    answering = stub_nodes()
    # `no-check`: the balancer keeps sending to the dead node, so every other request meets a refusal.
    url = balancer(f"gone 127.0.0.1:{free_port()} no-check", f"answering {answering.address}")

    statuses = [requests.request(method, f"{url}/api/v1/posts/1/", timeout=10).status_code for _ in range(6)]

    assert statuses == [200] * 6
    assert answering.seen[method] == 6


def test_a_node_failing_its_readiness_probe_gets_no_traffic_a_degraded_one_does(balancer, stub_nodes):
    unready = stub_nodes(ready_status=503, ready_body=b'{"status": "unavailable"}')
    degraded = stub_nodes(ready_body=b'{"status": "degraded"}')
    url = balancer(f"unready {unready.address}", f"degraded {degraded.address}")
    time.sleep(3)  # two failed checks, a second apart, take the unready node out

    statuses = [requests.get(f"{url}/api/v1/posts/", timeout=10).status_code for _ in range(10)]

    assert statuses == [200] * 10
    assert unready.seen["GET"] == 0
    assert degraded.seen["GET"] == 10


def test_no_node_in_rotation_is_a_json_503_with_retry_after(balancer, stub_nodes):
    unready = stub_nodes(ready_status=503)
    url = balancer(f"unready {unready.address}")
    deadline = time.monotonic() + 10
    while (answer := requests.get(f"{url}/api/v1/posts/", timeout=10)).status_code != 503:
        assert time.monotonic() < deadline, "the node was never taken out of rotation"
        time.sleep(0.2)

    assert answer.headers["Content-Type"] == "application/json"
    assert answer.headers["Retry-After"] == "5"
    assert answer.json() == {"detail": "No node of the API is available. Try again later."}


def test_the_node_sees_the_client_address_last_and_the_scheme_the_balancer_set(balancer, stub_nodes):
    answering = stub_nodes()
    url = balancer(f"answering {answering.address}")

    echo = requests.get(
        f"{url}/api/v1/posts/",
        headers={"X-Forwarded-For": "203.0.113.9", "X-Forwarded-Proto": "https"},
        timeout=10,
    ).json()

    # NUM_PROXIES=1: the node trusts the last address only, the one the balancer appended.
    assert echo["x_forwarded_for"][-1] == "127.0.0.1"
    assert echo["x_forwarded_proto"] == ["http"]


def test_metrics_are_not_served_through_the_balancer(balancer, stub_nodes):
    node = stub_nodes()
    url = balancer(f"answering {node.address}")

    answer = requests.get(f"{url}/metrics", timeout=10)

    assert answer.status_code == 404
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.json() == {"detail": "Not found."}
    assert node.seen["GET"] == 0


def raw_request(url, head, body=b""):
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head + body)
        data = b""
        while b"\r\n\r\n" not in data and (chunk := sock.recv(65536)):
            data += chunk
        return data


def test_a_body_over_django_s_limit_is_refused_before_it_reaches_a_node(balancer, stub_nodes):
    node = stub_nodes()
    url = balancer(f"answering {node.address}")
    limit = 2621440  # Django's DATA_UPLOAD_MAX_MEMORY_SIZE

    over = raw_request(
        url, f"POST /api/v1/posts/ HTTP/1.1\r\nHost: x\r\nContent-Length: {limit + 1}\r\n\r\n".encode()
    )
    at_limit = raw_request(
        url,
        f"POST /api/v1/posts/ HTTP/1.1\r\nHost: x\r\nContent-Length: {limit}\r\n\r\n".encode(),
        b"x" * limit,
    )

    assert over.split(b" ", 2)[1] == b"413"
    assert b"content-type: application/json" in over.lower()
    assert at_limit.split(b" ", 2)[1] == b"200"
    assert node.seen["POST"] == 1


@pytest.mark.parametrize("path", sorted((HAPROXY / "errors").glob("*.http")), ids=lambda p: p.name)
def test_every_error_answer_of_the_balancer_is_well_formed_json(path):
    head, body = path.read_bytes().split(b"\r\n\r\n", 1)
    status_line, *fields = head.decode().split("\r\n")
    headers = dict(field.split(": ", 1) for field in fields)

    assert status_line.startswith(f"HTTP/1.1 {path.stem} ")
    assert headers["Content-Type"] == "application/json"
    assert int(headers["Content-Length"]) == len(body)
    assert set(json.loads(body)) == {"detail"}

"""Live fault tests: gunicorn under production settings (2 workers), PostgreSQL and Redis behind
a FaultProxy that each test switches. Slow by nature (the timeouts are the point): they run with
FAULT_TESTS=1 on PostgreSQL (`make test-faults`), not in the fast `make test`.

Loopback only, ports 19300-19399; every request has a client timeout and every load a deadline.
"""

import json
import os
import socket
import time
import uuid
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
import requests
from django.db import connection

from tests import production
from tests.faults.proxy import FaultProxy
from tests.production import gunicorn
from tests.redis_db import TEST_REDIS_URL, own_prefix

PG_PROXY_PORTS = range(19300, 19340)
REDIS_PROXY_PORTS = range(19340, 19380)
# gunicorn's, instead of tests.production's shared range, which other suites on the machine use.
SERVER_PORTS = range(19380, 19400)
# Generous: the client gives up only well past the longest answer the contract allows.
CLIENT_TIMEOUT = 25

fault_tests = [
    pytest.mark.postgres,
    # pytest-django makes the test database only for tests that ask for one; gunicorn uses it.
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("FAULT_TESTS"), reason="slow live fault tests: FAULT_TESTS=1"),
]


def free_port(ports):
    for port in ports:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.fail(f"no free port in {ports.start}-{ports.stop - 1}")


@dataclass
class Answer:
    status: int
    headers: dict
    body: object
    seconds: float


@dataclass
class Server:
    url: str
    log_path: Path
    pid_path: Path

    def call(self, method, path, *, token=None, json=None):
        headers = {"Authorization": f"Token {token}"} if token else {}
        started = time.monotonic()
        response = requests.request(
            method, self.url + path, headers=headers, json=json, timeout=CLIENT_TIMEOUT
        )
        seconds = time.monotonic() - started
        try:
            body = response.json()
        except ValueError:
            body = response.text
        return Answer(response.status_code, response.headers, body, seconds)

    def workers(self):
        """The PIDs of gunicorn's workers: the same set before and after a fault means that the
        workers recovered by themselves, none was killed or restarted."""
        master = int(self.pid_path.read_text())
        children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
        return {int(pid) for pid in children}

    def log(self):
        return self.log_path.read_text()

    def log_records(self):
        """The JSON log lines (settings.prod's LOG_FORMAT), each with its worker's pid."""
        return [json.loads(line) for line in self.log().splitlines() if line.startswith("{")]

    def wait_ready(self, status="ok", seconds=20):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            answer = self.call("GET", "/readyz")
            if isinstance(answer.body, dict) and answer.body.get("status") == status:
                return answer
            time.sleep(0.2)
        pytest.fail(f"/readyz never said {status!r}; last: {answer.status} {answer.body}")

    def new_user(self):
        """A registered user and a session key, through the API as a client gets them."""
        name = f"fault-{uuid.uuid4().hex[:12]}"
        password = f"pw-{uuid.uuid4().hex}"
        answer = self.call(
            "POST",
            "/api/v1/dj-rest-auth/registration/",
            json={
                "username": name,
                "email": f"{name}@example.com",
                "password1": password,
                "password2": password,
            },
        )
        assert answer.status == 201, answer.body
        return name, password, answer.body["key"]


@pytest.fixture(scope="module")
def database(django_db_setup):
    """The test database pytest-django made, as gunicorn reaches it: host, port, name."""
    settings = connection.settings_dict
    return {
        "host": settings["HOST"] or "127.0.0.1",
        "port": int(settings["PORT"] or 5432),
        "name": settings["NAME"],
    }


@dataclass
class RedisTarget:
    host: str
    port: int
    db: int
    prefix: str

    def url(self, port=None):
        return f"redis://{self.host}:{port or self.port}/{self.db}"


@pytest.fixture
def redis_target():
    """TEST_REDIS_URL's Redis, under a key prefix of this test's own (CACHE_KEY_PREFIX), deleted
    afterwards: each test starts with no rate-limit counters, and nobody else's keys are touched."""
    with own_prefix("faults") as prefix:
        location = redis.connection.parse_url(TEST_REDIS_URL)
        yield RedisTarget(
            location.get("host", "127.0.0.1"), location.get("port", 6379), location.get("db", 0), prefix
        )


@pytest.fixture
def serve(tmp_path, monkeypatch):
    """serve(database_url, redis_url, **env) starts gunicorn for one test and yields a Server."""
    monkeypatch.setattr(production, "PORTS", SERVER_PORTS)
    with ExitStack() as stack:

        def start(database_url, redis_url, **env):
            run = tmp_path / f"server{len(list(tmp_path.iterdir()))}"
            run.mkdir()
            pid_path = run / "gunicorn.pid"
            url = stack.enter_context(
                gunicorn(
                    run,
                    DATABASE_URL=database_url,
                    REDIS_URL=redis_url,
                    EMAIL_URL="consolemail://",
                    GUNICORN_CMD_ARGS=f"--pid {pid_path}",
                    **env,
                )
            )
            return Server(url, run / "gunicorn.log", pid_path)

        yield start


@pytest.fixture
def pg_proxy(database):
    proxy = FaultProxy((database["host"], database["port"]), free_port(PG_PROXY_PORTS))
    yield proxy
    proxy.close()


@pytest.fixture
def redis_proxy(redis_target):
    proxy = FaultProxy((redis_target.host, redis_target.port), free_port(REDIS_PROXY_PORTS))
    yield proxy
    proxy.close()


def report(title, answers):
    """Print what the clients saw: statuses and times (pytest -s shows them, CI keeps them)."""
    times = sorted(answer.seconds for answer in answers)
    statuses = {}
    for answer in answers:
        statuses[answer.status] = statuses.get(answer.status, 0) + 1
    print(
        f"\n[faults] {title}: {len(answers)} requests, statuses {dict(sorted(statuses.items()))}, "
        f"seconds min {times[0]:.3f} median {times[len(times) // 2]:.3f} max {times[-1]:.3f}"
    )

"""`make cluster` under test: start it on a fresh PostgreSQL database, read HAProxy's view of the
nodes, signal a node, stop everything. Used by the live tests in this folder."""

import csv
import os
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path

import redis
import requests

from tests.redis_db import delete_prefixed

ROOT = Path(__file__).resolve().parent.parent.parent
STATE = ROOT / ".cluster"


def production_env():
    """The variables settings.prod needs, as CI's scripts set them (.ci/prod-env)."""
    script = f"source {ROOT / '.ci' / 'prod-env'} && env -0"
    output = subprocess.run(["bash", "-c", script], capture_output=True, check=True, env={}).stdout
    variables = dict(line.split("=", 1) for line in output.decode().split("\0") if "=" in line)
    return {name: value for name, value in variables.items() if name not in ("PWD", "SHLVL", "_")}


class Cluster:
    def __init__(self, *, port, nodes, database, redis_url, env=None):
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self.names = [f"node{n}" for n in range(1, nodes + 1)]
        self.database = database
        self.env = dict(
            {**production_env(), **os.environ},
            DJANGO_SETTINGS_MODULE="settings.prod",
            HOST="127.0.0.1",
            PORT=str(port),
            NODES=str(nodes),
            DATABASE_URL=f"postgres://root@127.0.0.1:5432/{database}",
            REDIS_URL=redis_url,
            # The run's cache keys under a prefix of its own, deleted by stop(): never a FLUSHDB.
            CACHE_KEY_PREFIX=f"test-cluster-{uuid.uuid4().hex}",
            DJANGO_MIGRATE="true",
            **(env or {}),
        )
        self.redis_url = redis_url
        self.log = Path(os.environ.get("TMPDIR", "/tmp")) / f"cluster-{port}.log"
        self.process = None

    def start(self, timeout=180):
        psql = ["psql", "-h", "127.0.0.1", "-U", "root", "-d", "postgres", "-qc"]
        subprocess.run([*psql, f"DROP DATABASE IF EXISTS {self.database} WITH (FORCE)"], check=True)
        subprocess.run([*psql, f"CREATE DATABASE {self.database}"], check=True)
        with self.log.open("wb") as out:
            # Its own session: stop() signals make and bin/cluster together, as Ctrl-C would.
            self.process = subprocess.Popen(
                ["make", "--no-print-directory", "cluster"],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while not self.all_up():
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"make cluster did not start:\n{self.log.read_text()[-3000:]}")
            time.sleep(0.5)

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=90)
        delete_prefixed(redis.Redis.from_url(self.redis_url), self.env["CACHE_KEY_PREFIX"])

    def stats(self):
        """HAProxy's `show stat` for the nodes: {name: row}."""
        try:
            with socket.socket(socket.AF_UNIX) as sock:
                sock.connect(str(STATE / "haproxy.sock"))
                sock.sendall(b"show stat\n")
                data = b""
                while chunk := sock.recv(65536):
                    data += chunk
        except OSError:
            return {}
        rows = csv.DictReader(data.decode().lstrip("# ").splitlines())
        return {
            row["svname"]: row for row in rows if row["pxname"] == "nodes" and row["svname"] in self.names
        }

    def all_up(self):
        stats = self.stats()
        return len(stats) == len(self.names) and all(row["status"] == "UP" for row in stats.values())

    def master_pid(self, name):
        try:
            return int((STATE / f"{name}.pid").read_text())
        except (OSError, ValueError):
            return None

    def signal(self, name, signum):
        """Send a signal to a node's gunicorn master; SIGKILL ends its workers too, as a crash."""
        pid = self.master_pid(name)
        if signum == signal.SIGKILL:
            os.killpg(os.getpgid(pid), signal.SIGKILL)
        else:
            os.kill(pid, signum)
        return pid

    def wait_back(self, name, old_pid, timeout=60):
        """Until the node runs a master other than old_pid and HAProxy has it UP again."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            pid = self.master_pid(name)
            if pid and pid != old_pid and self.stats().get(name, {}).get("status") == "UP":
                return
            time.sleep(0.2)
        raise AssertionError(f"{name} did not come back within {timeout} s")


def register(url, username):
    """A new user's session key, through the balancer."""
    answer = requests.post(
        f"{url}/api/v1/dj-rest-auth/registration/",
        json={
            "username": username,
            "email": f"{username}@example.com",
            "password1": "churn-Password-123",
            "password2": "churn-Password-123",
        },
        timeout=30,
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["key"]

"""The auth limit as operators run it: gunicorn with two workers sharing one Redis."""

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import redis

from tests.accounts.api import LOGIN

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = "redis://127.0.0.1:6379/6"
PORTS = range(18100, 18200)
RATE = 4


def free_port():
    for port in PORTS:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.fail("no free port in 18100-18199")


@pytest.fixture
def redis_db():
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"needs Redis at {REDIS_URL}")
    client.flushdb()
    yield
    client.flushdb()


@pytest.fixture
def server(redis_db, tmp_path):
    port = free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.prod",
        "SECRET_KEY": "live-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGH",
        "ALLOWED_HOSTS": "127.0.0.1",
        "EMAIL_URL": "consolemail://",
        "SECURE_SSL_REDIRECT": "false",
        "SECURE_HSTS_SECONDS": "0",
        # The calls below are refused before any query: the database is never opened.
        "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        "REDIS_URL": REDIS_URL,
        "WEB_CONCURRENCY": "2",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "THROTTLE_RATE_AUTH": f"{RATE}/day",
        "NUM_PROXIES": "0",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    log = tmp_path / "gunicorn.log"
    process = subprocess.Popen(
        [str(gunicorn), "--config", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=2)
                break
            except OSError:
                assert process.poll() is None, log.read_text()
                time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def post(url, forwarded_for):
    request = urllib.request.Request(
        url + LOGIN,
        data=json.dumps({}).encode(),
        headers={"Content-Type": "application/json", "X-Forwarded-For": forwarded_for},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


def test_the_limit_holds_across_workers_and_forged_forwarded_for(server):
    # Counts are per day: never start in the last seconds of one.
    seconds_left_today = 86400 - time.time() % 86400
    if seconds_left_today < 30:
        time.sleep(seconds_left_today)

    # Every call on a new connection, which either worker may accept; each forges a new address.
    answers = [post(server, f"10.0.0.{n}") for n in range(RATE + 4)]

    assert [status for status, _ in answers] == [400] * RATE + [429] * 4
    assert all(int(headers["Retry-After"]) > 0 for _, headers in answers[RATE:])
    assert all("Set-Cookie" not in headers for _, headers in answers)

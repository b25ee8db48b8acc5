"""The auth limit as operators run it: gunicorn with two workers sharing one Redis."""

import json
import time
import urllib.error
import urllib.request

import pytest
import redis

from tests.accounts.api import LOGIN
from tests.production import gunicorn

REDIS_URL = "redis://127.0.0.1:6379/6"
RATE = 4


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
    with gunicorn(
        tmp_path,
        # The calls below are refused before any query: the database is never opened.
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        REDIS_URL=REDIS_URL,
        THROTTLE_RATE_AUTH=f"{RATE}/day",
        NUM_PROXIES="0",
    ) as url:
        yield url


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

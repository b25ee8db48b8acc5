"""The auth limit as operators run it: gunicorn with two workers sharing one Redis."""

import json
import time
import urllib.error
import urllib.request

import pytest

from tests.accounts.api import LOGIN
from tests.production import gunicorn
from tests.redis_db import TEST_REDIS_URL, own_prefix, redis_or_skip

RATE = 4


@pytest.fixture
def server(tmp_path):
    # Counters of this test alone, under a prefix deleted afterwards: the database is not flushed.
    with (
        own_prefix("throttling-live") as prefix,
        gunicorn(
            tmp_path,
            # The calls below are refused before any query: the database is never opened.
            DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
            REDIS_URL=TEST_REDIS_URL,
            CACHE_KEY_PREFIX=prefix,
            THROTTLE_RATE_AUTH=f"{RATE}/day",
            NUM_PROXIES="0",
        ) as url,
    ):
        yield url, prefix


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
    url, prefix = server
    answers = [post(url, f"10.0.0.{n}") for n in range(RATE + 4)]

    assert [status for status, _ in answers] == [400] * RATE + [429] * 4
    assert all(int(headers["Retry-After"]) > 0 for _, headers in answers[RATE:])
    assert all("Set-Cookie" not in headers for _, headers in answers)
    # The counters are the test's own, under its prefix: nothing else in the database is touched.
    assert list(redis_or_skip().scan_iter(match=f"{prefix}:*"))

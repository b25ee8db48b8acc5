"""A database that does not answer is a 503 with Retry-After, in JSON, on every path that needs it.

The app runs under production settings in a process of its own, against a PostgreSQL port where
nothing listens: a real connection error from psycopg, no mock. The live fault tests
(tests/faults/) add the rest: timings, a black hole, recovery of the same workers.
"""

import json

import pytest

from tests.production import run_python

CLOSED_DATABASE = "postgres://root@127.0.0.1:9/closed"

SCRIPT = """
import json, sys
import django
django.setup()
from django.test import Client, override_settings
from django.conf import settings

paths = json.loads(sys.argv[1])
middleware = [*settings.MIDDLEWARE, *json.loads(sys.argv[2])]
with override_settings(MIDDLEWARE=middleware):
    # A legacy 40-hex key: checking it needs the database.
    token = "Token " + "a" * 40
    client = Client(raise_request_exception=False, HTTP_HOST="api.example.com", HTTP_AUTHORIZATION=token)
    client.cookies["sessionid"] = "a" * 32
    for method, path in paths:
        data = {"username": "alice", "password": "a password"} if method == "post" else None
        r = getattr(client, method)(path, data, content_type="application/json", secure=True)
        print(json.dumps([method, path, r.status_code, r["Content-Type"], r.get("Retry-After"),
                          r.content.decode()]))
"""


def answers(paths, middleware=()):
    done = run_python(
        "-c",
        SCRIPT,
        json.dumps(paths),
        json.dumps(list(middleware)),
        DATABASE_URL=CLOSED_DATABASE,
        REDIS_URL=None,
    )
    assert done.returncode == 0, done.stderr
    return {(method, path): rest for method, path, *rest in map(json.loads, done.stdout.splitlines())}


@pytest.fixture(scope="module")
def closed_database_answers():
    return answers(
        [
            ["get", "/api/v1/posts/"],
            ["post", "/api/v1/dj-rest-auth/login/"],
            ["get", "/admin/"],
            ["get", "/admin/login/"],
            ["get", "/healthz"],
            ["get", "/readyz"],
            ["get", "/metrics"],
        ]
    )


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/posts/"),
        ("post", "/api/v1/dj-rest-auth/login/"),
        ("get", "/admin/"),
        ("get", "/admin/login/"),
    ],
    ids=["drf-view-with-a-token", "drf-login", "admin-index", "admin-login"],
)
def test_a_path_that_needs_the_database_is_a_json_503_with_retry_after(closed_database_answers, method, path):
    status, content_type, retry_after, body = closed_database_answers[(method, path)]
    assert (status, content_type, retry_after) == (503, "application/json", "5")
    assert json.loads(body) == {"detail": "The database is unavailable. Please try again shortly."}


def test_healthz_stays_200_and_readyz_is_503(closed_database_answers):
    assert closed_database_answers[("get", "/healthz")][0] == 200
    status, _, _, body = closed_database_answers[("get", "/readyz")]
    assert status == 503
    assert json.loads(body) == {"status": "unavailable", "checks": {"database": "unavailable", "cache": "ok"}}


def test_each_request_that_met_the_failing_database_is_counted_in_the_metrics(closed_database_answers):
    status, _, _, body = closed_database_answers[("get", "/metrics")]
    counted = [line for line in body.splitlines() if line.startswith("database_errors_total ")]

    assert status == 200
    # The posts list, login and the two admin pages; the probes handle their own check.
    assert counted == ["database_errors_total 4.0"]


def test_a_middleware_that_meets_the_failing_database_gets_the_503_too():
    """A middleware that reads request.user (a request logger, say) loads the admin's session from
    the database before any view runs: handler500 gives it the same answer."""
    got = answers([["get", "/admin/login/"]], middleware=["tests.core.middleware_reading_user.ReadUser"])
    status, content_type, retry_after, body = got[("get", "/admin/login/")]
    assert (status, content_type, retry_after) == (503, "application/json", "5")
    assert json.loads(body)["detail"].startswith("The database is unavailable")

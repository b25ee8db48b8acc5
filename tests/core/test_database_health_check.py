"""The health check of a reused PostgreSQL connection (apps/core/postgresql): free while the
connection is healthy, a SELECT 1 once something arrived, and a closed connection replaced.

The live proof, a restart between requests costing no request, is tests/faults/test_postgres.py.
"""

import time

import psycopg
import pytest
from django.db import connection, connections

from tests.libpq_trace import traced

pytestmark = [pytest.mark.postgres, pytest.mark.direct_postgres, pytest.mark.django_db(transaction=True)]


def terminate_own_backend():
    pid = connection.cursor().execute("SELECT pg_backend_pid()").fetchone()[0]
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"], dbname=settings["NAME"]
    ) as admin:
        assert admin.execute("SELECT pg_terminate_backend(%s)", [pid]).fetchone()[0]


def test_the_backend_is_ours():
    assert connection.vendor == "postgresql"
    assert type(connections["default"]).__module__ == "apps.core.postgresql.base"
    assert connection.settings_dict["CONN_HEALTH_CHECKS"] is True


def test_a_healthy_connection_is_usable_without_a_round_trip():
    connection.ensure_connection()
    usable, trace = traced(connection.is_usable)
    assert usable is True
    assert trace == ""


def test_a_connection_the_server_closed_is_unusable_and_replaced():
    connection.ensure_connection()
    terminate_own_backend()
    # The server's termination message and the end of the stream arrive at once, on loopback.
    deadline = time.monotonic() + 5
    while connection.is_usable() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert connection.is_usable() is False

    # What Django does before a request's first query: the dead connection is closed...
    connection.health_check_done = False
    connection.close_if_health_check_failed()
    assert connection.connection is None
    # ...and the query opens a new one.
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


def test_anything_pending_is_asked_with_a_select_1():
    connection.ensure_connection()
    # A notification that arrived while idle makes the socket readable: the check must not guess.
    connection.cursor().execute("LISTEN perf_health_check")
    settings = connection.settings_dict
    with psycopg.connect(
        host=settings["HOST"], port=settings["PORT"] or 5432, user=settings["USER"], dbname=settings["NAME"],
        autocommit=True,
    ) as other:  # fmt: skip
        other.execute("NOTIFY perf_health_check")
    time.sleep(0.2)
    usable, trace = traced(connection.is_usable)
    assert usable is True
    assert "SELECT 1" in trace
    connection.cursor().execute("UNLISTEN perf_health_check")

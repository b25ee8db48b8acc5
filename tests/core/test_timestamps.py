"""PostgreSQL times are read by psycopg's C loader, with what Django's own loader answers.

Django's loader subclasses psycopg's pure-Python one: each of a page's 40 times was parsed in
Python (apps/core/postgresql/base.py). These tests fail if the connection goes back to it, or if
a time comes back different from what Django's loader gives, tzinfo included.
"""

from datetime import UTC, datetime, timedelta, timezone

import psycopg
import pytest
from django.db import connection
from django.db.backends.postgresql.psycopg_any import register_tzloader
from psycopg.pq import Format

from apps.core.postgresql.base import TIMESTAMPTZ_OID, UTCTimestamptzLoader
from tests.posts.factories import PostFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

TIMES = [
    datetime(1, 1, 1, tzinfo=UTC),
    datetime(1970, 1, 1, tzinfo=UTC),
    datetime(2026, 3, 29, 1, 30, 0, 1, tzinfo=UTC),
    datetime(2026, 12, 2, 21, 42, 1, 263308, tzinfo=timezone(timedelta(hours=-9, minutes=-30))),
    datetime(9999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
]


def read(sql, params, *, djangos_loader):
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        if djangos_loader:
            register_tzloader(UTC, cursor)
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_the_connection_reads_times_with_psycopgs_c_loader():
    connection.ensure_connection()
    assert connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT) is UTCTimestamptzLoader
    if psycopg.pq.__impl__ == "binary":  # psycopg[binary], as requirements/base.txt pins it
        default = psycopg.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)
        assert default.__module__.startswith("psycopg_binary"), default


def test_times_read_are_those_djangos_loader_reads():
    # In the session's time zone, UTC, which Django sets on every connection (and both loaders need).
    sql = "SELECT " + ", ".join("%s::timestamptz" for _ in TIMES) + ", now()"
    ours = read(sql, TIMES, djangos_loader=False)
    djangos = read(sql, TIMES, djangos_loader=True)
    assert ours[0][: len(TIMES)] == djangos[0][: len(TIMES)] == tuple(TIMES)
    assert [value.tzinfo for value in ours[0]] == [value.tzinfo for value in djangos[0]]
    assert all(value.tzinfo is UTC for value in ours[0][: len(TIMES)])


def test_a_posts_times_come_back_as_the_orm_stored_them(auth_client, user):
    post = PostFactory(author=user, created_at=datetime(2026, 11, 24, 6, 0, 0, 123456, tzinfo=UTC))
    post.refresh_from_db()
    assert post.created_at == datetime(2026, 11, 24, 6, 0, 0, 123456, tzinfo=UTC)
    assert post.created_at.tzinfo is UTC
    response = auth_client.get(f"/api/v1/posts/{post.pk}/")
    assert response.status_code == 200
    assert response.json()["created_at"] == "2026-11-24T06:00:00.123456Z"

"""Server-side binding and prepared statements on a direct PostgreSQL connection (settings/base.py).

A query a connection has run five times is prepared in its server session: PostgreSQL no longer
parses and plans it. Behind PgBouncer (DATABASE_POOLER=pgbouncer) nothing is prepared, since the
next transaction may run on another server session (tests/core/test_database_settings.py).
"""

import pytest
from django.db import connection

from tests.libpq_trace import sent_during
from tests.posts.factories import PostFactory

pytestmark = [pytest.mark.postgres, pytest.mark.direct_postgres, pytest.mark.django_db(transaction=True)]


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_hot_queries_are_prepared_after_five_requests_then_neither_parsed_nor_planned(auth_client, user):
    post = PostFactory(author=user)
    for _ in range(6):
        assert auth_client.get(f"/api/v1/posts/{post.pk}/").status_code == 200

    prepared = prepared_statements()
    assert any("keys_key" in statement and "accounts_user" in statement for statement in prepared), prepared
    assert any("posts_post" in statement and "$1" in statement for statement in prepared), prepared

    messages = sent_during(lambda: auth_client.get(f"/api/v1/posts/{post.pk}/"))
    # A prepared statement is only bound and executed: no SQL is sent again.
    assert [line for line in messages if "\tParse\t" in line] == [], messages
    assert len([line for line in messages if "\tBind\t" in line]) == 2, messages


def test_parameters_are_bound_by_the_server(auth_client, user):
    post = PostFactory(author=user)
    connection.close()  # a new server session, where nothing is prepared yet
    connection.ensure_connection()
    messages = sent_during(lambda: auth_client.get(f"/api/v1/posts/{post.pk}/"))
    parsed = [line for line in messages if "\tParse\t" in line and "keys_key" in line]
    # The value travels apart from the SQL ($1), which PostgreSQL can then reuse as it is.
    assert len(parsed) == 1, messages
    assert '"keys_key"."digest" = $1' in parsed[0]

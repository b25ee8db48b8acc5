"""No column of any table holds a usable key, and no answer but its creation shows one."""

import pytest
from django.db import connection

from apps.keys import crypto
from tests.accounts.api import LOGIN, PASSWORD_CHANGE, REGISTER, USER, signup_data
from tests.factories import PASSWORD
from tests.keys.api import KEYS, SESSIONS
from tests.keys.test_sessions import client_for
from tests.posts.conftest import POSTS

pytestmark = pytest.mark.django_db


def rows_containing(text):
    """(table, column) of every column, of every table, whose text holds `text`."""
    found = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                table_name, column_name = (connection.ops.quote_name(n) for n in (table, column.name))
                cursor.execute(
                    f"SELECT COUNT(*) FROM {table_name} WHERE CAST({column_name} AS TEXT) LIKE %s",
                    [f"%{text}%"],
                )
                if cursor.fetchone()[0]:
                    found.append((table, column.name))
    return found


def random_part(key):
    return key[len(crypto.SESSION_PREFIX) : -crypto.CHECKSUM_LENGTH]


def test_no_column_holds_a_session_key_or_an_api_key(api_client):
    registered = api_client.post(REGISTER, signup_data()).json()["key"]
    logged_in = api_client.post(LOGIN, {"username": "alice", "password": PASSWORD}).json()["key"]
    client = client_for(logged_in)
    api_key = client.post(KEYS, {"name": "ci", "scopes": ["posts:write"], "password": PASSWORD}).json()["key"]
    client_for(api_key).post(POSTS, {"title": "t", "body": "b"})
    new = "a-brand-new-passphrase-42"
    changed = client.post(
        PASSWORD_CHANGE, {"old_password": PASSWORD, "new_password1": new, "new_password2": new}
    ).json()["key"]

    for key in (registered, logged_in, api_key, changed):
        assert rows_containing(key) == []
        assert rows_containing(random_part(key)) == []
    # What the table holds instead: the digests of the keys that still work (the password change
    # ended the first two sessions).
    for key in (api_key, changed):
        assert rows_containing(crypto.digest(key)) == [("keys_key", "digest")]


def test_the_search_finds_what_is_there(user):
    # The check above would pass on a search that finds nothing.
    assert ("accounts_user", "username") in rows_containing(user.username)


def test_no_answer_but_its_creation_shows_a_key(auth_client, token, api_key_client):
    api_key = auth_client.post(KEYS, {"name": "ci", "scopes": ["posts:read"], "password": PASSWORD}).json()[
        "key"
    ]
    script = api_key_client()

    answers = [
        auth_client.get(SESSIONS),
        auth_client.get(KEYS),
        auth_client.get(USER),
        auth_client.get(POSTS),
        script.get(USER),
        script.get(POSTS),
    ]

    for answer in answers:
        assert answer.status_code == 200
        for key in (token, api_key, script.key):
            assert random_part(key) not in answer.content.decode()
            assert key not in str(answer.headers)

"""The key a request sends, found with its user in one plain SQL query: `key_with_user(digest)`.

KeyAuthentication runs this on every request. `Key.objects.select_related("user").get(digest=...)`
is the same query, but the ORM builds and compiles it anew each time, which costs more than its
round trip to the database (docs/benchmarks.md). Here the SQL is written once per process, and its
row becomes a Key and its User as the ORM makes them: each field's own database converters, then
Model.from_db. tests/keys/test_lookup.py compares the two field by field.
"""

from functools import cache

from django.contrib.auth import get_user_model
from django.db import DEFAULT_DB_ALIAS, connections

from apps.keys.models import Key


class _Columns:
    """A model's concrete fields as they are selected from `alias`, and how to build it from them."""

    def __init__(self, model, alias, connection):
        self.model = model
        self.fields = model._meta.concrete_fields
        self.names = [field.attname for field in self.fields]
        self.sql = ", ".join(f"{alias}.{connection.ops.quote_name(field.column)}" for field in self.fields)
        self.converters = []
        for field in self.fields:
            column = field.get_col(model._meta.db_table)
            # What the ORM's compiler applies to this column: the backend's, then the field's.
            functions = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
            self.converters.append([(function, column) for function in functions])

    def build(self, values, connection):
        converted = []
        for value, converters in zip(values, self.converters, strict=True):
            for function, column in converters:
                value = function(value, column, connection)
            converted.append(value)
        return self.model.from_db(connection.alias, self.names, converted)


@cache
def _query(vendor):
    connection = connections[DEFAULT_DB_ALIAS]
    quote = connection.ops.quote_name
    User = get_user_model()
    keys, users = quote(Key._meta.db_table), quote(User._meta.db_table)
    key, user = _Columns(Key, keys, connection), _Columns(User, users, connection)
    user_id, digest = (quote(Key._meta.get_field(name).column) for name in ("user", "digest"))
    sql = (
        f"SELECT {key.sql}, {user.sql} FROM {keys} INNER JOIN {users}"
        f" ON ({keys}.{user_id} = {users}.{quote(User._meta.pk.column)}) WHERE {keys}.{digest} = %s"
    )
    return sql, key, user


def key_with_user(digest: str) -> Key | None:
    """The key whose digest this is, its `user` loaded; None when there is none."""
    connection = connections[DEFAULT_DB_ALIAS]
    sql, key_columns, user_columns = _query(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [digest])
        row = cursor.fetchone()
    if row is None:
        return None
    split = len(key_columns.fields)
    key = key_columns.build(row[:split], connection)
    key.user = user_columns.build(row[split:], connection)
    return key

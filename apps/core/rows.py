"""`JoinedLookup`: `Model.objects.select_related(relation).get(field=value)` as one SQL query written once.

The ORM builds and compiles a query anew on every call, which for the lookups every request makes
(its key, the post it changes) costs more than the query's round trip to the database
(docs/benchmarks.md). A JoinedLookup writes the same SQL once per process and turns the row into
the model and its related instance as the ORM does: each field's own database converters, then
Model.from_db. tests/keys/test_lookup.py and tests/posts/test_selectors.py compare the two.
"""

from django.db import DEFAULT_DB_ALIAS, connections


class _Columns:
    """A model's concrete fields as selected from its table, and how to build it from them."""

    def __init__(self, model, connection):
        self.model = model
        table = connection.ops.quote_name(model._meta.db_table)
        fields = model._meta.concrete_fields
        self.names = [field.attname for field in fields]
        self.sql = ", ".join(f"{table}.{connection.ops.quote_name(field.column)}" for field in fields)
        self.converters = []
        for field in fields:
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


class JoinedLookup:
    """One instance of `model` by the value of `field`, with its foreign key `relation` loaded."""

    def __init__(self, model, relation, field):
        self.model, self.relation, self.field = model, relation, field
        self._queries = {}

    def _query(self, connection):
        # Written at first use: quoting and converters are the connection's.
        if connection.vendor not in self._queries:
            quote = connection.ops.quote_name
            foreign_key = self.model._meta.get_field(self.relation)
            related = foreign_key.related_model
            columns = _Columns(self.model, connection), _Columns(related, connection)
            table, related_table = quote(self.model._meta.db_table), quote(related._meta.db_table)
            field = self.model._meta.pk if self.field == "pk" else self.model._meta.get_field(self.field)
            column = quote(field.column)
            join = f"{table}.{quote(foreign_key.column)} = {related_table}.{quote(related._meta.pk.column)}"
            sql = (
                f"SELECT {columns[0].sql}, {columns[1].sql} FROM {table} INNER JOIN {related_table}"
                f" ON ({join}) WHERE {table}.{column} = %s"
            )
            self._queries[connection.vendor] = sql, columns
        return self._queries[connection.vendor]

    def get(self, value):
        """The instance, its relation loaded, or None when no row has this value."""
        connection = connections[DEFAULT_DB_ALIAS]
        sql, (columns, related_columns) = self._query(connection)
        with connection.cursor() as cursor:
            cursor.execute(sql, [value])
            row = cursor.fetchone()
        if row is None:
            return None
        split = len(columns.names)
        instance = columns.build(row[:split], connection)
        setattr(instance, self.relation, related_columns.build(row[split:], connection))
        return instance

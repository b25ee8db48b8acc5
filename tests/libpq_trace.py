"""What the PostgreSQL client sent and received during an action, as libpq traces it."""

import tempfile

from django.db import connection


def traced(action):
    """(action's result, the trace's text) for Django's default connection, which must be open."""
    with tempfile.TemporaryFile() as trace:
        connection.connection.pgconn.trace(trace.fileno())
        try:
            result = action()
        finally:
            connection.connection.pgconn.untrace()
        trace.seek(0)
        return result, trace.read().decode()


def sent_during(action):
    """The trace's lines of what the client sent (F, the frontend) during action()."""
    _, trace = traced(action)
    return [line for line in trace.splitlines() if "\tF\t" in line]

"""Django's PostgreSQL backend, with a health check that costs no round trip on a healthy connection,
and its times read by psycopg's C loader.

CONN_HEALTH_CHECKS makes Django call is_usable() before a request reuses a connection, and
Django's check is a `SELECT 1`: a round trip on every request. A connection that the server, a
pooler or a proxy closed while it sat idle always has something to read: the server's
termination message, or the end of the stream. So a zero-timeout poll of its socket tells a
healthy idle connection (nothing to read) from one that must be asked; anything readable falls
back to Django's `SELECT 1`, which reads it and decides. A peer that vanished without a word (a
dead host, a cut network) goes unseen by both: there the query fails within tcp_user_timeout.

Django reads every timestamptz through a loader of its own that subclasses psycopg's pure-Python
one, so each time (40 in a page) is parsed in Python even where psycopg's C loader is installed.
UTCTimestamptzLoader does what Django's does (the time, its tzinfo set to UTC) with psycopg's
default loader, the C one where it is installed (tests/core/test_timestamps.py).
"""

import select
from datetime import UTC

import psycopg
from django.db.backends.postgresql import base
from psycopg.adapt import Loader
from psycopg.pq import Format

TIMESTAMPTZ_OID = psycopg.adapters.types["timestamptz"].oid
DEFAULT_TIMESTAMPTZ_LOADER = psycopg.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT)


class UTCTimestamptzLoader(Loader):
    # Compared by Django's create_cursor, which registers its own loader on a cursor otherwise.
    timezone = UTC

    def __init__(self, oid, context=None):
        super().__init__(oid, context)
        # psycopg's C loader cannot be subclassed: it is called instead.
        self._load = DEFAULT_TIMESTAMPTZ_LOADER(oid, context).load

    def load(self, data):
        return self._load(data).replace(tzinfo=UTC)


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        if self.connection is None or self.connection.closed or self.connection.broken:
            return False
        poller = select.poll()
        poller.register(self.connection.fileno(), select.POLLIN)
        if not poller.poll(0):
            return True
        return super().is_usable()

    def get_new_connection(self, conn_params):
        connection = super().get_new_connection(conn_params)
        if self.timezone is UTC:  # USE_TZ, and no other TIME_ZONE for the database
            connection.adapters.register_loader("timestamptz", UTCTimestamptzLoader)
        return connection

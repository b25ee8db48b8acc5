"""Django's PostgreSQL backend, with a health check that costs no round trip on a healthy connection.

CONN_HEALTH_CHECKS makes Django call is_usable() before a request reuses a connection, and
Django's check is a `SELECT 1`: a round trip on every request. A connection that the server, a
pooler or a proxy closed while it sat idle always has something to read: the server's
termination message, or the end of the stream. So a zero-timeout poll of its socket tells a
healthy idle connection (nothing to read) from one that must be asked; anything readable falls
back to Django's `SELECT 1`, which reads it and decides. A peer that vanished without a word (a
dead host, a cut network) goes unseen by both: there the query fails within tcp_user_timeout.
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self):
        if self.connection is None or self.connection.closed or self.connection.broken:
            return False
        poller = select.poll()
        poller.register(self.connection.fileno(), select.POLLIN)
        if not poller.poll(0):
            return True
        return super().is_usable()

"""The database settings that faults and poolers depend on, as settings.prod builds them from the
environment: libpq timeouts (the URL's own options win), and DATABASE_POOLER=pgbouncer."""

import json

from tests.production import run_python

SHOW = (
    "import django, json; django.setup(); from django.conf import settings;"
    "d = settings.DATABASES['default'];"
    "print(json.dumps({'options': d.get('OPTIONS', {}),"
    " 'no_server_cursors': d.get('DISABLE_SERVER_SIDE_CURSORS', False),"
    " 'max_age': d['CONN_MAX_AGE'], 'health_checks': d['CONN_HEALTH_CHECKS']}))"
)


def database_settings(**env):
    done = run_python("-c", SHOW, REDIS_URL=None, **env)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_postgresql_gets_timeouts_that_the_url_may_change_server_side_binding_and_prepared_statements():
    got = database_settings(
        DATABASE_URL="postgres://root@127.0.0.1:5432/api?connect_timeout=2", DATABASE_POOLER=None
    )
    assert got["options"] == {
        "connect_timeout": 2,
        "tcp_user_timeout": 5000,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
        "server_side_binding": True,
        "prepare_threshold": 5,
    }
    assert got["no_server_cursors"] is False


def test_pgbouncer_turns_off_server_side_cursors_and_prepared_statements():
    got = database_settings(DATABASE_URL="postgres://root@127.0.0.1:6432/api", DATABASE_POOLER="pgbouncer")
    assert got["no_server_cursors"] is True
    assert got["options"]["prepare_threshold"] is None
    assert got["options"]["server_side_binding"] is True
    # Kept: the connection to PgBouncer is cheap to hold, and checked before it is reused.
    assert (got["max_age"], got["health_checks"]) == (600, True)


def test_an_unknown_pooler_is_refused_at_start_up():
    done = run_python(
        "-c",
        SHOW,
        DATABASE_URL="postgres://root@127.0.0.1:6432/api",
        DATABASE_POOLER="pgpool",
        REDIS_URL=None,
    )
    assert done.returncode != 0
    assert "DATABASE_POOLER must be pgbouncer or unset, not 'pgpool'" in done.stderr

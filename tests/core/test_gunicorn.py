"""gunicorn as `make serve` runs it (config/gunicorn.conf.py, settings.prod)."""

import http.client
import json
import urllib.request

import pytest
from django.db import connection

from tests.production import gunicorn


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("gunicorn")
    # Refused before Django sees them: no database is opened.
    with gunicorn(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}", REDIS_URL=None) as url:
        yield url.removeprefix("http://")


def raw_request(address, request_line):
    """Send a request line as it is (http.client would refuse some) and read the answer."""
    conn = http.client.HTTPConnection(address, timeout=10)
    conn.connect()
    conn.sock.sendall(request_line + b"\r\nHost: 127.0.0.1\r\n\r\n")
    response = http.client.HTTPResponse(conn.sock)
    response.begin()
    return response.status, response.getheader("Content-Type"), response.read()


@pytest.mark.parametrize(
    ("request_line", "status", "detail"),
    [
        (b"GET /api/v1/posts/?page_size=" + b"1" * 5000 + b" HTTP/1.1", 414, "URI Too Long"),
        (b"GET /api/v1/posts/ HTTP/9.9", 400, "Bad Request"),
        (b"\x01\x02 / HTTP/1.1", 400, "Bad Request"),
    ],
    ids=["request-line-too-long", "bad-http-version", "garbage-method"],
)
def test_requests_gunicorn_refuses_are_answered_in_json(server, request_line, status, detail):
    answer_status, content_type, body = raw_request(server, request_line)
    assert (answer_status, content_type) == (status, "application/json")
    assert json.loads(body)["detail"].startswith(detail)


@pytest.mark.postgres
@pytest.mark.direct_postgres
@pytest.mark.django_db
def test_a_worker_keeps_its_database_connection_between_requests(tmp_path):
    """CONN_MAX_AGE: Django's default 0 would open and close a connection for every request."""
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    with gunicorn(tmp_path, DATABASE_URL=database_url, REDIS_URL=None, WEB_CONCURRENCY="1") as url:
        for _ in range(5):
            with urllib.request.urlopen(url + "/readyz", timeout=10) as response:
                assert response.status == 200
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            assert cursor.fetchone()[0] == 1

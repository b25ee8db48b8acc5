import json

import pytest

from tests.production import run_python


@pytest.mark.django_db
def test_healthz_answers_without_a_token(api_client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = api_client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert not response.cookies


@pytest.mark.django_db
def test_readyz_answers_ok_when_database_and_cache_answer(api_client):
    response = api_client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": {"database": "ok", "cache": "ok"}}


def test_readyz_is_a_json_503_when_the_database_is_unreachable():
    """Run the app under production settings against a PostgreSQL port where nothing listens."""
    script = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/readyz', secure=True, HTTP_HOST='api.example.com');"
        "print(r.status_code, r['Content-Type'], r.content.decode())"
    )
    done = run_python("-c", script, DATABASE_URL="postgres://root@127.0.0.1:9/closed", REDIS_URL=None)
    status, content_type, body = done.stdout.strip().splitlines()[-1].split(" ", 2)
    assert (status, content_type) == ("503", "application/json")
    assert json.loads(body) == {"status": "unavailable", "checks": {"database": "unavailable", "cache": "ok"}}

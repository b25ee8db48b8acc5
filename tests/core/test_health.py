import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


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
        "r = Client().get('/readyz', secure=True);"
        "print(r.status_code, r['Content-Type'], r.content.decode())"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "settings.prod",
        "SECRET_KEY": "x" * 50,
        "ALLOWED_HOSTS": "testserver",
        "EMAIL_URL": "consolemail://",
        "DATABASE_URL": "postgres://root@127.0.0.1:9/closed",
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    status, content_type, body = done.stdout.strip().splitlines()[-1].split(" ", 2)
    assert (status, content_type) == ("503", "application/json")
    assert json.loads(body) == {"status": "unavailable", "checks": {"database": "unavailable", "cache": "ok"}}

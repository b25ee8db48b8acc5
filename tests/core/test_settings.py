"""Production settings, checked the way an operator starts them: in a fresh process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "settings.prod",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "api.example.com",
    "EMAIL_URL": "smtp+tls://user:pass@smtp.example.com:587",
}


def manage(*args, **env_overrides):
    env = {**os.environ, **PROD_ENV, **env_overrides}
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_production_passes_check_deploy():
    done = manage("check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize("variable", ["SECRET_KEY", "ALLOWED_HOSTS", "EMAIL_URL"])
def test_production_refuses_to_start_without_a_required_variable(variable):
    done = manage("check", **{variable: None})
    assert done.returncode != 0
    assert f"Set the {variable} environment variable" in done.stderr


def test_production_has_debug_off_and_answers_json_outside_api():
    script = (
        "import django; django.setup();"
        "from django.conf import settings; from django.test import Client;"
        "r = Client().get('/nope', secure=True, HTTP_HOST='api.example.com', HTTP_ACCEPT='text/html');"
        "print(settings.DEBUG, r.status_code, r['Content-Type'], r.content.decode())"
    )
    env = {**os.environ, **PROD_ENV}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.stdout.split() == ["False", "404", "application/json", '{"detail":', '"Not', 'found."}']

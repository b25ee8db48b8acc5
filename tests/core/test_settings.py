"""Production settings, checked the way an operator starts them: in a fresh process."""

import pytest

from tests.production import run_python


def test_production_passes_check_deploy():
    done = run_python("manage.py", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stderr
    assert "no issues" in done.stdout


@pytest.mark.parametrize(
    "variable",
    [
        "SECRET_KEY",
        "ALLOWED_HOSTS",
        "EMAIL_URL",
        # The e-mails would link to localhost and greet from example.com.
        "PASSWORD_RESET_CONFIRM_URL",
        "EMAIL_CONFIRM_URL",
        "SITE_NAME",
        "SITE_DOMAIN",
    ],
)
def test_production_refuses_to_start_without_a_required_variable(variable):
    done = run_python("manage.py", "check", **{variable: None})
    assert done.returncode != 0
    assert f"Set the {variable} environment variable" in done.stderr


def test_production_has_debug_off_and_answers_json_outside_api():
    script = (
        "import django; django.setup();"
        "from django.conf import settings; from django.test import Client;"
        "r = Client().get('/nope', secure=True, HTTP_HOST='api.example.com', HTTP_ACCEPT='text/html');"
        "print(settings.DEBUG, r.status_code, r['Content-Type'], r.content.decode())"
    )
    done = run_python("-c", script)
    assert done.stdout.split() == ["False", "404", "application/json", '{"detail":', '"Not', 'found."}']


def test_production_keeps_database_connections_with_health_checks():
    """Django's default CONN_MAX_AGE = 0 opens a PostgreSQL connection per request."""
    script = (
        "import django; django.setup(); from django.db import connection;"
        "print(connection.settings_dict['CONN_MAX_AGE'], connection.settings_dict['CONN_HEALTH_CHECKS'])"
    )
    done = run_python("-c", script, DATABASE_URL="postgres://root@127.0.0.1:5432/unused")
    assert done.stdout.split() == ["600", "True"]


def test_authenticator_apps_show_the_production_site_name():
    script = (
        "import django; django.setup(); "
        "from dj_rest_auth.app_settings import api_settings; print(api_settings.MFA_TOTP_ISSUER)"
    )
    done = run_python("-c", script, SITE_NAME="Acme Notes")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "Acme Notes"

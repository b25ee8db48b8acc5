import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from apps.accounts.checks import check_rest_auth_settings
from tests.production import run_python


def test_the_project_settings_pass():
    assert check_rest_auth_settings(None) == []


def test_the_tutorials_spelling_of_session_login_fails_the_check(settings):
    settings.REST_AUTH = {"REST_SESSION_LOGIN": False, "USE_JWT": False}

    with pytest.raises(SystemCheckError) as failed:
        call_command("check")

    assert "accounts.E001" in str(failed.value)
    assert "Unknown REST_AUTH setting 'REST_SESSION_LOGIN'" in str(failed.value)
    # And the key it meant is missing, so dj-rest-auth would log in to sessions.
    assert "accounts.E002" in str(failed.value)


def test_any_misspelled_key_is_reported(settings):
    settings.REST_AUTH = {"SESSION_LOGIN": False, "OLD_PASSWORD_FIELD_ENABLE": True}

    assert [error.id for error in check_rest_auth_settings(None)] == ["accounts.E001"]


def test_session_login_turned_on_is_refused(settings):
    settings.REST_AUTH = {"SESSION_LOGIN": True}

    assert [error.id for error in check_rest_auth_settings(None)] == ["accounts.E002"]


def test_manage_py_check_is_clean_under_development_settings():
    """allauth warns there about settings it renamed in 65.x; none may be left."""
    done = run_python("manage.py", "check", "--fail-level", "WARNING", DJANGO_SETTINGS_MODULE="settings.dev")

    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_allauths_pre_65_setting_names_fail_the_check(settings):
    """What the test above guards against: allauth warns about each renamed setting."""
    settings.ACCOUNT_AUTHENTICATION_METHOD = "username_email"

    with pytest.raises(SystemCheckError) as failed:
        call_command("check", fail_level="WARNING")

    assert "ACCOUNT_AUTHENTICATION_METHOD is deprecated" in str(failed.value)

"""Log lines: one JSON object each, carrying the request they belong to."""

import json
import logging

import pytest
from django.urls import path
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.test import APIClient
from rest_framework.views import APIView

from apps.core.logs import logging_config
from config.urls import urlpatterns as project_urlpatterns
from tests.logs import json_logs
from tests.production import run_python


class LoggingView(APIView):
    permission_classes = [AllowAny]

    def get(self, request):
        logging.getLogger("apps.somewhere").warning("something worth a line")
        return Response({"ok": True})


urlpatterns = [*project_urlpatterns, path("api/v1/logging/", LoggingView.as_view(), name="logging")]


@pytest.mark.django_db
def test_a_request_ends_with_one_line_of_its_method_path_status_duration_and_user(auth_client, user):
    with json_logs() as logs:
        response = auth_client.get("/api/v1/posts/?page_size=5", HTTP_X_REQUEST_ID="req-1")

    assert response.status_code == 200
    [line] = logs.lines(logger="request")
    assert line["level"] == "INFO"
    assert line["message"].startswith("GET /api/v1/posts/ 200 ")
    assert line["request_id"] == "req-1"
    assert line["method"] == "GET"
    # The path without its query string, which may carry what a log should not keep.
    assert line["path"] == "/api/v1/posts/"
    assert line["route"] == "post-list"
    assert line["status"] == 200
    assert 0 < line["duration_ms"] < 60_000
    assert line["user_id"] == user.pk
    assert line["time"].endswith("+00:00")


@pytest.mark.urls("tests.core.test_logs")
def test_every_line_of_a_request_carries_its_id(api_client):
    with json_logs() as logs:
        api_client.get("/api/v1/logging/", HTTP_X_REQUEST_ID="req-2")
        api_client.get("/api/v1/logging/", HTTP_X_REQUEST_ID="req-3")

    lines = logs.lines()
    assert [(line["logger"], line["request_id"]) for line in lines] == [
        ("apps.somewhere", "req-2"),
        ("request", "req-2"),
        ("apps.somewhere", "req-3"),
        ("request", "req-3"),
    ]
    assert lines[0]["message"] == "something worth a line"
    assert lines[0]["path"] == "/api/v1/logging/"


@pytest.mark.django_db
def test_a_4xx_is_the_request_line_alone(api_client):
    """Django's own "Not Found: /x" line would come after the request's context, without its id."""
    with json_logs() as logs:
        response = api_client.get("/api/v1/nope/")

    assert response.status_code == 404
    assert [line["logger"] for line in logs.lines()] == ["request"]
    assert logs.lines()[0]["route"] == "unmatched"


@pytest.mark.urls("tests.core.urls_with_fault")
def test_a_server_error_logs_its_traceback_with_the_request_id():
    with json_logs() as logs:
        APIClient(raise_request_exception=False).get("/api/v1/fault/", HTTP_X_REQUEST_ID="req-500")

    [error] = logs.lines(logger="django.request")
    assert error["level"] == "ERROR"
    assert error["request_id"] == "req-500"
    assert "RuntimeError" in error["exc_info"]
    [line] = logs.lines(logger="request")
    assert (line["status"], line["level"]) == (500, "WARNING")


def test_a_refused_host_is_one_warning_line_without_traceback(api_client):
    with json_logs() as logs:
        response = api_client.get("/api/v1/posts/", HTTP_HOST="evil.example", HTTP_X_REQUEST_ID="req-host")

    assert response.status_code == 400
    assert response.json() == {"detail": "Bad request."}
    assert response["Content-Type"] == "application/json"
    warnings = [line for line in logs.lines() if line["level"] != "INFO"]
    assert len(warnings) == 1
    [warning] = warnings
    assert warning["level"] == "WARNING"
    assert warning["logger"] == "django.security.DisallowedHost"
    assert "evil.example" in warning["message"]
    assert warning["request_id"] == "req-host"
    assert "exc_info" not in warning
    assert len(logs.text.splitlines()) == 2  # the warning and the request line


def test_log_format_names_one_of_two_formats():
    assert logging_config("json")["formatters"]["default"] == {"()": "apps.core.logs.json_formatter"}
    with pytest.raises(Exception, match="LOG_FORMAT must be one of json, text"):
        logging_config("xml")


def test_production_logs_json_by_default_and_text_when_asked():
    script = (
        "import django; django.setup(); from django.test import Client;"
        "Client().get('/healthz', HTTP_X_REQUEST_ID='prod-1')"
    )
    done = run_python("-c", script, LOG_FORMAT=None)
    lines = [json.loads(text) for text in done.stderr.splitlines()]
    [line] = [line for line in lines if line["logger"] == "request"]
    assert line["request_id"] == "prod-1"
    assert {"time", "level", "message", "method", "path", "status", "duration_ms", "user_id"} <= line.keys()

    done = run_python("-c", script, LOG_FORMAT="text")
    [line] = [text for text in done.stderr.splitlines() if " request " in text]
    assert line.split()[2:-1] == ["INFO", "request", "[prod-1]", "GET", "/healthz", "200"]


def test_python_warnings_are_json_lines_too():
    script = "import django, warnings; django.setup(); warnings.warn('deprecated thing')"
    done = run_python("-c", script)

    [line] = [json.loads(text) for text in done.stderr.splitlines() if "deprecated thing" in text]
    assert (line["logger"], line["level"]) == ("py.warnings", "WARNING")


def test_production_refuses_an_unknown_log_format():
    done = run_python("manage.py", "check", LOG_FORMAT="xml")

    assert done.returncode != 0
    assert "LOG_FORMAT must be one of json, text, not 'xml'" in done.stderr

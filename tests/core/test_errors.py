"""Every error answers JSON in DRF's shape, with the right status and no traceback."""

import json

import pytest
from rest_framework.test import APIClient

LOGIN = "/api/v1/dj-rest-auth/login/"


def assert_json(response, status, detail_contains=""):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert detail_contains in body["detail"]
    assert "Traceback" not in response.content.decode()
    return body


@pytest.mark.parametrize("path", ["/api/v1/nope/", "/nope", "/api/v1/posts"])
def test_unknown_path_is_a_json_404(api_client, path):
    assert_json(api_client.get(path), 404, "Not found")


def test_unknown_path_with_a_browser_accept_header_is_still_json(api_client):
    response = api_client.get("/nope", HTTP_ACCEPT="text/html,application/xhtml+xml")
    assert_json(response, 404, "Not found")


def test_accept_text_html_gets_the_json_answer(api_client):
    response = api_client.get("/healthz", HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"status": "ok"}


def test_wrong_method_is_a_json_405(api_client):
    assert_json(api_client.delete("/healthz"), 405, 'Method "DELETE" not allowed')


@pytest.mark.django_db
def test_malformed_json_is_a_400(api_client):
    response = api_client.post(LOGIN, data='{"username": "a",', content_type="application/json")
    assert_json(response, 400, "JSON parse error")


@pytest.mark.django_db
def test_deeply_nested_json_is_a_400_not_a_recursion_500(api_client):
    body = "[" * 100_000 + "]" * 100_000
    response = api_client.post(LOGIN, data=body, content_type="application/json")
    assert_json(response, 400, "nested too deeply")


@pytest.mark.django_db
def test_body_over_the_upload_limit_is_a_413(api_client, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    body = json.dumps({"username": "a" * 2048, "password": "x"})
    response = api_client.post(LOGIN, data=body, content_type="application/json")
    assert_json(response, 413, "too large")


@pytest.mark.django_db
def test_body_at_the_upload_limit_is_parsed(api_client, settings):
    body = json.dumps({"username": "nobody", "password": "wrong-password"})
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = len(body)
    response = api_client.post(LOGIN, data=body, content_type="application/json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]
)
def test_unsupported_content_type_is_a_415(api_client, content_type):
    response = api_client.post(LOGIN, data="username=a&password=b", content_type=content_type)
    assert_json(response, 415, "Unsupported media type")


@pytest.mark.urls("tests.core.urls_with_fault")
def test_unhandled_exception_is_a_json_500_without_details():
    client = APIClient(raise_request_exception=False)
    response = client.get("/api/v1/fault/")
    assert_json(response, 500, "server error")
    assert "secret detail" not in response.content.decode()

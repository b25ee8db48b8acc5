"""X-Request-ID on every answer: the client's own when well-formed, else a new one."""

import re

import pytest
from rest_framework.test import APIClient

NEW_ID = re.compile(r"[0-9a-f]{32}")


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz", "/api/v1/posts/", "/api/v1/nope/", "/nope"])
def test_every_answer_carries_a_new_request_id(api_client, path):
    response = api_client.get(path)

    assert NEW_ID.fullmatch(response["X-Request-ID"])


@pytest.mark.django_db
@pytest.mark.parametrize("sent", ["abc", "A.b_c-9", "x" * 128, "0f5d7bba-4b1e-4c8e-9e0e-3f1b2a6c7d8e"])
def test_a_well_formed_client_id_is_kept(api_client, sent):
    response = api_client.get("/api/v1/posts/", HTTP_X_REQUEST_ID=sent)

    assert response.status_code == 401
    assert response["X-Request-ID"] == sent


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent", ["", "x" * 129, "has space", "semi;colon", "new\\nline", "ünïcode", '"quoted"'], ids=repr
)
def test_a_malformed_client_id_is_replaced(api_client, sent):
    response = api_client.get("/healthz", HTTP_X_REQUEST_ID=sent)

    assert response.status_code == 200
    assert NEW_ID.fullmatch(response["X-Request-ID"])


def test_two_requests_get_two_ids(api_client):
    first, second = api_client.get("/healthz"), api_client.get("/healthz")

    assert first["X-Request-ID"] != second["X-Request-ID"]


@pytest.mark.urls("tests.core.urls_with_fault")
def test_a_server_error_carries_the_request_id():
    response = APIClient(raise_request_exception=False).get("/api/v1/fault/", HTTP_X_REQUEST_ID="fault-1")

    assert response.status_code == 500
    assert response.json() == {"detail": "A server error occurred."}
    assert response["X-Request-ID"] == "fault-1"


def test_a_refused_host_answer_carries_the_request_id(api_client):
    response = api_client.get("/api/v1/posts/", HTTP_HOST="evil.example", HTTP_X_REQUEST_ID="host-1")

    assert response.status_code == 400
    assert response["X-Request-ID"] == "host-1"


@pytest.mark.django_db
def test_browsers_may_read_the_request_id(api_client, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://app.example.com"]

    response = api_client.get("/api/v1/posts/", HTTP_ORIGIN="https://app.example.com")

    assert response["Access-Control-Allow-Origin"] == "https://app.example.com"
    assert "x-request-id" in response["Access-Control-Expose-Headers"].lower()

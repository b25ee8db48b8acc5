"""Under DEBUG (make run), every /api/ answer is still JSON: no technical 404 or 500 page."""

import logging

import pytest
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def debug(settings):
    settings.DEBUG = True


def assert_json(response, status, detail):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": detail}


@pytest.mark.parametrize(
    "path",
    ["/api/", "/api/nope", "/api/v1/nope/", "/api/v1/posts", "/api/v2/posts/", "/api/v1/dj-rest-auth/logn/"],
)
@pytest.mark.parametrize("method", ["get", "post", "delete"])
def test_a_mistyped_api_path_is_a_json_404(api_client, path, method):
    response = getattr(api_client, method)(path, HTTP_ACCEPT="text/html,application/xhtml+xml")

    assert_json(response, 404, "Not found.")


@pytest.mark.urls("tests.core.urls_with_fault")
def test_a_server_error_is_a_json_500_and_its_traceback_goes_to_the_log(caplog):
    client = APIClient(raise_request_exception=False)

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/api/v1/fault/", HTTP_ACCEPT="text/html")

    assert_json(response, 500, "A server error occurred.")
    assert "secret detail" not in response.content.decode()
    [record] = [record for record in caplog.records if record.name == "django.request"]
    assert record.exc_info[0] is RuntimeError


def test_known_api_paths_are_served_as_usual(api_client):
    assert api_client.get("/api/v1/schema/").status_code == 200
    assert_json(api_client.get("/api/v1/posts/"), 401, "Authentication credentials were not provided.")


def test_outside_the_api_django_keeps_its_debug_page_for_developers(client):
    response = client.get("/nope", HTTP_ACCEPT="text/html")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")

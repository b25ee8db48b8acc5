"""The probes answer whatever the Host header: an orchestrator calls a pod by its address."""

import pytest

from tests.production import run_python


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
@pytest.mark.parametrize("host", ["10.1.2.3:8000", "[fd00::1]:8000", "evil.example", "bad host!"])
def test_probes_answer_whatever_the_host(api_client, path, host):
    response = api_client.get(path, HTTP_HOST=host)

    assert response.status_code == 200
    assert response.json()["status"] == "ok"


@pytest.mark.parametrize("path", ["/api/v1/posts/", "/admin/login/", "/nope", "/healthz/"])
def test_any_other_path_refuses_an_unknown_host_with_a_json_400(api_client, path):
    response = api_client.get(path, HTTP_HOST="10.1.2.3:8000")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Bad request."}


@pytest.mark.django_db
def test_the_probes_keep_their_other_behaviour(api_client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = api_client.get("/healthz", HTTP_HOST="10.1.2.3")
    assert not response.cookies
    assert api_client.post("/healthz", HTTP_HOST="10.1.2.3").status_code == 405


def test_production_probes_answer_an_address_over_plain_http():
    """settings.prod redirects plain HTTP to HTTPS, and allows only ALLOWED_HOSTS; probes are neither."""
    script = (
        "import django; django.setup(); from django.test import Client; c = Client();"
        "print(c.get('/healthz', HTTP_HOST='10.1.2.3:8000').status_code,"
        " c.get('/api/v1/posts/', HTTP_HOST='10.1.2.3:8000', secure=True).status_code,"
        " c.get('/api/v1/posts/', HTTP_HOST='api.example.com').status_code)"
    )
    done = run_python("-c", script)
    assert done.stdout.split() == ["200", "400", "301"], done.stderr

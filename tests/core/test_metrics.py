"""/metrics: Prometheus' text format, for METRICS_ALLOWED_IPS only."""

import ipaddress

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.production import run_python


def samples(response):
    """{(name, labels as a sorted tuple): value} of a scrape."""
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def requests_total(scrape, route, status, method="GET"):
    labels = tuple(sorted({"method": method, "route": route, "status": str(status)}.items()))
    return scrape.get(("http_requests_total", labels), 0)


@pytest.mark.django_db
def test_loopback_reads_the_metrics(api_client):
    response = api_client.get("/metrics")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    families = {
        family.name: family.type for family in text_string_to_metric_families(response.content.decode())
    }
    assert {
        "http_requests": "counter",
        "http_request_duration_seconds": "histogram",
        "throttled_requests": "counter",
        "database_errors": "counter",
        "cache_errors": "counter",
    }.items() <= families.items()


@pytest.mark.django_db
def test_requests_are_counted_by_route_and_status_not_by_path(api_client, auth_client):
    before = samples(api_client.get("/metrics"))
    auth_client.get("/api/v1/posts/")
    auth_client.get("/api/v1/posts/12345/")
    auth_client.get("/api/v1/posts/67890/")
    api_client.get("/no/such/path/1")
    after = samples(api_client.get("/metrics"))

    def delta(route, status):
        return requests_total(after, route, status) - requests_total(before, route, status)

    assert delta("post-list", 200) == 1
    assert delta("post-detail", 404) == 2
    assert delta("unmatched", 404) == 1
    histogram = ("http_request_duration_seconds_count", (("method", "GET"), ("route", "post-detail")))
    assert after[histogram] - before.get(histogram, 0) == 2
    assert not any("12345" in str(labels) or "no/such" in str(labels) for _, labels in after)


@pytest.mark.django_db
def test_429_answers_are_counted_as_throttled(api_client, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {**settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"], "auth": "1/min"},
    }
    key = ("throttled_requests_total", (("route", "rest_login"),))
    before = samples(api_client.get("/metrics")).get(key, 0)

    statuses = [api_client.post("/api/v1/dj-rest-auth/login/", {}).status_code for _ in range(3)]

    assert statuses == [400, 429, 429]
    assert samples(api_client.get("/metrics"))[key] - before == 2


@pytest.mark.parametrize("address", ["10.0.0.7", "192.0.2.1", "2001:db8::1"])
def test_anyone_else_gets_a_json_404(api_client, address):
    response = api_client.get("/metrics", REMOTE_ADDR=address)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}


def test_x_forwarded_for_is_not_trusted(api_client, settings):
    """Any client writes that header; only the socket's peer counts."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    response = api_client.get("/metrics", REMOTE_ADDR="10.0.0.7", HTTP_X_FORWARDED_FOR="127.0.0.1")

    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("allowed", "address", "status"),
    [
        (["10.0.0.0/8"], "10.20.30.40", 200),
        (["10.0.0.0/8"], "11.0.0.1", 404),
        (["10.0.0.0/8"], "127.0.0.1", 404),
        (["192.0.2.5"], "192.0.2.5", 200),
        (["127.0.0.1"], "::ffff:127.0.0.1", 200),
        (["fd00::/8"], "fd12::1", 200),
    ],
)
def test_allowed_addresses_and_networks(api_client, settings, allowed, address, status):
    settings.METRICS_ALLOWED_IPS = [ipaddress.ip_network(value) for value in allowed]

    assert api_client.get("/metrics", REMOTE_ADDR=address).status_code == status


def test_a_bad_allowed_address_stops_the_start():
    done = run_python("manage.py", "check", METRICS_ALLOWED_IPS="127.0.0.1,not-an-address")

    assert done.returncode != 0
    assert "'not-an-address' does not appear to be an IPv4 or IPv6 network" in done.stderr

"""What operators see from gunicorn as `make serve` runs it: metrics of both workers in one scrape,
every log line one JSON object, X-Request-ID on gunicorn's own answers."""

import http.client
import json
import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families

from tests.production import gunicorn

REQUESTS = 60


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("operations")
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    with gunicorn(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        REDIS_URL=None,
        WEB_CONCURRENCY="2",
        PROMETHEUS_MULTIPROC_DIR=str(metrics_dir),
        LOG_FORMAT=None,
    ) as url:
        yield url, metrics_dir, tmp_path / "gunicorn.log"


def get(url, **headers):
    request = urllib.request.Request(url, headers=headers)
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.status, response.headers, response.read()


def healthz_count(scrape_text):
    return sum(
        sample.value
        for family in text_string_to_metric_families(scrape_text)
        for sample in family.samples
        if sample.name == "http_requests_total" and sample.labels["route"] == "healthz"
    )


def per_worker_healthz_counts(metrics_dir):
    """The count each worker wrote to its own file (named after its pid)."""
    counts = {}
    for path in Path(metrics_dir).glob("counter_*.db"):
        families = MultiProcessCollector.merge([str(path)], accumulate=False)
        counts[path.stem.split("_")[-1]] = healthz_count_from(families)
    return {pid: count for pid, count in counts.items() if count}


def healthz_count_from(families):
    return sum(
        sample.value
        for family in families
        for sample in family.samples
        if sample.name == "http_requests_total" and sample.labels.get("route") == "healthz"
    )


def test_one_scrape_sums_the_requests_of_both_workers(server):
    url, metrics_dir, _ = server
    before = healthz_count(get(url + "/metrics")[2].decode())

    # Concurrent connections, so that both workers accept some.
    with ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _: get(url + "/healthz")[0], range(REQUESTS)))
    assert statuses == [200] * REQUESTS

    workers = per_worker_healthz_counts(metrics_dir)
    assert len(workers) == 2, workers
    scraped = healthz_count(get(url + "/metrics")[2].decode())
    assert scraped - before == REQUESTS
    assert sum(workers.values()) == scraped


def test_every_log_line_is_one_json_object_with_the_request_id(server):
    url, _, log = server
    status, headers, _ = get(url + "/healthz", **{"X-Request-ID": "live-check-1"})
    assert (status, headers["X-Request-ID"]) == (200, "live-check-1")

    lines = [json.loads(line) for line in log.read_text().splitlines()]
    assert {"gunicorn.error", "request"} <= {line["logger"] for line in lines}
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    [request_line] = [line for line in lines if line.get("request_id") == "live-check-1"]
    assert request_line["status"] == 200
    assert request_line["path"] == "/healthz"
    assert request_line["duration_ms"] > 0
    # A worker's pid, not the master's: gunicorn.error's boot line names the master.
    assert request_line["pid"] != lines[0]["pid"]


def test_requests_gunicorn_refuses_carry_a_request_id_and_a_log_line(server):
    url, _, log = server
    conn = http.client.HTTPConnection(url.removeprefix("http://"), timeout=10)
    conn.connect()
    conn.sock.sendall(b"GET /api/v1/posts/ HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n")
    response = http.client.HTTPResponse(conn.sock)
    response.begin()
    assert response.status == 400
    request_id = response.getheader("X-Request-ID")
    assert re.fullmatch(r"[0-9a-f]{32}", request_id or "")

    lines = [json.loads(line) for line in log.read_text().splitlines()]
    [line] = [line for line in lines if line.get("request_id") == request_id]
    assert (line["logger"], line["status"]) == ("request", 400)


def test_without_a_metrics_directory_each_master_makes_one_and_removes_it(tmp_path):
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    with gunicorn(
        tmp_path,
        DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}",
        REDIS_URL=None,
        WEB_CONCURRENCY="1",
        PROMETHEUS_MULTIPROC_DIR=None,
        TMPDIR=str(scratch),
    ) as url:
        get(url + "/healthz")
        [made] = list(scratch.glob("gunicorn-metrics-*"))
        assert list(made.glob("counter_*.db"))
        assert healthz_count(get(url + "/metrics")[2].decode()) >= 1

    assert not made.exists()

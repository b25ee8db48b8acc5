"""Several `make serve` started at the same moment from one checkout that has no static files yet:
every one comes up and serves the static files (they used to collide in collectstatic, and one
died with whitenoise's FileNotFoundError). Run in a copy of the checkout, so that the real one's
static files, which running servers use, are left alone.

Live (about a minute): runs only with LIVE_CLUSTER=1, as CI does.
"""

import os
import signal
import subprocess
import tarfile
import time
import urllib.error
import urllib.request

import pytest

from tests.deploy.cluster import ROOT, production_env
from tests.production import free_port

pytestmark = pytest.mark.skipif(
    os.environ.get("LIVE_CLUSTER") != "1", reason="live test of make serve: LIVE_CLUSTER=1 (about a minute)"
)

STATIC = "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui.css"


def status(url):
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


@pytest.fixture
def checkout(tmp_path):
    """The tracked files as they are now, and this checkout's .venv (already installed)."""
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True)
    archive = tmp_path / "checkout.tar"
    with tarfile.open(archive, "w") as tar:
        for name in files.stdout.splitlines():
            if (ROOT / name).exists():
                tar.add(ROOT / name, arcname=name)
    copy = tmp_path / "checkout"
    with tarfile.open(archive) as tar:
        tar.extractall(copy, filter="tar")
    (copy / ".venv").symlink_to(ROOT / ".venv")
    return copy


def test_three_make_serve_at_once_all_come_up_and_serve_static_files(checkout):
    servers = []
    try:
        for _ in range(3):
            port = free_port()
            env = dict(
                production_env(),
                PATH=os.environ["PATH"],
                HOST="127.0.0.1",
                PORT=str(port),
                WEB_CONCURRENCY="1",
                SECURE_SSL_REDIRECT="false",
                DATABASE_URL=f"sqlite:///{checkout}/db-{port}.sqlite3",
            )
            log = (checkout / f"serve-{port}.log").open("wb")
            process = subprocess.Popen(
                ["make", "--no-print-directory", "serve"],
                cwd=checkout,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            servers.append((f"http://127.0.0.1:{port}", process, checkout / f"serve-{port}.log"))

        deadline = time.monotonic() + 180
        for url, process, log in servers:
            while status(f"{url}/healthz") != 200:
                assert process.poll() is None, log.read_text()[-3000:]
                assert time.monotonic() < deadline, log.read_text()[-3000:]
                time.sleep(0.5)

        assert [status(url + STATIC) for url, _, _ in servers] == [200, 200, 200]
        collected = [log.read_text().count("manage.py collectstatic") for _, _, log in servers]
        assert sorted(collected) == [0, 0, 1]
    finally:
        for _, process, _ in servers:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=60)

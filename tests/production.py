"""The product under production settings, in processes of its own, for what only they show:
settings.prod's start-up checks, and gunicorn as `make serve` runs it."""

import os
import random
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PROD_ENV = {
    "DJANGO_SETTINGS_MODULE": "settings.prod",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "api.example.com,127.0.0.1",
    "EMAIL_URL": "smtp+tls://user:pass@smtp.example.com:587",
    "PASSWORD_RESET_CONFIRM_URL": "https://app.example.com/reset-password/{uid}/{token}",
    "EMAIL_CONFIRM_URL": "https://app.example.com/verify-email/{key}",
    "SITE_NAME": "Example API",
    "SITE_DOMAIN": "api.example.com",
}
# Loopback ports for the servers the tests start; the first free one is taken.
PORTS = range(18100, 18200)


def prod_env(**overrides):
    """os.environ with production variables; an override of None removes the variable."""
    env = {**os.environ, **PROD_ENV, **overrides}
    return {key: value for key, value in env.items() if value is not None}


def run_python(*args, **env_overrides):
    """`python ARGS...` in the project's root under production settings."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=prod_env(**env_overrides),
        capture_output=True,
        text=True,
        timeout=120,
    )


def free_port():
    # In random order: test runs started together (several checkouts on one machine) rarely collide.
    for port in random.sample(PORTS, len(PORTS)):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) != 0:
                return port
    pytest.fail(f"no free port in {PORTS.start}-{PORTS.stop - 1}")


@contextmanager
def gunicorn(log_dir, **env_overrides):
    """gunicorn with config/gunicorn.conf.py and settings.prod, on a free loopback port, over HTTP.

    Yields its base URL; stops it (and its workers) on the way out.
    """
    port = free_port()
    env = prod_env(
        SECURE_SSL_REDIRECT="false",
        SECURE_HSTS_SECONDS="0",
        HOST="127.0.0.1",
        PORT=str(port),
        **{"WEB_CONCURRENCY": "2", **env_overrides},
    )
    log = Path(log_dir) / "gunicorn.log"
    gunicorn_bin = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [gunicorn_bin, "--config", "config/gunicorn.conf.py", "config.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(url + "/healthz", timeout=2)
                # Ours, not another server that took the port first (gunicorn keeps retrying its bind).
                if f"Listening at: {url} ({process.pid})" in log.read_text():
                    break
            except OSError:
                pass
            assert process.poll() is None, log.read_text()
            time.sleep(0.25)
        else:
            pytest.fail(f"gunicorn did not answer /healthz: {log.read_text()}")
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

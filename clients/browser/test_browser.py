"""The static page in this folder, in headless Chromium, calling a live API from another origin.

Run against a server: `API_URL=http://127.0.0.1:8000 .venv/bin/pytest clients/browser` (`make run`
allows the origin http://localhost:3000). CI runs it through `.ci/clients`. Chromium is Debian's
(`apt-get install chromium`): Playwright's own browser download cannot work without internet.
"""

import functools
import os
import secrets
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import requests
from playwright.sync_api import expect, sync_playwright

API_URL = os.environ.get("API_URL", "http://127.0.0.1:8000").rstrip("/")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# The origins are fixed: the server must list the first in CORS_ALLOWED_ORIGINS, and not the second.
ALLOWED_PORT, REFUSED_PORT = 3000, 3001
# --no-sandbox because CI runs as root; without the others Chromium keeps trying to reach Google's
# services, and the machine has no internet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# Waits, not timings: the page takes as long as the shared machine needs to hash a password.
TIMEOUT = 30
expect.set_options(timeout=TIMEOUT * 1000)


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def serve_this_folder(port):
    """Serves the page at http://localhost:PORT, as a front end's own web server would."""
    handler = functools.partial(QuietHandler, directory=Path(__file__).parent)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://localhost:{port}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def allowed_origin():
    yield from serve_this_folder(ALLOWED_PORT)


@pytest.fixture(scope="module")
def refused_origin():
    yield from serve_this_folder(REFUSED_PORT)


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def account():
    """A user registered through the API, as the page's user would have done."""
    name = f"browser_{secrets.token_hex(6)}"
    account = {"username": name, "email": f"{name}@example.com", "password": secrets.token_urlsafe(16)}
    response = requests.post(
        f"{API_URL}/api/v1/dj-rest-auth/registration/",
        json={
            "username": account["username"],
            "email": account["email"],
            "password1": account["password"],
            "password2": account["password"],
        },
        timeout=TIMEOUT,
    )
    assert response.status_code == 201, response.text
    account["key"] = response.json()["key"]
    return account


def api_get(path, key):
    return requests.get(f"{API_URL}{path}", headers={"Authorization": f"Token {key}"}, timeout=TIMEOUT)


def run_page(page, origin, account):
    page.goto(f"{origin}/?api={API_URL}")
    page.get_by_label("Email").fill(account["email"])
    page.get_by_label("Password").fill(account["password"])
    page.get_by_role("button").click()
    expect(page.locator("body")).to_have_attribute("data-done", "true")
    return page.locator("#steps li")


def preflight(origin):
    return requests.options(
        f"{API_URL}/api/v1/posts/",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization,content-type",
        },
        timeout=TIMEOUT,
    )


def test_preflight_allows_only_the_allowed_origin():
    allowed = preflight(f"http://localhost:{ALLOWED_PORT}")
    assert allowed.status_code == 200
    assert allowed.headers.get("Access-Control-Allow-Origin") == f"http://localhost:{ALLOWED_PORT}"
    assert "authorization" in allowed.headers.get("Access-Control-Allow-Headers", "")
    assert "Access-Control-Allow-Credentials" not in allowed.headers

    refused = preflight(f"http://localhost:{REFUSED_PORT}")
    assert "Access-Control-Allow-Origin" not in refused.headers


def test_page_from_the_allowed_origin_logs_in_posts_and_logs_out(page, allowed_origin, account):
    steps = run_page(page, allowed_origin, account)

    expect(steps).to_have_count(4)
    for index, name in enumerate(["login", "user", "post", "logout"]):
        expect(steps.nth(index)).to_have_attribute("data-step", name)
        expect(steps.nth(index)).to_have_attribute("data-status", "ok")
    expect(steps.nth(1)).to_have_text(f"user: {account['username']} <{account['email']}>")
    expect(steps.nth(2)).to_contain_text(f'"Hello from {allowed_origin}" by {account["username"]}')
    expect(steps.nth(3)).to_have_text("logout: Successfully logged out.")

    # The page's logout ended the page's own session only (logout is per device): the account's
    # registration session still works and no longer lists a Chromium session.
    sessions = api_get("/api/v1/dj-rest-auth/sessions/", account["key"])
    assert sessions.status_code == 200
    assert [session["current"] for session in sessions.json()] == [True]

    login = requests.post(
        f"{API_URL}/api/v1/dj-rest-auth/login/",
        json={"username": account["username"], "password": account["password"]},
        timeout=TIMEOUT,
    )
    assert login.status_code == 200
    user = api_get("/api/v1/dj-rest-auth/user/", login.json()["key"]).json()
    posts = api_get(f"/api/v1/posts/?author={user['pk']}", login.json()["key"])
    assert posts.status_code == 200
    assert [post["title"] for post in posts.json()["results"]] == [f"Hello from {allowed_origin}"]
    assert steps.nth(2).text_content().startswith(f"post: #{posts.json()['results'][0]['id']} ")


def test_page_from_a_refused_origin_cannot_call_the_api(page, refused_origin, account):
    steps = run_page(page, refused_origin, account)

    # The browser refuses the preflight's answer: fetch rejects and the page stops at its first step.
    expect(steps).to_have_count(1)
    expect(steps.first).to_have_attribute("data-step", "login")
    expect(steps.first).to_have_attribute("data-status", "error")
    expect(steps.first).to_have_text("login: TypeError: Failed to fetch")
    assert any("blocked by CORS policy" in message.text for message in page.console_messages())

    # Nothing happened on the server: no logout (the token still works) and no post.
    user = api_get("/api/v1/dj-rest-auth/user/", account["key"])
    assert user.status_code == 200
    posts = api_get(f"/api/v1/posts/?author={user.json()['pk']}", account["key"])
    assert posts.status_code == 200
    assert posts.json()["results"] == []

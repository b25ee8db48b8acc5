"""Swagger UI and ReDoc in headless Chromium against the live server at $API_URL.

Usage: API_URL=... TOKEN=... USERNAME=... .venv/bin/python .ci/docs-in-browser.py
Swagger UI: the Authorize dialog takes `Token <key>`; "Try it out" on GET user/ answers 200 with
the caller's details, and on POST posts/ creates the example post; the token survives a reload.
ReDoc renders the document. Neither page makes a single request to another origin (no CDN, fonts
or validator). Chromium is Debian's.
"""

import os
import sys
from urllib.parse import urlsplit

from playwright.sync_api import expect, sync_playwright

API_URL = os.environ["API_URL"].rstrip("/")
TOKEN = os.environ["TOKEN"]
USERNAME = os.environ["USERNAME"]
# --no-sandbox because CI runs as root; the others stop Chromium calling Google's services.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A wait, not a timing: the shared machine may be slow to parse the bundles.
expect.set_options(timeout=30_000)


def is_foreign(url):
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and f"{parts.scheme}://{parts.netloc}" != API_URL


def try_it_out(page, operation_id):
    """Open the operation, "Try it out", "Execute": the answer's row in the live responses table."""
    operation = page.locator(f"#operations-{operation_id}")
    operation.locator(".opblock-summary").click()
    operation.locator("button.try-out__btn").click()
    operation.locator("button.execute").click()
    return operation.locator(".live-responses-table .response").first


def swagger_ui(page):
    page.goto(f"{API_URL}/api/v1/docs/")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Token API")

    page.locator(".scheme-container button.authorize").click()
    dialog = page.locator(".modal-ux")
    # Two schemes in the same header, apiKey and sessionKey: a session's key goes in sessionKey's.
    session_key = dialog.locator(".auth-container", has_text="sessionKey")
    session_key.locator("input").fill(f"Token {TOKEN}")
    session_key.locator("button.authorize").click()
    dialog.locator("button.btn-done").first.click()

    response = try_it_out(page, "accounts-getUser")
    expect(response.locator(".response-col_status")).to_contain_text("200")
    expect(response.locator(".response-col_description")).to_contain_text(f'"username": "{USERNAME}"')
    # A body too: Swagger UI's example post, sent as JSON with the token.
    response = try_it_out(page, "posts-createPost")
    expect(response.locator(".response-col_status")).to_contain_text("201")
    expect(response.locator(".response-col_description")).to_contain_text(f'"username": "{USERNAME}"')

    # persistAuthorization: the token is still there after a reload.
    page.reload()
    expect(page.locator(".scheme-container button.authorize.locked")).to_be_visible()


def redoc(page):
    page.goto(f"{API_URL}/api/v1/redoc/")
    expect(page.locator("h1").first).to_contain_text("Token API")
    expect(page.get_by_text("/api/v1/dj-rest-auth/login/").first).to_be_attached()


def main():
    foreign, blocked = [], set()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=CHROMIUM_ARGS
        )
        page = browser.new_page()

        def on_request(request):
            if is_foreign(request.url):
                foreign.append(request.url)

        def on_request_failed(request):
            # The page's Content-Security-Policy stopped it in the browser: it never left.
            if request.failure == "csp":
                blocked.add(request.url)

        page.on("request", on_request)
        page.on("requestfailed", on_request_failed)
        swagger_ui(page)
        print("Swagger UI: Authorize with `Token <key>`; GET user/ 200 and POST posts/ 201; kept on reload")
        redoc(page)
        print("ReDoc: the document rendered")
        browser.close()
    sent = [url for url in foreign if url not in blocked]
    if sent:
        sys.exit(f"requests sent to other origins: {sent}")
    print(f"no request left the server's origin (blocked by the pages' policy: {sorted(blocked) or 'none'})")


if __name__ == "__main__":
    main()

"""Swagger UI and ReDoc: public pages whose every asset the project serves itself, no CDN."""

import json
import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

PAGES = ["/api/v1/docs/", "/api/v1/redoc/"]


class AssetCollector(HTMLParser):
    """The URLs a browser fetches while loading the page: scripts, stylesheets, icons."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        if tag == "link" and attrs.get("href"):
            self.urls.append(attrs["href"])


def page_assets(html):
    collector = AssetCollector()
    collector.feed(html)
    return collector.urls


def assert_self_hosted(client, page):
    response = client.get(page, HTTP_ACCEPT="text/html")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert not response.cookies
    html = response.content.decode()
    # No absolute URL at all: not in a tag, not in the inline script (fonts, validator, CDN).
    assert re.findall(r"(?:https?:)?//[\w.-]+\.\w", html) == []
    assets = page_assets(html)
    assert assets
    for url in assets:
        assert url.startswith("/static/"), url
        asset = client.get(url)
        assert asset.status_code == 200, url
        assert b"".join(asset.streaming_content if asset.streaming else [asset.content]), url
    return html, assets


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_docs_page_is_public_and_loads_only_our_own_assets(api_client, page):
    html, assets = assert_self_hosted(api_client, page)
    assert "/api/v1/schema/" in html
    assert any(url.endswith(".js") for url in assets)


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_docs_page_ignores_a_stale_token(api_client, page):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    assert api_client.get(page).status_code == 200


@pytest.mark.django_db
def test_swagger_ui_keeps_the_token_and_never_calls_the_online_validator(api_client):
    html = api_client.get("/api/v1/docs/").content.decode()
    settings_json = re.search(r"const swaggerSettings = (\{.*?\});", html, re.DOTALL).group(1)
    assert json.loads(settings_json) == {
        "deepLinking": True,
        "persistAuthorization": True,
        "validatorUrl": None,
    }


@pytest.mark.django_db
def test_redoc_page_has_no_google_fonts_and_allows_only_our_own_images(api_client):
    html = api_client.get("/api/v1/redoc/").content.decode()
    assert "fonts.googleapis" not in html
    assert "redoc.standalone" in html
    # ReDoc's bundle always shows a logo from Redocly's CDN; this policy keeps the browser from fetching it.
    assert """<meta http-equiv="Content-Security-Policy" content="img-src 'self' data:">""" in html


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_under_production_storage_the_pages_load_their_hashed_assets(settings, tmp_path, page):
    """As settings.prod serves them after collectstatic: hashed, compressed, from STATIC_ROOT."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    }
    settings.STATIC_ROOT = tmp_path
    settings.WHITENOISE_USE_FINDERS = False
    settings.WHITENOISE_AUTOREFRESH = False
    call_command("collectstatic", "--noinput", "--verbosity", "0")
    # A new client builds its middleware, and so whitenoise's file index, under these settings.
    _, assets = assert_self_hosted(APIClient(), page)
    for url in assets:
        # The manifest's content hash in every name: cacheable forever, never stale.
        assert re.search(r"\.[0-9a-f]{12}\.\w+$", url), url

"""The OpenAPI document: complete, valid, public, and honest about tokens and errors."""

import io
import re

import pytest
import yaml
from django.contrib.admindocs.views import simplify_regex
from django.core.cache import cache
from django.core.management import call_command
from django.urls import URLResolver, get_resolver
from drf_spectacular.generators import SchemaGenerator
from openapi_spec_validator import validate
from rest_framework.test import APIClient

from apps.keys.services import session_create

SCHEMA_URL = "/api/v1/schema/"
# The document and the pages that show it are not operations of the API.
DOCUMENTATION_ROUTES = {"schema", "swagger-ui", "redoc"}
METHODS = ("get", "post", "put", "patch", "delete")


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def api_routes(patterns=None, prefix=""):
    """(path, URL name) of every route under /api/, path parameters written `{}`."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        regex = prefix + pattern.pattern.regex.pattern.lstrip("^")
        if isinstance(pattern, URLResolver):
            yield from api_routes(pattern.url_patterns, regex)
            continue
        path = re.sub(r"\\(.)", r"\1", simplify_regex(regex))
        if path.startswith("/api/"):
            yield re.sub(r"<\w+>", "{}", path), pattern.name


def answered_methods(path, user):
    """The methods a route answers with anything but 405, asked over HTTP with a valid token."""
    client = APIClient(raise_request_exception=False)
    answered = set()
    for method in METHODS:
        # A fresh token and throttle counters for each call: logout revokes the token, and a
        # 401 or 429 would come before the 405 that tells the method is not there.
        client.credentials(HTTP_AUTHORIZATION=f"Token {session_create(user=user, request=None).key}")
        cache.clear()
        response = getattr(client, method)(path.replace("{}", "1"), data={} if method != "get" else None)
        if response.status_code != 405:
            answered.add(method)
    return answered


def schema_operations(schema):
    """{path with parameters written `{}`: its methods} of the document."""
    return {
        re.sub(r"{\w+}", "{}", path): {method for method in item if method in METHODS}
        for path, item in schema["paths"].items()
    }


@pytest.mark.django_db
def test_every_api_route_is_in_the_schema_with_the_methods_it_answers(schema, user):
    documented = schema_operations(schema)
    routes = [(path, name) for path, name in api_routes() if name not in DOCUMENTATION_ROUTES]
    assert len(routes) >= 10
    missing = {}
    for path, _name in routes:
        undocumented = answered_methods(path, user) - documented.get(path, set())
        if undocumented:
            missing[path] = sorted(undocumented)
    assert missing == {}


def test_the_route_enumeration_sees_path_parameters_and_documentation_routes():
    routes = dict(api_routes())
    assert routes["/api/v1/posts/{}/"] == "post-detail"
    assert routes["/api/v1/dj-rest-auth/login/"] == "rest_login"
    assert {routes[path] for path in ("/api/v1/schema/", "/api/v1/docs/", "/api/v1/redoc/")} == (
        DOCUMENTATION_ROUTES
    )


def test_schema_validates_as_openapi_3(schema):
    assert schema["openapi"].startswith("3.")
    validate(schema)


def test_schema_generation_has_no_warnings():
    """`check --deploy` runs the same generation in CI, where a warning fails the build."""
    call_command("spectacular", "--validate", "--fail-on-warn", stdout=io.StringIO())


def test_both_kinds_of_key_are_api_keys_in_the_authorization_header(schema):
    schemes = schema["components"]["securitySchemes"]
    assert set(schemes) == {"sessionKey", "apiKey"}
    for scheme in schemes.values():
        assert (scheme["type"], scheme["in"], scheme["name"]) == ("apiKey", "header", "Authorization")
        assert "`Authorization: Token <key>`" in scheme["description"]


def test_protected_operations_need_a_key_and_public_ones_do_not(schema):
    paths = schema["paths"]
    assert {"sessionKey": []} in paths["/api/v1/dj-rest-auth/user/"]["get"]["security"]
    assert {"sessionKey": []} in paths["/api/v1/posts/"]["get"]["security"]
    assert {"apiKey": []} in paths["/api/v1/posts/"]["get"]["security"]
    assert "security" not in paths["/api/v1/dj-rest-auth/login/"]["post"]
    assert "security" not in paths["/api/v1/dj-rest-auth/registration/"]["post"]


def test_operations_that_take_a_key_document_its_401(schema):
    for path, item in schema["paths"].items():
        for method in set(item) & set(METHODS):
            operation = item[method]
            takes_key = {"sessionKey": []} in operation.get("security", [])
            assert ("401" in operation["responses"]) == takes_key, (method, path)


def test_operations_with_a_body_document_400_413_and_415(schema):
    login = schema["paths"]["/api/v1/dj-rest-auth/login/"]["post"]["responses"]
    assert set(login) >= {"200", "400", "413", "415", "429"}
    error = login["400"]["content"]["application/json"]["schema"]
    assert error == {
        "anyOf": [{"$ref": "#/components/schemas/FieldErrors"}, {"$ref": "#/components/schemas/ErrorDetail"}]
    }
    assert login["429"]["headers"]["Retry-After"]["schema"] == {"type": "integer"}
    user = schema["paths"]["/api/v1/dj-rest-auth/user/"]["get"]["responses"]
    assert user["401"]["headers"]["WWW-Authenticate"]["schema"] == {"type": "string"}


def test_operations_without_a_body_or_parameters_document_no_400(schema):
    user_get = schema["paths"]["/api/v1/dj-rest-auth/user/"]["get"]["responses"]
    assert "400" not in user_get
    assert "413" not in user_get


def test_detail_routes_document_404(schema):
    detail = schema["paths"]["/api/v1/posts/{id}/"]
    for method in ("get", "put", "patch", "delete"):
        assert "404" in detail[method]["responses"], method


def test_probes_are_public_and_document_no_token_errors(schema):
    health = schema["paths"]["/healthz"]["get"]
    assert "security" not in health
    assert set(health["responses"]) == {"200"}


def test_error_shapes_are_components_in_drf_shapes(schema):
    components = schema["components"]["schemas"]
    assert components["ErrorDetail"]["required"] == ["detail"]
    messages = {"type": "array", "items": {"type": "string"}}
    # A list field's errors are by position: {"scopes": {"0": ["..."]}}.
    assert components["FieldErrors"]["additionalProperties"] == {
        "anyOf": [messages, {"type": "object", "additionalProperties": messages}]
    }


@pytest.mark.django_db
def test_schema_endpoint_is_public_yaml_without_cookies(api_client):
    response = api_client.get(SCHEMA_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi")
    assert not response.cookies
    document = yaml.safe_load(response.content)
    assert "/api/v1/posts/" in document["paths"]


@pytest.mark.django_db
def test_schema_endpoint_answers_json_with_format_json(api_client):
    response = api_client.get(SCHEMA_URL, {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert "/api/v1/dj-rest-auth/login/" in response.json()["paths"]
    validate(response.json())


@pytest.mark.django_db
def test_schema_endpoint_ignores_a_stale_token(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token not-a-real-key")
    response = api_client.get(SCHEMA_URL)
    assert response.status_code == 200
    assert "paths" in yaml.safe_load(response.content)


def test_operations_with_parameters_document_gunicorns_json_414(schema):
    for path, method in [("/api/v1/posts/", "get"), ("/api/v1/posts/{id}/", "delete")]:
        too_long = schema["paths"][path][method]["responses"]["414"]
        assert list(too_long["content"]) == ["application/json"], (method, path)
    assert "414" not in schema["paths"]["/api/v1/dj-rest-auth/user/"]["get"]["responses"]

"""The OpenAPI document describes the keys endpoints and both uses of the Authorization header."""

import pytest
from drf_spectacular.generators import SchemaGenerator

API = "/api/v1/dj-rest-auth/"
SESSION_ONLY = [
    ("sessions/", "get"),
    ("sessions/{id}/", "delete"),
    ("sessions/revoke-others/", "post"),
    ("keys/", "get"),
    ("keys/", "post"),
    ("keys/{id}/", "delete"),
    ("logout/", "post"),
    ("password/change/", "post"),
    ("user/", "put"),
    ("user/", "patch"),
]


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


def test_both_kinds_of_key_are_api_keys_in_the_authorization_header(schema):
    schemes = schema["components"]["securitySchemes"]
    for name in ("sessionKey", "apiKey"):
        assert schemes[name]["type"] == "apiKey"
        assert schemes[name]["in"] == "header"
        assert schemes[name]["name"] == "Authorization"
        assert "Token <key>" in schemes[name]["description"]


@pytest.mark.parametrize(("path", "method"), SESSION_ONLY)
def test_session_only_operations_take_a_session_and_document_the_403(schema, path, method):
    operation = schema["paths"][API + path][method]

    assert operation["security"] == [{"sessionKey": []}]
    assert {"401", "403"} <= set(operation["responses"])
    assert operation["summary"]


@pytest.mark.parametrize(("path", "method"), [("user/", "get"), ("posts/", "get"), ("posts/", "post")])
def test_what_an_api_key_may_call_takes_either_kind(schema, path, method):
    full = (API + path) if path == "user/" else "/api/v1/" + path

    assert schema["paths"][full][method]["security"] == [{"sessionKey": []}, {"apiKey": []}]


def component(schema, response):
    ref = response["content"]["application/json"]["schema"]["$ref"]
    return schema["components"]["schemas"][ref.rsplit("/", 1)[1]]


def test_the_answers_are_described(schema):
    paths = schema["paths"]
    sessions = paths[API + "sessions/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    session = schema["components"]["schemas"][sessions["items"]["$ref"].rsplit("/", 1)[1]]
    assert set(session["properties"]) == {
        "id",
        "device",
        "created_at",
        "last_used_at",
        "expires_at",
        "current",
    }
    assert set(
        component(schema, paths[API + "sessions/revoke-others/"]["post"]["responses"]["200"])["properties"]
    ) == {"revoked"}
    made = component(schema, paths[API + "keys/"]["post"]["responses"]["201"])
    assert set(made["properties"]) == {
        "id",
        "name",
        "scopes",
        "created_at",
        "expires_at",
        "last_used_at",
        "key",
    }
    listed = paths[API + "keys/"]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
    api_key = schema["components"]["schemas"][listed["items"]["$ref"].rsplit("/", 1)[1]]
    assert "key" not in api_key["properties"]
    assert "404" in paths[API + "sessions/{id}/"]["delete"]["responses"]
    assert paths[API + "sessions/{id}/"]["delete"]["parameters"][0]["schema"]["type"] == "integer"


def test_a_key_made_is_asked_for_its_name_scopes_expiry_and_password(schema):
    body = schema["paths"][API + "keys/"]["post"]["requestBody"]["content"]["application/json"]["schema"]
    request = schema["components"]["schemas"][body["$ref"].rsplit("/", 1)[1]]
    assert set(request["properties"]) == {"name", "scopes", "expires_at", "password"}
    assert set(request["required"]) == {"name", "scopes", "password"}


def test_login_and_registration_take_a_device(schema):
    register = schema["paths"][API + "registration/"]["post"]["requestBody"]["content"]["application/json"]
    request = schema["components"]["schemas"][register["schema"]["$ref"].rsplit("/", 1)[1]]
    assert request["properties"]["device"]["maxLength"] == 100


def test_every_operation_the_schema_keeps_from_api_keys_refuses_one(schema, api_key_client):
    """The schema and the permissions agree, for endpoints added later too (MFA, deletion...)."""
    script = api_key_client()
    checked = []
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if operation.get("security") != [{"sessionKey": []}]:
                continue
            response = getattr(script, method)(path.replace("{id}", "1"), {} if method != "get" else None)
            assert response.status_code == 403, (method, path, response.content)
            checked.append((method, path))
    assert ("post", API + "logout/") in checked
    assert script.get(API + "user/").status_code == 200

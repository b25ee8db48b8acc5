"""The OpenAPI document as code generators read it: names set by us, shared error shapes, split components."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.management.commands.spectacular import SchemaGenerationError

from apps.core import schema as core_schema

METHODS = ("get", "post", "put", "patch", "delete")
DETAIL = {"$ref": "#/components/schemas/ErrorDetail"}
FIELD_ERRORS = {"$ref": "#/components/schemas/FieldErrors"}
# A 400 to a body may be either: field errors, or a detail for a body that is not JSON.
SHARED_ERRORS = [DETAIL, FIELD_ERRORS, {"anyOf": [FIELD_ERRORS, DETAIL]}]


def generate():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture(scope="module")
def schema():
    return generate()


def operations(schema):
    for path, item in schema["paths"].items():
        for method in set(item) & set(METHODS):
            yield path, method, item[method]


def test_every_operation_has_the_operation_id_and_tag_of_the_table(schema):
    for path, method, operation in operations(schema):
        tag, operation_ids = core_schema.OPERATIONS[path]
        assert operation["operationId"] == operation_ids[method], (method, path)
        assert operation["tags"] == [tag], (method, path)


def test_operation_ids_are_unique_lower_camel_case_method_names(schema):
    ids = [operation["operationId"] for _, _, operation in operations(schema)]
    assert len(ids) == len(set(ids))
    # drf-spectacular's defaults (`dj_rest_auth_login_create`, `posts_list`) have underscores.
    assert [i for i in ids if not re.fullmatch(r"[a-z]+(?:[A-Z][a-z]+)*", i)] == []


def test_an_operation_missing_from_the_table_fails_generation(monkeypatch, capsys):
    table = dict(core_schema.OPERATIONS)
    del table["/api/v1/posts/"]
    monkeypatch.setattr(core_schema, "OPERATIONS", table)
    with pytest.raises(SchemaGenerationError):
        call_command("spectacular", "--fail-on-warn", stdout=io.StringIO())
    assert "GET /api/v1/posts/ has no operationId" in capsys.readouterr().err


def test_tags_are_the_documented_ones_in_reading_order(schema):
    assert [tag["name"] for tag in schema["tags"]] == list(core_schema.TAGS)
    assert all(tag["description"] for tag in schema["tags"])
    used = {operation["tags"][0] for _, _, operation in operations(schema)}
    assert used <= set(core_schema.TAGS)
    assert "dj-rest-auth" not in used


def test_every_error_answer_is_a_shared_component(schema):
    inline = []
    for path, method, operation in operations(schema):
        for status, response in operation["responses"].items():
            if int(status) < 400 or (path, status) == ("/readyz", "503"):
                continue  # readyz's 503 is its readiness report, not an error shape
            body = response["content"]["application/json"]["schema"]
            if body not in SHARED_ERRORS:
                inline.append((method, path, status, body))
    assert inline == []


def test_requests_and_answers_are_separate_components(schema):
    components = schema["components"]["schemas"]
    request = components["PostRequest"]
    assert set(request["properties"]) == {"title", "body"}
    assert set(request["required"]) == {"title", "body"}
    assert "required" not in components["PatchedPostRequest"]
    answer = components["Post"]
    assert set(answer["required"]) >= {"id", "author", "created_at", "updated_at"}
    create = schema["paths"]["/api/v1/posts/"]["post"]["requestBody"]["content"]["application/json"]
    assert create["schema"] == {"$ref": "#/components/schemas/PostRequest"}


def test_login_takes_the_username_or_the_email_as_two_alternatives_with_an_example_each(schema):
    body = schema["paths"]["/api/v1/dj-rest-auth/login/"]["post"]["requestBody"]["content"][
        "application/json"
    ]
    assert body["schema"] == {"$ref": "#/components/schemas/LoginRequest"}
    components = schema["components"]["schemas"]
    alternatives = [ref["$ref"].rsplit("/", 1)[1] for ref in components["LoginRequest"]["oneOf"]]
    assert alternatives == ["LoginWithUsernameRequest", "LoginWithEmailRequest"]
    assert set(components["LoginWithUsernameRequest"]["required"]) == {"username", "password"}
    assert set(components["LoginWithEmailRequest"]["required"]) == {"email", "password"}
    examples = [example["value"] for example in body["examples"].values()]
    assert {frozenset(example) - {"device"} for example in examples} >= {
        frozenset({"username", "password"}),
        frozenset({"email", "password"}),
    }


@pytest.mark.parametrize(
    ("path", "method"),
    [
        ("/api/v1/dj-rest-auth/login/", "post"),
        ("/api/v1/dj-rest-auth/registration/", "post"),
        ("/api/v1/posts/", "get"),
        ("/api/v1/posts/", "post"),
        ("/api/v1/posts/{id}/", "get"),
        ("/api/v1/posts/{id}/", "patch"),
    ],
)
def test_main_operations_carry_examples(schema, path, method):
    operation = schema["paths"][path][method]
    request = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
    answers = [r.get("content", {}).get("application/json", {}) for r in operation["responses"].values()]
    assert request.get("examples") or any(answer.get("examples") for answer in answers)
    if "requestBody" in operation:
        assert request.get("examples"), "no request example"


def test_public_operations_carry_no_security_so_generators_need_no_key(schema):
    # [{}] ("a key or none") makes openapi-python-client demand an AuthenticatedClient.
    public = [(path, method) for path, method, operation in operations(schema) if "security" not in operation]
    assert ("/api/v1/dj-rest-auth/login/", "post") in public
    assert ("/healthz", "get") in public
    assert all(operation.get("security") != [{}] for _, _, operation in operations(schema))


def test_bodies_are_required_where_the_operation_needs_one(schema):
    for path, method in [
        ("/api/v1/dj-rest-auth/login/", "post"),
        ("/api/v1/dj-rest-auth/registration/", "post"),
        ("/api/v1/posts/", "post"),
    ]:
        assert schema["paths"][path][method]["requestBody"]["required"] is True, (method, path)


def test_the_documents_version_is_the_changelogs_latest(schema):
    changelog = (Path(__file__).resolve().parents[2] / "CHANGELOG.md").read_text()
    latest = re.search(r"^## (\S+)", changelog, re.MULTILINE).group(1)
    assert schema["info"]["version"] == latest


def test_every_row_of_the_table_names_an_operation_of_the_api(schema):
    documented = {(path, method) for path, method, _ in operations(schema)}
    rows = {(path, method) for path, (_, ids) in core_schema.OPERATIONS.items() for method in ids}
    assert rows - documented == set()

"""The MFA operations in the OpenAPI document: names, sessions only, and what they answer."""

import pytest
from drf_spectacular.generators import SchemaGenerator

MFA = "/api/v1/dj-rest-auth/mfa/"


@pytest.fixture(scope="module")
def schema():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize(
    ("path", "method", "operation_id"),
    [
        ("totp/activate/", "get", "getTotpActivation"),
        ("totp/activate/", "post", "activateTotp"),
        ("totp/deactivate/", "post", "deactivateTotp"),
        ("status/", "get", "getMfaStatus"),
        ("recovery-codes/", "post", "listRecoveryCodes"),
        ("recovery-codes/regenerate/", "post", "regenerateRecoveryCodes"),
    ],
)
def test_each_management_operation_is_named_and_takes_a_session_only(schema, path, method, operation_id):
    operation = schema["paths"][MFA + path][method]

    assert operation["operationId"] == operation_id
    assert operation["tags"] == ["mfa"]
    assert operation["security"] == [{"sessionKey": []}]
    assert {"200", "401", "403", "429"} <= set(operation["responses"])


def test_verify_is_public_and_answers_a_session(schema):
    operation = schema["paths"][MFA + "verify/"]["post"]

    assert operation["operationId"] == "verifyMfa"
    assert "security" not in operation
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    assert body == {"$ref": "#/components/schemas/IssuedKey"}
    assert {"400", "429"} <= set(operation["responses"])
    request = schema["components"]["schemas"]["MFAVerifyRequest"]
    assert set(request["required"]) == {"ephemeral_token", "code"}


def test_deleting_the_account_answers_204(schema):
    operation = schema["paths"]["/api/v1/dj-rest-auth/user/delete/"]["post"]

    assert operation["operationId"] == "deleteAccount"
    assert operation["security"] == [{"sessionKey": []}]
    assert "204" in operation["responses"]
    assert "content" not in operation["responses"]["204"]

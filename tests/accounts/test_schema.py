"""The accounts operations in the OpenAPI document say what the views really answer."""

import pytest
from drf_spectacular.generators import SchemaGenerator

API = "/api/v1/dj-rest-auth/"


def generate():
    return SchemaGenerator().get_schema(request=None, public=True)


@pytest.fixture(scope="module")
def paths():
    return generate()["paths"]


def responses(paths, route, method="post"):
    return paths[API + route][method]["responses"]


def body_schema(response):
    return response["content"]["application/json"]["schema"]


def test_login_answers_the_token_or_with_mfa_on_an_ephemeral_token(paths):
    assert body_schema(responses(paths, "login/")["200"]) == {"$ref": "#/components/schemas/LoginAnswer"}
    components = generate()["components"]["schemas"]
    assert components["LoginAnswer"] == {
        "oneOf": [{"$ref": "#/components/schemas/IssuedKey"}, {"$ref": "#/components/schemas/MFARequired"}]
    }
    assert set(components["MFARequired"]["properties"]) == {"mfa_required", "ephemeral_token"}


def test_registration_answers_201_with_the_token_and_503_when_the_mail_fails(paths):
    registration = responses(paths, "registration/")
    assert body_schema(registration["201"]) == {"$ref": "#/components/schemas/IssuedKey"}
    assert body_schema(registration["503"]) == {"$ref": "#/components/schemas/ErrorDetail"}


def test_with_mandatory_verification_registration_answers_a_detail(settings):
    # allauth reads its settings on each use, so the schema follows the environment's choice.
    settings.ACCOUNT_EMAIL_VERIFICATION = "mandatory"
    registration = generate()["paths"][API + "registration/"]["post"]["responses"]
    assert body_schema(registration["201"]) == {"$ref": "#/components/schemas/Detail"}


def test_resend_email_answers_200_not_201(paths):
    resend = responses(paths, "registration/resend-email/")
    assert "200" in resend
    assert "201" not in resend


def test_verify_email_documents_404_for_an_unknown_key(paths):
    assert "404" in responses(paths, "registration/verify-email/")


def test_password_change_answers_the_new_key(paths):
    changed = responses(paths, "password/change/")["200"]
    assert body_schema(changed) == {"$ref": "#/components/schemas/PasswordChanged"}
    schema = generate()["components"]["schemas"]["PasswordChanged"]
    assert set(schema["properties"]) == {"detail", "key", "expires_at"}


def test_password_reset_documents_503_when_the_mail_fails(paths):
    assert "503" in responses(paths, "password/reset/")


def test_logout_is_post_only_without_a_body_and_needs_the_token(paths):
    logout = paths[API + "logout/"]
    assert set(logout) == {"post"}
    assert "requestBody" not in logout["post"]
    assert logout["post"]["security"] == [{"sessionKey": []}]
    assert "401" in logout["post"]["responses"]


@pytest.mark.parametrize(
    "route",
    [
        "registration/",
        "registration/verify-email/",
        "registration/resend-email/",
        "login/",
        "password/reset/",
        "password/reset/confirm/",
    ],
)
def test_public_endpoints_need_no_token_and_never_answer_401(paths, route):
    operation = paths[API + route]["post"]
    assert "security" not in operation
    assert "401" not in operation["responses"]
    assert "429" in operation["responses"]


def test_every_accounts_operation_has_its_own_summary_and_description(paths):
    for path, item in paths.items():
        if not path.startswith(API):
            continue
        for method, operation in item.items():
            assert operation["summary"], (method, path)
            # dj-rest-auth's docstrings speak of Django sessions, which this API never uses.
            assert "Django" not in operation["description"], (method, path)

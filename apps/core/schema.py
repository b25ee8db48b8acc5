"""OpenAPI generation: the two uses of a key, the shared error answers, and stable operation names.

Generated clients (openapi-typescript, openapi-python-client, Swift and Kotlin generators) turn
operationIds into method names and tags into modules, so both come from one table here, not from
drf-spectacular's defaults (`dj_rest_auth_login_create`, tag `dj-rest-auth`).
"""

from django.utils.module_loading import import_string
from drf_spectacular import openapi
from drf_spectacular.drainage import error
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import ResolvedComponent, force_instance
from drf_spectacular.utils import PolymorphicProxySerializer
from rest_framework import serializers

ACCOUNTS = "/api/v1/dj-rest-auth/"
POSTS = "/api/v1/posts/"

# The tags, in the order a client developer reads them, with what each holds.
TAGS = {
    "accounts": "Register, verify the e-mail address, log in and out, the account's details, passwords.",
    "sessions and keys": (
        "A session per signed-in device (list them, sign one or all others out) and API keys for "
        "scripts and services (make, list, revoke)."
    ),
    "mfa": (
        "Multi-factor authentication (opt-in TOTP): turn it on with an authenticator app, recovery "
        "codes, and the second step of a login."
    ),
    "posts": "Posts: a cursor-paginated list, read, write; only the author changes or deletes one.",
    "operations": "Probes for load balancers and orchestrators. Public, never throttled.",
}

# path -> (tag, {method: operationId}). Every operation of the API has its row: one missing is
# an error of schema generation, which fails the schema tests and `check --deploy`.
OPERATIONS = {
    f"{ACCOUNTS}registration/": ("accounts", {"post": "register"}),
    f"{ACCOUNTS}registration/verify-email/": ("accounts", {"post": "verifyEmail"}),
    f"{ACCOUNTS}registration/resend-email/": ("accounts", {"post": "resendEmail"}),
    f"{ACCOUNTS}login/": ("accounts", {"post": "login"}),
    f"{ACCOUNTS}logout/": ("accounts", {"post": "logout"}),
    f"{ACCOUNTS}user/": ("accounts", {"get": "getUser", "put": "updateUser", "patch": "partialUpdateUser"}),
    f"{ACCOUNTS}user/delete/": ("accounts", {"post": "deleteAccount"}),
    f"{ACCOUNTS}password/change/": ("accounts", {"post": "changePassword"}),
    f"{ACCOUNTS}password/reset/": ("accounts", {"post": "resetPassword"}),
    f"{ACCOUNTS}password/reset/confirm/": ("accounts", {"post": "confirmPasswordReset"}),
    f"{ACCOUNTS}sessions/": ("sessions and keys", {"get": "listSessions"}),
    f"{ACCOUNTS}sessions/{{id}}/": ("sessions and keys", {"delete": "revokeSession"}),
    f"{ACCOUNTS}sessions/revoke-others/": ("sessions and keys", {"post": "revokeOtherSessions"}),
    f"{ACCOUNTS}keys/": ("sessions and keys", {"get": "listApiKeys", "post": "createApiKey"}),
    f"{ACCOUNTS}keys/{{id}}/": ("sessions and keys", {"delete": "revokeApiKey"}),
    f"{ACCOUNTS}mfa/totp/activate/": ("mfa", {"get": "getTotpActivation", "post": "activateTotp"}),
    f"{ACCOUNTS}mfa/totp/deactivate/": ("mfa", {"post": "deactivateTotp"}),
    f"{ACCOUNTS}mfa/status/": ("mfa", {"get": "getMfaStatus"}),
    f"{ACCOUNTS}mfa/recovery-codes/": ("mfa", {"post": "listRecoveryCodes"}),
    f"{ACCOUNTS}mfa/recovery-codes/regenerate/": ("mfa", {"post": "regenerateRecoveryCodes"}),
    f"{ACCOUNTS}mfa/verify/": ("mfa", {"post": "verifyMfa"}),
    POSTS: ("posts", {"get": "listPosts", "post": "createPost"}),
    f"{POSTS}{{id}}/": (
        "posts",
        {"get": "getPost", "put": "updatePost", "patch": "partialUpdatePost", "delete": "deletePost"},
    ),
    "/healthz": ("operations", {"get": "getHealth"}),
    "/readyz": ("operations", {"get": "getReadiness"}),
}

SESSION_DESCRIPTION = (
    "A **session**: the `key` answered by login, registration, password change or MFA verification, "
    "one per signed-in device. It expires after a while without use (`expires_at` in the answer says "
    "when) and at the latest after a maximum age. Send `Authorization: Token <key>`; in Swagger UI's "
    "Authorize dialog enter the whole value, prefix included: `Token <key>`."
)
API_KEY_DESCRIPTION = (
    "An **API key**, for a script or another service: made with `POST keys/` (or by an operator with "
    "`manage.py create_service_key`), named, with scopes (`posts:read`, `posts:write`) and an optional "
    "expiry; it never idles out. It reaches `GET user/` and the posts endpoints its scopes allow, and "
    "answers `403` elsewhere. Sent the same way: `Authorization: Token <key>`."
)
# The permission that keeps API keys out of an endpoint (apps/keys), by its import path: it may
# not exist yet in an older checkout, where every endpoint that takes a key takes both kinds.
SESSION_ONLY_PERMISSION = "apps.keys.permissions.IsSession"


class ErrorDetailSerializer(serializers.Serializer):
    """DRF's shape for request-level errors: 401, 403, 404, 413, 415, 429, 503."""

    detail = serializers.CharField()


# DRF's shape for validation errors: each field, or `non_field_errors`, names its messages; a
# list's field names them by position (`{"scopes": {"0": ["..."]}}`).
MESSAGES = {"type": "array", "items": {"type": "string"}}
FIELD_ERRORS = {
    "type": "object",
    "description": (
        "Each field (or `non_field_errors`) with its messages; a list field's messages by the "
        'position of the item at fault: `{"scopes": {"0": ["..."]}}`.'
    ),
    "additionalProperties": {"anyOf": [MESSAGES, {"type": "object", "additionalProperties": MESSAGES}]},
    "example": {"title": ["Ensure this field has no more than 200 characters."]},
}
FIELD_ERRORS_REF = {"$ref": "#/components/schemas/FieldErrors"}
ERROR_DETAIL_REF = {"$ref": "#/components/schemas/ErrorDetail"}
# A 400 to a body: field errors, or `{"detail"}` when the body is not JSON at all.
BAD_BODY = {"anyOf": [FIELD_ERRORS_REF, ERROR_DETAIL_REF]}


def session_only(view):
    try:
        permission = import_string(SESSION_ONLY_PERMISSION)
    except ImportError:
        return False
    return any(isinstance(p, permission) for p in view.get_permissions())


class KeySchemes(OpenApiAuthenticationExtension):
    """Both kinds of key, as two API keys in the same `Authorization` header.

    An operation lists `sessionKey` alone when it takes a session only (logout, sessions, keys,
    password change...), and the two as alternatives where an API key is welcome too.
    """

    target_class = "apps.keys.authentication.KeyAuthentication"
    # An older checkout has no apps.keys: then the extension below describes DRF's tokens.
    optional = True
    match_subclasses = True
    name = ["sessionKey", "apiKey"]

    def get_security_definition(self, auto_schema):
        header = {"type": "apiKey", "in": "header", "name": "Authorization"}
        return [
            {**header, "description": SESSION_DESCRIPTION},
            {**header, "description": API_KEY_DESCRIPTION},
        ]

    def get_security_requirement(self, auto_schema):
        if session_only(auto_schema.view):
            return {"sessionKey": []}
        return [{"sessionKey": []}, {"apiKey": []}]


class DRFTokenSchemes(KeySchemes):
    """The same description while DRF's TokenAuthentication is still the authentication class."""

    target_class = "rest_framework.authentication.TokenAuthentication"
    optional = False


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema, adding the error answers that every view gives by construction.

    An answer the view already documents (through extend_schema) is kept as it is. A 403 for the
    author's rules depends on the view's own permission classes, so the view documents it itself.
    """

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            for status_code, response in self._error_responses(operation).items():
                operation["responses"].setdefault(status_code, response)
        return operation

    def get_auth(self):
        auth = super().get_auth()
        # drf-spectacular writes a public operation's security as [{}] ("optional"), which code
        # generators read as "needs a key" (openapi-python-client wants an AuthenticatedClient).
        # No security at all says "public" to every reader.
        return [] if auth == [{}] else auth

    def _get_request_for_media_type(self, serializer, direction="request"):
        schema, required = super()._get_request_for_media_type(serializer, direction)
        # Alternatives (login's username or email) list no required field of their own.
        if isinstance(force_instance(serializer), PolymorphicProxySerializer):
            required = True
        return schema, required

    def _error_responses(self, operation):
        detail = self.resolve_serializer(ErrorDetailSerializer, "response").ref
        responses = {}
        parameters = operation.get("parameters", [])
        field_errors = self._component("FieldErrors", FIELD_ERRORS)
        if "requestBody" in operation:
            responses["400"] = self._response(
                "Invalid input: field errors, or a body that is not JSON.", {"anyOf": [field_errors, detail]}
            )
        elif any(parameter["in"] == "query" for parameter in parameters):
            responses["400"] = self._response("A query parameter is invalid.", field_errors)
        if self.view.get_authenticators():
            responses["401"] = self._response(
                "No key where one is needed, or an unknown, expired, revoked or malformed one.",
                detail,
                headers={"WWW-Authenticate": {"schema": {"type": "string"}, "description": "`Token`"}},
            )
            if session_only(self.view):
                responses["403"] = self._response("An API key: this endpoint takes a session.", detail)
        if any(parameter["in"] == "path" for parameter in parameters):
            responses["404"] = self._response("Nothing has this id.", detail)
        if "requestBody" in operation:
            responses["413"] = self._response("The body is over the size limit.", detail)
            responses["415"] = self._response("The body is not `application/json`.", detail)
        if parameters:
            # gunicorn's answer, before Django sees the request (config/gunicorn.conf.py).
            responses["414"] = self._response(
                "The request line is over gunicorn's limit_request_line (4094 bytes).", detail
            )
        if self.view.get_throttles():
            responses["429"] = self._response(
                "Too many requests.",
                detail,
                headers={"Retry-After": {"schema": {"type": "integer"}, "description": "Seconds to wait."}},
            )
        return responses

    def _component(self, name, schema):
        component = ResolvedComponent(name=name, type=ResolvedComponent.SCHEMA, object=name, schema=schema)
        self.registry.register_on_missing(component)
        return component.ref

    def _response(self, description, schema, headers=None):
        response = {"description": description, "content": {"application/json": {"schema": schema}}}
        if headers:
            response["headers"] = headers
        return response


def name_operations(result, generator, request, public):
    """Postprocessing hook: every operation's operationId and tag from OPERATIONS, in TAGS' order."""
    for path, item in result["paths"].items():
        tag, operation_ids = OPERATIONS.get(path, (None, {}))
        for method, operation in item.items():
            if method not in operation_ids:
                error(
                    f"{method.upper()} {path} has no operationId: add it to OPERATIONS in apps/core/schema.py"
                )
                continue
            operation["operationId"] = operation_ids[method]
            operation["tags"] = [tag]
    result["tags"] = [{"name": name, "description": description} for name, description in TAGS.items()]
    return result

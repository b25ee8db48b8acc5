"""OpenAPI generation: the token security scheme and the error answers every operation can give."""

from drf_spectacular import openapi
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers

TOKEN_DESCRIPTION = (
    "Send `Authorization: Token <key>`, the key answered by login or registration. "
    "In Swagger UI's Authorize dialog enter the whole value, prefix included: `Token <key>`."
)

# Serializer errors: each field (or non_field_errors) maps to its messages.
FIELD_ERRORS = {
    "type": "object",
    "additionalProperties": {"type": "array", "items": {"type": "string"}},
    "example": {"non_field_errors": ["Unable to log in with provided credentials."]},
}


class ErrorDetailSerializer(serializers.Serializer):
    """DRF's shape for request-level errors: 401, 403, 404, 413, 415, 429."""

    detail = serializers.CharField()


class TokenScheme(OpenApiAuthenticationExtension):
    """DRF's TokenAuthentication as an API key in the Authorization header, prefix spelled out.

    Replaces drf-spectacular's own extension (priority -1), whose description is terse.
    """

    target_class = "rest_framework.authentication.TokenAuthentication"
    name = "tokenAuth"
    match_subclasses = True

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization", "description": TOKEN_DESCRIPTION}


class AutoSchema(openapi.AutoSchema):
    """drf-spectacular's AutoSchema, adding the error answers that every view gives by construction.

    An answer the view already documents (through extend_schema) is kept as it is. A 403 depends
    on the view's own permission classes, so the view documents it itself.
    """

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        if operation is not None:
            for status_code, response in self._error_responses(operation).items():
                operation["responses"].setdefault(status_code, response)
        return operation

    def _error_responses(self, operation):
        detail = self.resolve_serializer(ErrorDetailSerializer, "response").ref
        responses = {}
        parameters = operation.get("parameters", [])
        if "requestBody" in operation or any(parameter["in"] == "query" for parameter in parameters):
            field_errors = self._component("FieldErrors", FIELD_ERRORS)
            responses["400"] = self._response(
                "Invalid input: field or query parameter errors, or a body that is not JSON.",
                {"anyOf": [field_errors, detail]},
            )
        if self.view.get_authenticators():
            responses["401"] = self._response(
                "No token where one is needed, or an unknown, revoked or malformed one.",
                detail,
                headers={"WWW-Authenticate": {"schema": {"type": "string"}, "description": "`Token`"}},
            )
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

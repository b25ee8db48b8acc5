"""The answers of the posts endpoints, errors included, for the OpenAPI document."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from apps.posts.serializers import PostSerializer

DETAIL = {"type": "object", "properties": {"detail": {"type": "string"}}, "required": ["detail"]}


def field_errors(*fields):
    messages = {"type": "array", "items": {"type": "string"}}
    return {"type": "object", "properties": dict.fromkeys(fields, messages)}


BAD_QUERY = OpenApiResponse(
    field_errors("cursor", "page_size", "author"),
    description="A cursor this API did not write, a page_size below 1 or not a number, an author not an id.",
)
BAD_POST = OpenApiResponse(
    {"anyOf": [field_errors("title", "body", "non_field_errors"), DETAIL]},
    description="A field missing, blank, too long or holding a NUL, or a body not JSON; nothing is written.",
)
NO_TOKEN = OpenApiResponse(DETAIL, description="No token, or an unknown, revoked or malformed one.")
NOT_AUTHOR = OpenApiResponse(DETAIL, description="The caller is not the author of the post.")
NOT_FOUND = OpenApiResponse(DETAIL, description="No post with this id.")

WWW_AUTHENTICATE = OpenApiParameter(
    "WWW-Authenticate",
    OpenApiTypes.STR,
    location=OpenApiParameter.HEADER,
    response=[401],
    description="`Token`",
)

LIST = {200: PostSerializer, 400: BAD_QUERY, 401: NO_TOKEN}
CREATE = {201: PostSerializer, 400: BAD_POST, 401: NO_TOKEN}
RETRIEVE = {200: PostSerializer, 401: NO_TOKEN, 404: NOT_FOUND}
UPDATE = {200: PostSerializer, 400: BAD_POST, 401: NO_TOKEN, 403: NOT_AUTHOR, 404: NOT_FOUND}
DESTROY = {204: None, 401: NO_TOKEN, 403: NOT_AUTHOR, 404: NOT_FOUND}

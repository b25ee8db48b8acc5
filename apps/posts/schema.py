"""The answers of the posts endpoints, for the OpenAPI document: shared error shapes, examples."""

from drf_spectacular.utils import OpenApiExample, OpenApiResponse

from apps.core.schema import BAD_BODY, FIELD_ERRORS_REF, ErrorDetailSerializer
from apps.posts.serializers import PostSerializer

POST = {
    "id": 42,
    "title": "Hello",
    "body": "First post.",
    "author": {"id": 7, "username": "alice"},
    "created_at": "2026-11-24T06:00:00.123456Z",
    "updated_at": "2026-11-24T06:00:00.123456Z",
}

BAD_QUERY = OpenApiResponse(
    FIELD_ERRORS_REF,
    description="A cursor this API did not write, a page_size below 1 or not a number, an author not an id.",
    examples=[
        OpenApiExample(
            "A page size below 1", {"page_size": ["Ensure this value is greater than or equal to 1."]}
        )
    ],
)
BAD_POST = OpenApiResponse(
    BAD_BODY,
    description="A field missing, blank, too long or holding a NUL, or a body not JSON; nothing is written.",
    examples=[
        OpenApiExample(
            "Too long and blank",
            {
                "title": ["Ensure this field has no more than 200 characters."],
                "body": ["This field may not be blank."],
            },
        )
    ],
)
NOT_AUTHOR = OpenApiResponse(
    ErrorDetailSerializer,
    description="The caller is not the author of the post, or calls with an API key without `posts:write`.",
)
NO_READ_SCOPE = OpenApiResponse(
    ErrorDetailSerializer, description="An API key with neither `posts:read` nor `posts:write`."
)
NO_WRITE_SCOPE = OpenApiResponse(ErrorDetailSerializer, description="An API key without `posts:write`.")
NOT_FOUND = OpenApiResponse(ErrorDetailSerializer, description="No post with this id.")

# drf-spectacular builds the page around one post, from the pagination schema's examples.
LIST_EXAMPLES = [
    OpenApiExample(
        "A page",
        POST,
        response_only=True,
    )
]
WRITE_EXAMPLES = [
    OpenApiExample("A post", {"title": "Hello", "body": "First post."}, request_only=True),
    OpenApiExample("The post written", POST, response_only=True, status_codes=["200", "201"]),
]
PATCH_EXAMPLES = [
    OpenApiExample("A new title", {"title": "Hello again"}, request_only=True),
    OpenApiExample("The post changed", {**POST, "title": "Hello again"}, response_only=True),
]

LIST = {200: PostSerializer, 400: BAD_QUERY, 403: NO_READ_SCOPE}
CREATE = {201: PostSerializer, 400: BAD_POST, 403: NO_WRITE_SCOPE}
RETRIEVE = {200: PostSerializer, 403: NO_READ_SCOPE, 404: NOT_FOUND}
UPDATE = {200: PostSerializer, 400: BAD_POST, 403: NOT_AUTHOR, 404: NOT_FOUND}
DESTROY = {204: None, 403: NOT_AUTHOR, 404: NOT_FOUND}

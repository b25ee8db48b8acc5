import binascii
from base64 import b64decode, urlsafe_b64encode
from datetime import UTC
from typing import NamedTuple

from django.utils.dateparse import parse_datetime
from django.utils.timezone import is_aware
from rest_framework import pagination, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from apps.core.query_params import MAX_ID, validated_query_param


class Cursor(NamedTuple):
    """A position between two rows, and the direction to read from it."""

    created_at: object
    pk: int
    reverse: bool


class CursorPagination(pagination.BasePagination):
    """Keyset pagination, newest first, on (created_at, id): no COUNT(*) and no OFFSET.

    DRF's CursorPagination positions on created_at alone and skips ties with an offset, so a
    page that ends inside a run of equal timestamps, a post deleted between requests or more
    than 1000 equal timestamps can repeat or skip posts. Here the cursor is the (created_at, id)
    of the last row shown and the next page starts strictly after it, so every post appears
    exactly once while posts are added or removed, and each page is one range scan of the
    (created_at, id) index however large the table is.
    """

    page_size = 20
    max_page_size = 100
    page_size_query_param = "page_size"
    cursor_query_param = "cursor"
    invalid_cursor_message = "Invalid cursor."

    def paginate_queryset(self, queryset, request, view=None):
        self.base_url = request.build_absolute_uri()
        page_size = self.get_page_size(request)
        cursor = self.decode_cursor(request)

        # The cursor's created_at bounds the index scan; the exclusion only drops the rows that
        # share it and were already shown.
        if cursor is None:
            queryset = queryset.order_by("-created_at", "-pk")
        elif cursor.reverse:
            queryset = queryset.filter(created_at__gte=cursor.created_at).exclude(
                created_at=cursor.created_at, pk__lte=cursor.pk
            )
            queryset = queryset.order_by("created_at", "pk")
        else:
            queryset = queryset.filter(created_at__lte=cursor.created_at).exclude(
                created_at=cursor.created_at, pk__gte=cursor.pk
            )
            queryset = queryset.order_by("-created_at", "-pk")

        # One row more than the page tells whether there is a page after it.
        rows = list(queryset[: page_size + 1])
        has_more = len(rows) > page_size
        page = rows[:page_size]

        if cursor is not None and cursor.reverse:
            page.reverse()
            has_previous, has_next = has_more, True
        else:
            has_previous, has_next = cursor is not None, has_more
        self.previous_cursor = self.cursor_at(page, 0, cursor, reverse=True) if has_previous else None
        self.next_cursor = self.cursor_at(page, -1, cursor, reverse=False) if has_next else None
        return page

    def get_page_size(self, request):
        """`page_size` from 1 up; over the maximum is served at the maximum, as the contract says."""
        page_size = validated_query_param(
            request, self.page_size_query_param, serializers.IntegerField(min_value=1)
        )
        if page_size is None:
            return self.page_size
        return min(page_size, self.max_page_size)

    @staticmethod
    def cursor_at(page, index, cursor, *, reverse):
        """The position of page[index]; an empty page (its rows were deleted) links from its own cursor."""
        if not page:
            return cursor._replace(reverse=reverse)
        return Cursor(created_at=page[index].created_at, pk=page[index].pk, reverse=reverse)

    def decode_cursor(self, request):
        """Any cursor this class did not write is a 400 naming `cursor`, never a database error."""
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        try:
            return self.parse_cursor(encoded)
        except (binascii.Error, ValueError, OverflowError):
            raise ValidationError({self.cursor_query_param: [self.invalid_cursor_message]}) from None

    @staticmethod
    def parse_cursor(encoded):
        text = b64decode(encoded.encode("ascii"), altchars=b"-_", validate=True).decode("ascii")
        direction, timestamp, pk = text.split("|")
        created_at = parse_datetime(timestamp)
        pk = int(pk)
        if direction not in ("f", "r") or not 0 < pk <= MAX_ID:
            raise ValueError(text)
        if created_at is None or not is_aware(created_at):
            raise ValueError(text)
        # Converted here: an offset that pushes the time past year 1 or 9999 must fail as a 400.
        return Cursor(created_at=created_at.astimezone(UTC), pk=pk, reverse=direction == "r")

    def encode_cursor(self, cursor):
        text = f"{'r' if cursor.reverse else 'f'}|{cursor.created_at.isoformat()}|{cursor.pk}"
        encoded = urlsafe_b64encode(text.encode("ascii")).decode("ascii")
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    def get_paginated_response(self, data):
        return Response(
            {
                "next": self.encode_cursor(self.next_cursor) if self.next_cursor else None,
                "previous": self.encode_cursor(self.previous_cursor) if self.previous_cursor else None,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The next (older) page; null on the last page.",
                    # Also what drf-spectacular builds a page's example from.
                    "example": "http://127.0.0.1:8000/api/v1/posts/?cursor=ZnwyMDI2LTExLTI0&page_size=20",
                },
                "previous": {
                    "type": "string",
                    "nullable": True,
                    "format": "uri",
                    "description": "The previous (newer) page; null on the first page.",
                    "example": None,
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Opaque position from a `next` or `previous` link; anything else is a 400.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": (
                    f"Posts per page, default {self.page_size}; "
                    f"above {self.max_page_size} is served at {self.max_page_size}."
                ),
                "schema": {"type": "integer", "minimum": 1, "default": self.page_size},
            },
        ]

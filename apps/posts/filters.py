from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend

from apps.core.pagination import MAX_ID


class AuthorFilter(BaseFilterBackend):
    """`?author=<user id>` on the list. Not a number is a 400; an id nobody has is an empty page."""

    param = "author"
    field = serializers.IntegerField(min_value=1, max_value=MAX_ID)

    def filter_queryset(self, request, queryset, view):
        raw = request.query_params.get(self.param)
        if view.action != "list" or raw in (None, ""):
            return queryset
        try:
            author_id = self.field.run_validation(raw)
        except serializers.ValidationError as exc:
            raise serializers.ValidationError({self.param: exc.detail}) from None
        return queryset.filter(author_id=author_id)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.param,
                "required": False,
                "in": "query",
                "description": "Only the posts of the user with this id.",
                "schema": {"type": "integer", "minimum": 1},
            }
        ]

from rest_framework import serializers
from rest_framework.filters import BaseFilterBackend

from apps.core.query_params import MAX_ID, validated_query_param


class AuthorFilter(BaseFilterBackend):
    """`?author=<user id>` on the list. Not a number is a 400; an id nobody has is an empty page."""

    param = "author"
    field = serializers.IntegerField(min_value=1, max_value=MAX_ID)

    def filter_queryset(self, request, queryset, view):
        # An empty `?author=` means no filter, as a form with nothing chosen sends it.
        if view.action != "list" or request.query_params.get(self.param, "") == "":
            return queryset
        return queryset.filter(author_id=validated_query_param(request, self.param, self.field))

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

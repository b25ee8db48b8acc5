from rest_framework import pagination


class CursorPagination(pagination.CursorPagination):
    """Newest first; no COUNT(*), so a page costs the same at any table size."""

    ordering = ("-created_at", "-id")
    page_size_query_param = "page_size"
    max_page_size = 100

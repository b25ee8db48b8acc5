from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from apps.keys.permissions import HasPostsScope
from apps.posts import schema, selectors
from apps.posts.filters import AuthorFilter
from apps.posts.models import Post
from apps.posts.permissions import IsAuthorOrReadOnly
from apps.posts.serializers import PostSerializer

# What DRF's get_object_or_404 answers for an id that is a number no post has.
NOT_FOUND = f"No {Post._meta.object_name} matches the given query."


@extend_schema_view(
    list=extend_schema(
        summary="Posts, newest first, a cursor page at a time",
        responses=schema.LIST,
        examples=schema.LIST_EXAMPLES,
    ),
    create=extend_schema(
        summary="Write a post; its author is the caller",
        responses=schema.CREATE,
        examples=schema.WRITE_EXAMPLES,
    ),
    retrieve=extend_schema(summary="One post", responses=schema.RETRIEVE, examples=schema.WRITE_EXAMPLES[1:]),
    update=extend_schema(
        summary="Replace a post's title and body (author only)",
        responses=schema.UPDATE,
        examples=schema.WRITE_EXAMPLES,
    ),
    partial_update=extend_schema(
        summary="Change the title or body (author only)",
        responses=schema.UPDATE,
        examples=schema.PATCH_EXAMPLES,
    ),
    destroy=extend_schema(summary="Delete a post (author only)", responses=schema.DESTROY),
)
class PostViewSet(viewsets.ModelViewSet):
    # Stacked, not replaced: IsAuthorOrReadOnly alone would let anonymous clients read. An API key
    # reads with posts:read and writes with posts:write; a session may do what its user may.
    permission_classes = [IsAuthenticated, HasPostsScope, IsAuthorOrReadOnly]
    serializer_class = PostSerializer
    # The author comes in the posts' query: no query per post, whatever the page size.
    queryset = Post.objects.select_related("author")
    filter_backends = [AuthorFilter]

    # The two hot reads answer rows through selectors.post_data() instead of model instances
    # through the serializer: the same JSON, in a third of the time (docs/benchmarks.md). Reads need
    # no object permission: each class above lets every safe method through (tests pin that).
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(selectors.post_rows()))
        return self.get_paginated_response([selectors.post_data(post) for post in page])

    def retrieve(self, request, *args, **kwargs):
        post = selectors.post_detail(pk=self.pk_from_url())
        if post is None:
            raise Http404(NOT_FOUND)
        return Response(selectors.post_data(post))

    def get_object(self):
        """The post to change or delete, as DRF's get_object() finds it, in one query written once."""
        post = selectors.post_with_author(pk=self.pk_from_url())
        if post is None:
            raise Http404(NOT_FOUND)
        self.check_object_permissions(self.request, post)
        return post

    def pk_from_url(self):
        try:
            return int(self.kwargs[self.lookup_field])
        except ValueError:
            raise Http404 from None  # DRF's get_object_or_404 answers an id that is no number so

    def perform_create(self, serializer):
        serializer.save(author=self.request.user)

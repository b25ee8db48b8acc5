from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import IsAuthenticated

from apps.posts import schema
from apps.posts.filters import AuthorFilter
from apps.posts.models import Post
from apps.posts.permissions import IsAuthorOrReadOnly
from apps.posts.serializers import PostSerializer


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
    # Stacked, not replaced: IsAuthorOrReadOnly alone would let anonymous clients read.
    permission_classes = [IsAuthenticated, IsAuthorOrReadOnly]
    serializer_class = PostSerializer
    # The author comes in the posts' query: no query per post, whatever the page size.
    queryset = Post.objects.select_related("author")
    filter_backends = [AuthorFilter]

    def perform_create(self, serializer):
        serializer.save(author=self.request.user)

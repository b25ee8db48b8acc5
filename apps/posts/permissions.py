from rest_framework.permissions import SAFE_METHODS, BasePermission


class IsAuthorOrReadOnly(BasePermission):
    """Anyone the view lets in may read; only the post's author may change or delete it.

    Stack it after IsAuthenticated: listed alone it would replace the default and let
    anonymous clients read.
    """

    message = "Only the author of this post may change or delete it."

    def has_object_permission(self, request, view, obj):
        return request.method in SAFE_METHODS or obj.author_id == request.user.pk

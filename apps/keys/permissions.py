from rest_framework.permissions import SAFE_METHODS, BasePermission

from apps.keys.scopes import POSTS_READ, POSTS_WRITE


class IsSession(BasePermission):
    """Only a signed-in person's session: an API key is refused (403), anonymous callers get a 401."""

    message = "An API key cannot do this: use the key of a session (log in)."

    def has_permission(self, request, view):
        return request.auth is not None and request.auth.is_session


class HasScope(BasePermission):
    """A session may do whatever its user may; an API key what its scopes allow.

    Stack it after IsAuthenticated. Reads need `read_scope` (which `write_scope` implies),
    everything else `write_scope`.
    """

    read_scope: str
    write_scope: str

    def has_permission(self, request, view):
        if request.auth is None:
            return True  # IsAuthenticated answers for a missing key
        needed = self.read_scope if request.method in SAFE_METHODS else self.write_scope
        self.message = f"This API key's scopes do not allow this: it needs {needed}."
        return request.auth.allows(needed)


class HasPostsScope(HasScope):
    read_scope = POSTS_READ
    write_scope = POSTS_WRITE

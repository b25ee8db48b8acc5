"""What an API key may do. A session carries no scopes: it may do whatever its user may."""

POSTS_READ = "posts:read"
POSTS_WRITE = "posts:write"

SCOPES = {
    POSTS_READ: "Read posts.",
    POSTS_WRITE: "Write and delete one's own posts, and read posts.",
}
# A scope that grants others with it: writing posts without reading them would be of no use.
IMPLIED = {POSTS_WRITE: {POSTS_READ}}


def granted(scopes) -> set[str]:
    """Every scope a key holding `scopes` has, implied ones included."""
    return set(scopes).union(*(IMPLIED.get(scope, set()) for scope in scopes))

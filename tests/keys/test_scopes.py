"""Scopes on the posts endpoints: posts:read reads, posts:write writes (and reads); sessions do both."""

import pytest

from apps.posts.models import Post
from tests.posts.conftest import POSTS, post_url
from tests.posts.factories import PostFactory

pytestmark = pytest.mark.django_db

NEW = {"title": "From a script", "body": "Hello."}

# (method, path of the user's own post or the list, needs) for every posts operation.
OPERATIONS = [
    ("get", "list", "read", 200),
    ("get", "detail", "read", 200),
    ("post", "list", "write", 201),
    ("put", "detail", "write", 200),
    ("patch", "detail", "write", 200),
    ("delete", "detail", "write", 204),
]
SCOPES = {
    "posts:read": {"read"},
    "posts:write": {"read", "write"},
    "posts:read+posts:write": {"read", "write"},
}


def call(client, method, target, post):
    path = POSTS if target == "list" else post_url(post.pk)
    data = NEW if method in ("post", "put", "patch") else None
    return getattr(client, method)(path, data)


@pytest.mark.parametrize(("method", "target", "needs", "success"), OPERATIONS)
@pytest.mark.parametrize("scopes", list(SCOPES))
def test_an_api_key_may_do_what_its_scopes_allow_and_nothing_else(
    api_key_client, user, scopes, method, target, needs, success
):
    post = PostFactory(author=user)
    client = api_key_client(scopes=scopes.split("+"))

    response = call(client, method, target, post)

    if needs in SCOPES[scopes]:
        assert response.status_code == success, response.content
    else:
        assert response.status_code == 403
        assert response.json() == {"detail": "This API key's scopes do not allow this: it needs posts:write."}
        assert Post.objects.get(pk=post.pk).title == post.title
        assert Post.objects.count() == 1


@pytest.mark.parametrize(("method", "target", "needs", "success"), OPERATIONS)
def test_a_session_may_do_all_of_it(auth_client, user, method, target, needs, success):
    post = PostFactory(author=user)

    assert call(auth_client, method, target, post).status_code == success


def test_a_post_written_with_an_api_key_has_the_keys_owner_as_author(api_key_client, user):
    response = api_key_client(scopes=["posts:write"]).post(POSTS, NEW)

    assert response.json()["author"] == {"id": user.pk, "username": user.username}


def test_a_write_scope_does_not_make_someone_elses_post_writable(api_key_client):
    post = PostFactory()

    response = api_key_client(scopes=["posts:write"]).patch(post_url(post.pk), {"title": "Mine now"})

    assert response.status_code == 403
    assert response.json() == {"detail": "Only the author of this post may change or delete it."}

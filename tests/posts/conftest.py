import pytest
from rest_framework.test import APIClient

from apps.keys.services import session_create
from tests.factories import UserFactory
from tests.posts.factories import PostFactory

POSTS = "/api/v1/posts/"


def post_url(post_id):
    return f"{POSTS}{post_id}/"


@pytest.fixture
def post(user):
    """A post written by `user`, the owner of `auth_client`'s token."""
    return PostFactory(author=user)


@pytest.fixture
def other_client(db):
    """A client with the token of a user who did not write `post`."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {session_create(user=UserFactory(), request=None).key}")
    return client

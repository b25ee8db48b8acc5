import pytest

from tests.factories import UserFactory
from tests.posts.factories import PostFactory

CHANGELIST = "/admin/posts/post/"


@pytest.fixture
def staff_client(client, db):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_the_admin_lists_posts_with_author_and_dates(staff_client):
    post = PostFactory(title="Listed here")
    response = staff_client.get(CHANGELIST)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Listed here" in page
    assert post.author.username in page
    assert "column-created_at" in page
    assert "column-updated_at" in page


def test_the_admin_searches_by_title(staff_client):
    PostFactory(title="Needle in a haystack")
    PostFactory(title="Only hay")
    page = staff_client.get(CHANGELIST, {"q": "needle"}).content.decode()
    assert "Needle in a haystack" in page
    assert "Only hay" not in page


def test_the_admin_edits_a_post(staff_client):
    post = PostFactory()
    assert staff_client.get(f"{CHANGELIST}{post.pk}/change/").status_code == 200

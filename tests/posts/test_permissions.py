"""Every row of the contract's posts table, for the author, another user and an anonymous client."""

import pytest

from apps.posts.models import Post
from tests.keys.api import row_of
from tests.posts.conftest import POSTS, post_url

NEW_POST = {"title": "A title", "body": "A body."}


@pytest.fixture
def clients(auth_client, other_client, api_client):
    return {"author": auth_client, "other": other_client, "anonymous": api_client}


def assert_unchanged(post):
    stored = Post.objects.get(pk=post.pk)
    assert (stored.title, stored.body, stored.author_id) == (post.title, post.body, post.author_id)


@pytest.mark.parametrize(("who", "status"), [("author", 200), ("other", 200), ("anonymous", 401)])
def test_list(clients, post, who, status):
    response = clients[who].get(POSTS)
    assert response.status_code == status
    if status == 200:
        assert [item["id"] for item in response.json()["results"]] == [post.pk]


@pytest.mark.parametrize(("who", "status"), [("author", 200), ("other", 200), ("anonymous", 401)])
def test_retrieve(clients, post, who, status):
    response = clients[who].get(post_url(post.pk))
    assert response.status_code == status
    if status == 200:
        assert response.json()["id"] == post.pk


@pytest.mark.parametrize(("who", "status"), [("author", 201), ("other", 201), ("anonymous", 401)])
def test_create(clients, user, who, status):
    response = clients[who].post(POSTS, NEW_POST)
    assert response.status_code == status
    if status == 201:
        created = Post.objects.get()
        assert response.json()["author"] == {"id": created.author_id, "username": created.author.username}
    else:
        assert not Post.objects.exists()


@pytest.mark.parametrize("method", ["put", "patch"])
@pytest.mark.parametrize(("who", "status"), [("author", 200), ("other", 403), ("anonymous", 401)])
def test_update(clients, post, method, who, status):
    response = getattr(clients[who], method)(post_url(post.pk), {"title": "Changed", "body": "Changed."})
    assert response.status_code == status
    if status == 200:
        assert response.json()["title"] == "Changed"
        assert Post.objects.get(pk=post.pk).title == "Changed"
    else:
        assert_unchanged(post)


@pytest.mark.parametrize(("who", "status"), [("author", 204), ("other", 403), ("anonymous", 401)])
def test_destroy(clients, post, who, status):
    response = clients[who].delete(post_url(post.pk))
    assert response.status_code == status
    assert Post.objects.filter(pk=post.pk).exists() == (status != 204)


def test_not_the_author_is_told_why(other_client, post):
    response = other_client.patch(post_url(post.pk), {"title": "Mine now"})
    assert response.json() == {"detail": "Only the author of this post may change or delete it."}


@pytest.mark.parametrize("header", [None, "Token", "Token not-a-known-key", "Bearer abc", "Token a b"])
@pytest.mark.parametrize(("method", "path"), [("get", POSTS), ("post", POSTS), ("get", "detail")])
def test_no_valid_token_is_a_401_asking_for_a_token(api_client, post, header, method, path):
    if header:
        api_client.credentials(HTTP_AUTHORIZATION=header)
    url = post_url(post.pk) if path == "detail" else path
    response = getattr(api_client, method)(url, NEW_POST if method == "post" else None)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert set(response.json()) == {"detail"}


def test_a_revoked_token_stops_working(auth_client, token):
    assert auth_client.get(POSTS).status_code == 200
    row_of(token).delete()
    assert auth_client.get(POSTS).status_code == 401


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete"])
@pytest.mark.parametrize("post_id", ["999999", "abc", "99999999999999999999999"])
def test_unknown_id_is_a_404(auth_client, db, method, post_id):
    response = getattr(auth_client, method)(f"{POSTS}{post_id}/", NEW_POST if method != "get" else None)
    assert response.status_code == 404
    assert set(response.json()) == {"detail"}


@pytest.mark.parametrize(
    ("method", "path"),
    [("get", POSTS), ("post", POSTS), ("get", "detail"), ("patch", "detail"), ("delete", "detail")],
)
def test_no_answer_sets_a_cookie(auth_client, post, method, path):
    url = post_url(post.pk) if path == "detail" else path
    response = getattr(auth_client, method)(url, NEW_POST if method != "get" else None)
    assert response.status_code < 300
    assert not response.cookies
    assert "Set-Cookie" not in response


def test_a_session_cookie_authenticates_nothing(api_client, user):
    api_client.force_login(user)
    assert api_client.get(POSTS).status_code == 401


@pytest.mark.parametrize("path", [POSTS.rstrip("/"), "/api/v1/posts/1"])
def test_a_path_without_its_slash_is_a_json_404(auth_client, path):
    response = auth_client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_method_not_allowed_on_the_list(auth_client):
    response = auth_client.delete(POSTS)
    assert response.status_code == 405
    assert response.json() == {"detail": 'Method "DELETE" not allowed.'}

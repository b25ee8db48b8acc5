"""The number of queries is fixed: it grows neither with the page size nor with the table."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.posts.conftest import POSTS, post_url
from tests.posts.factories import PostFactory

# The key and its user in one query (KeyAuthentication's select_related), then the posts
# with their authors in one query.
LIST_QUERIES = 2


@pytest.mark.parametrize("posts", [1, 100])
def test_a_page_costs_two_queries_whatever_its_size(auth_client, django_assert_num_queries, posts):
    PostFactory.create_batch(posts)
    with django_assert_num_queries(LIST_QUERIES) as captured:
        response = auth_client.get(POSTS, {"page_size": 100})
    assert len(response.json()["results"]) == posts
    token_query, posts_query = (query["sql"] for query in captured.captured_queries)
    assert "keys_key" in token_query
    assert "accounts_user" in token_query
    assert "posts_post" in posts_query
    assert "accounts_user" in posts_query


def test_a_deep_filtered_page_costs_the_same(auth_client, user, django_assert_num_queries):
    PostFactory.create_batch(30, author=user)
    next_url = auth_client.get(POSTS, {"page_size": 10, "author": user.pk}).json()["next"]
    with django_assert_num_queries(LIST_QUERIES):
        assert len(auth_client.get(next_url).json()["results"]) == 10


def test_a_page_never_counts_the_table(auth_client, user):
    PostFactory.create_batch(25, author=user)
    with CaptureQueriesContext(connection) as captured:
        next_url = auth_client.get(POSTS).json()["next"]
        auth_client.get(next_url)
    sql = " ".join(query["sql"] for query in captured.captured_queries).upper()
    assert "COUNT(" not in sql
    assert "OFFSET" not in sql


@pytest.mark.parametrize(
    ("method", "queries"),
    [
        ("get", 2),  # token + user, post + author
        ("patch", 3),  # token + user, post + author, UPDATE
        ("put", 3),
        ("delete", 3),  # token + user, post + author, DELETE
    ],
)
def test_one_post_costs_fixed_queries(auth_client, post, django_assert_num_queries, method, queries):
    data = {"title": "New", "body": "New."} if method in ("patch", "put") else None
    with django_assert_num_queries(queries):
        response = getattr(auth_client, method)(post_url(post.pk), data)
    assert response.status_code < 300


def test_creating_a_post_costs_two_queries(auth_client, db, django_assert_num_queries):
    with django_assert_num_queries(2):  # token + user, INSERT
        response = auth_client.post(POSTS, {"title": "t", "body": "b"})
    assert response.status_code == 201

"""The fast path of the two hot reads (apps/posts/selectors.py) answers exactly what DRF's generic
views and PostSerializer answer: the same bytes, status codes and headers, request for request.

The reference is PostViewSet with DRF's own list and retrieve put back, served at the same URLs
(tests/posts/urls_generic.py), so that the links in a page compare too.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import override_settings
from rest_framework.renderers import JSONRenderer
from rest_framework.test import APIClient

from apps.keys.scopes import POSTS_READ
from apps.posts import selectors
from apps.posts.models import Post
from apps.posts.serializers import PostSerializer
from apps.posts.views import PostViewSet
from tests.factories import UserFactory
from tests.posts.conftest import POSTS, post_url
from tests.posts.factories import PostFactory

# Headers that differ between any two answers, whoever serves them.
UNIQUE_HEADERS = {"X-Request-ID", "Date"}

TEXTS = [
    "",  # written around the API's validation, as an admin or a migration could
    " ",
    "plain",
    "naïve café, straße, 日本語, العربية, עברית",
    "emoji 🎉👩‍👩‍👧 and a flag 🇫🇷",
    'quotes " and \\ backslashes, </script>',
    "line\nbreaks\r\nand\ttabs",
    "\u2028 line and paragraph \u2029 separators",
    "control \x01 \x1f characters",
    "x" * 20_000,
]


@pytest.fixture
def posts(db):
    authors = [UserFactory(username=name) for name in ("alice", "bob.b", "carol-c_3")]
    start = datetime(2026, 1, 1, tzinfo=UTC)
    made = []
    for n, text in enumerate(TEXTS * 3):
        post = PostFactory(title=text[:200], body=text, author=authors[n % len(authors)])
        # Times with and without microseconds, some equal, some in the far past and future.
        created_at = [start + timedelta(seconds=n // 2), start.replace(year=1), start.replace(year=9999)]
        created_at = created_at[n % 3]
        created_at += timedelta(microseconds=(n * 123457) % 1_000_000 if n % 4 else 0)
        Post.objects.filter(pk=post.pk).update(created_at=created_at)
        post.refresh_from_db()
        made.append(post)
    return made


def answer(client, url, params, method="get"):
    response = getattr(client, method)(url, params)
    headers = {name: value for name, value in response.headers.items() if name not in UNIQUE_HEADERS}
    return response.status_code, headers, response.content


def both(client, url, method="get", **params):
    """The fast path's answer and the generic view's, to the same request."""
    fast = answer(client, url, params, method)
    with override_settings(ROOT_URLCONF="tests.posts.urls_generic"):
        generic = answer(client, url, params, method)
    return fast, generic


def test_a_post_is_the_serializers_data_byte_for_byte(posts):
    for post in posts:
        data = selectors.post_data(selectors.post_detail(pk=post.pk))
        assert data == PostSerializer(post).data
        assert JSONRenderer().render(data) == JSONRenderer().render(PostSerializer(post).data)


def test_a_page_of_rows_is_the_serializers_data(posts):
    rows = list(selectors.post_rows().order_by("-created_at", "-pk"))
    ordered = list(Post.objects.select_related("author").order_by("-created_at", "-pk"))
    assert [selectors.post_data(row) for row in rows] == PostSerializer(ordered, many=True).data


def test_every_post_answers_as_the_generic_view(auth_client, posts):
    for post in posts:
        fast, generic = both(auth_client, post_url(post.pk))
        assert fast[0] == 200
        assert fast == generic


@pytest.mark.parametrize("post_id", ["0", "-1", "999999", "abc", "1e3", "99999999999999999999999", "٣"])
def test_an_unknown_id_answers_as_the_generic_view(auth_client, posts, post_id):
    fast, generic = both(auth_client, f"{POSTS}{post_id}/")
    assert fast == generic


def test_every_page_answers_as_the_generic_view(auth_client, posts):
    url, pages = f"{POSTS}?page_size=7", 0
    while url:
        fast, generic = both(auth_client, url)
        assert fast[0] == 200
        assert fast == generic
        url, pages = auth_client.get(url).json()["next"], pages + 1
    assert pages == -(-len(posts) // 7)


def test_pages_backwards_answer_as_the_generic_view(auth_client, posts):
    last = auth_client.get(POSTS, {"page_size": 100}).json()
    assert last["next"] is None
    second = auth_client.get(POSTS, {"page_size": 4}).json()["next"]
    previous = auth_client.get(second).json()["previous"]
    fast, generic = both(auth_client, previous)
    assert fast[0] == 200
    assert fast == generic


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"page_size": "1"},
        {"page_size": "1000"},
        {"page_size": "0"},
        {"page_size": "x"},
        {"cursor": "bm9wZQ=="},
        {"author": ""},
        {"author": "nobody"},
        {"author": "999999"},
    ],
)
def test_query_parameters_answer_as_the_generic_view(auth_client, posts, params):
    fast, generic = both(auth_client, POSTS, **params)
    assert fast == generic


def test_an_authors_filter_answers_as_the_generic_view(auth_client, posts):
    fast, generic = both(auth_client, POSTS, author=str(posts[0].author_id), page_size="3")
    assert fast[0] == 200
    assert fast == generic


def test_an_api_key_reads_as_the_generic_view(api_key_client, posts):
    client = api_key_client(scopes=[POSTS_READ])
    for url in (POSTS, post_url(posts[0].pk)):
        fast, generic = both(client, url)
        assert fast[0] == 200
        assert fast == generic


@pytest.mark.parametrize("credentials", [None, "Token nope", "Bearer x"])
def test_refusals_answer_as_the_generic_view(posts, credentials):
    client = APIClient()
    if credentials:
        client.credentials(HTTP_AUTHORIZATION=credentials)
    for url in (POSTS, post_url(posts[0].pk)):
        fast, generic = both(client, url)
        assert fast[0] == 401
        assert fast == generic


def test_reads_need_no_object_permission(rf, posts):
    """The fast path checks no object permission, which holds while every class allows safe methods."""
    request = rf.get(post_url(posts[0].pk))
    request.user = UserFactory()
    for permission in PostViewSet.permission_classes:
        assert permission().has_object_permission(request, PostViewSet(), posts[0])


def test_one_post_is_one_query_besides_the_key(auth_client, posts, django_assert_num_queries):
    with django_assert_num_queries(2) as captured:
        assert auth_client.get(post_url(posts[0].pk)).status_code == 200
    assert "posts_post" in captured.captured_queries[-1]["sql"]


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
@pytest.mark.parametrize("post_id", ["0", "999999", "abc", "99999999999999999999999"])
def test_changing_an_unknown_post_answers_as_the_generic_view(auth_client, posts, method, post_id):
    fast, generic = both(auth_client, f"{POSTS}{post_id}/", method, title="New", body="New.")
    assert fast[0] == 404
    assert fast == generic


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_changing_anothers_post_answers_as_the_generic_view(auth_client, posts, method):
    fast, generic = both(auth_client, post_url(posts[0].pk), method, title="New", body="New.")
    assert fast[0] == 403
    assert fast == generic
    assert Post.objects.get(pk=posts[0].pk).title == posts[0].title


def test_the_post_to_change_is_the_orms(posts, django_assert_num_queries):
    for post in posts[:5]:
        username = post.author.username
        with django_assert_num_queries(1):
            found = selectors.post_with_author(pk=post.pk)
            assert found.author.username == username
        expected = Post.objects.select_related("author").get(pk=post.pk)
        assert [getattr(found, f.attname) for f in Post._meta.concrete_fields] == [
            getattr(expected, f.attname) for f in Post._meta.concrete_fields
        ]
        assert found.author == expected.author
        assert PostSerializer(found).data == PostSerializer(expected).data
    assert selectors.post_with_author(pk=10**30) is None

"""Cursor pages, newest first: stable while posts are added or removed, and bad input is a 400."""

from base64 import b64encode, urlsafe_b64encode
from datetime import UTC, datetime, timedelta

import pytest

from apps.posts.models import Post
from tests.factories import UserFactory
from tests.posts.conftest import POSTS

EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


def create_posts(author, count, *, tie_every):
    """`count` posts in the past; each run of `tie_every` posts shares one created_at."""
    posts = [
        Post(title=f"Post {n}", body="b", author=author, created_at=EPOCH + timedelta(seconds=n // tie_every))
        for n in range(count)
    ]
    Post.objects.bulk_create(posts)
    return list(Post.objects.order_by("-created_at", "-id").values_list("id", flat=True))


def walk(client, url, *, link="next", between=lambda page: None):
    """Follow `link` from url to the end; return the ids of every page, in order."""
    pages = []
    while url:
        response = client.get(url)
        assert response.status_code == 200, response.content
        page = response.json()
        pages.append([post["id"] for post in page["results"]])
        between(page)
        url = page[link]
    return pages


def flat(pages):
    return [post_id for page in pages for post_id in page]


@pytest.mark.parametrize("tie_every", [1, 7, 45], ids=["distinct-times", "runs-of-7-equal-times", "one-time"])
def test_walking_every_page_while_posts_arrive_yields_each_post_once(auth_client, user, tie_every):
    """New posts arrive between requests: through the API (now), and backdated to the time of the
    last post seen with a higher id, as a writer that committed late would. DRF's CursorPagination
    (a created_at position plus an offset) repeats posts here when a page ends inside equal times.
    """
    expected = create_posts(user, 45, tie_every=tie_every)

    def add_posts(page):
        assert auth_client.post(POSTS, {"title": "New", "body": "Arrived meanwhile."}).status_code == 201
        last_seen = Post.objects.get(pk=page["results"][-1]["id"])
        Post.objects.create(title="Late", body="b", author=user, created_at=last_seen.created_at)

    pages = walk(auth_client, f"{POSTS}?page_size=10", between=add_posts)
    assert [len(page) for page in pages] == [10, 10, 10, 10, 5]
    assert flat(pages) == expected


def test_walking_while_the_last_post_seen_is_deleted_skips_nothing(auth_client, user):
    expected = create_posts(user, 45, tie_every=3)

    def delete_last_seen(page):
        Post.objects.filter(pk=page["results"][-1]["id"]).delete()

    assert flat(walk(auth_client, f"{POSTS}?page_size=10", between=delete_last_seen)) == expected


def test_previous_links_walk_back_over_the_same_posts(auth_client, user):
    expected = create_posts(user, 45, tie_every=4)
    forward = walk(auth_client, f"{POSTS}?page_size=10")
    last_page = auth_client.get(f"{POSTS}?page_size=10").json()
    while last_page["next"]:
        last_page = auth_client.get(last_page["next"]).json()
    assert last_page["previous"]
    backward = walk(auth_client, last_page["previous"], link="previous")
    assert flat(reversed(backward)) == flat(forward[:-1]) == expected[:40]


def test_first_and_only_page_have_no_links(auth_client, user):
    expected = create_posts(user, 3, tie_every=1)
    page = auth_client.get(POSTS).json()
    assert (page["next"], page["previous"]) == (None, None)
    assert [post["id"] for post in page["results"]] == expected


def test_an_empty_table_is_an_empty_page(auth_client):
    assert auth_client.get(POSTS).json() == {"next": None, "previous": None, "results": []}


def test_the_default_page_is_20_newest_first(auth_client, user):
    expected = create_posts(user, 25, tie_every=1)
    page = auth_client.get(POSTS).json()
    assert [post["id"] for post in page["results"]] == expected[:20]
    assert page["next"].startswith("http://testserver/api/v1/posts/?cursor=")


@pytest.mark.parametrize(("asked", "served"), [("1", 1), ("100", 100), ("101", 100), ("1000000000000", 100)])
def test_page_size_is_1_to_100_and_more_is_served_at_100(auth_client, user, asked, served):
    create_posts(user, 101, tie_every=1)
    page = auth_client.get(POSTS, {"page_size": asked}).json()
    assert len(page["results"]) == served
    assert f"page_size={asked}" in page["next"]


@pytest.mark.parametrize(
    ("asked", "message"),
    [
        ("0", "Ensure this value is greater than or equal to 1."),
        ("-5", "Ensure this value is greater than or equal to 1."),
        ("ten", "A valid integer is required."),
        ("", "A valid integer is required."),
        ("1.5", "A valid integer is required."),
    ],
)
def test_a_bad_page_size_is_a_400_naming_it(auth_client, user, asked, message):
    create_posts(user, 3, tie_every=1)
    response = auth_client.get(POSTS, {"page_size": asked})
    assert response.status_code == 400
    assert response.json() == {"page_size": [message]}


def b64(text):
    return urlsafe_b64encode(text.encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    [
        "not-base64!",
        "",
        "é",
        "cD0yMDI2",  # DRF's own format: p=2026
        b64("f|2026-01-01T00:00:00+00:00"),
        b64("x|2026-01-01T00:00:00+00:00|1"),
        b64("f|yesterday|1"),
        b64("f|2026-13-01T00:00:00+00:00|1"),
        b64("f|2026-01-01T00:00:00|1"),  # naive: which zone?
        b64("f|0001-01-01T00:00:00+01:00|1"),  # before year 1 in UTC
        b64("f|9999-12-31T23:59:59-01:00|1"),  # after year 9999 in UTC
        b64("f|2026-01-01T00:00:00+00:00|0"),
        b64("f|2026-01-01T00:00:00+00:00|-1"),
        b64("f|2026-01-01T00:00:00+00:00|9223372036854775808"),
        b64("f|2026-01-01T00:00:00+00:00|one"),
        b64("f|2026-01-01T00:00:00+00:00|1|extra"),
        b64("f|2026-01-01T00:00:00+00:00|1\x00"),
        b64("[" * 5000),
    ],
)
def test_a_cursor_this_api_did_not_write_is_a_400(auth_client, user, cursor):
    create_posts(user, 3, tie_every=1)
    response = auth_client.get(POSTS, {"cursor": cursor})
    assert response.status_code == 400
    assert response.json() == {"cursor": ["Invalid cursor."]}


def test_a_cursor_with_standard_base64_padding_is_read(auth_client, user):
    expected = create_posts(user, 3, tie_every=1)
    newest = Post.objects.get(pk=expected[0])
    cursor = b64encode(f"f|{newest.created_at.isoformat()}|{newest.pk}".encode()).decode()
    page = auth_client.get(POSTS, {"cursor": cursor}).json()
    assert [post["id"] for post in page["results"]] == expected[1:]


def test_the_author_filter_pages_through_one_authors_posts(auth_client, user):
    other = UserFactory()
    create_posts(other, 10, tie_every=2)
    create_posts(user, 15, tie_every=2)
    expected = Post.objects.filter(author=user).order_by("-created_at", "-id").values_list("id", flat=True)
    pages = walk(auth_client, f"{POSTS}?author={user.pk}&page_size=4")
    assert flat(pages) == list(expected)
    page = auth_client.get(f"{POSTS}?author={user.pk}&page_size=4").json()
    assert f"author={user.pk}" in page["next"]


@pytest.mark.parametrize("author", ["424242", ""])
def test_an_author_nobody_is_an_empty_page_and_an_empty_one_no_filter(auth_client, user, author):
    create_posts(user, 3, tie_every=1)
    results = auth_client.get(POSTS, {"author": author}).json()["results"]
    assert len(results) == (0 if author else 3)


@pytest.mark.parametrize(
    ("author", "message"),
    [
        ("me", "A valid integer is required."),
        ("1.5", "A valid integer is required."),
        ("0", "Ensure this value is greater than or equal to 1."),
        ("-1", "Ensure this value is greater than or equal to 1."),
        ("9223372036854775808", "Ensure this value is less than or equal to 9223372036854775807."),
    ],
)
def test_an_author_that_is_not_an_id_is_a_400_naming_it(auth_client, user, author, message):
    create_posts(user, 3, tie_every=1)
    response = auth_client.get(POSTS, {"author": author})
    assert response.status_code == 400
    assert response.json() == {"author": [message]}


def test_the_author_filter_does_not_apply_to_a_single_post(auth_client, user):
    post = Post.objects.create(title="t", body="b", author=user)
    assert auth_client.get(f"{POSTS}{post.pk}/?author=424242").status_code == 200

"""On PostgreSQL, a page is a range scan of an index in page order: no sort, no count, no seq scan."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from apps.posts.models import Post
from tests.factories import UserFactory
from tests.posts.conftest import POSTS

pytestmark = pytest.mark.postgres


def plan_nodes(plan):
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)


def explain_posts_query(client, url):
    """EXPLAIN the exact SQL the view ran for the page of posts."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    (sql,) = [query["sql"] for query in captured.captured_queries if 'FROM "posts_post"' in query["sql"]]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}")
        (plan,) = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return list(plan_nodes(plan["Plan"])), response.json()


@pytest.fixture
def posts(auth_client):
    """2,000 posts over 10 authors, with statistics.

    A test table is small enough that PostgreSQL may rightly prefer reading all of it, or the
    few rows of a range through a bitmap and sorting them; with 1,000,000 rows it would not.
    So the planner is told, for this transaction only, to avoid both (SET LOCAL enable_seqscan
    and enable_bitmapscan = off): the plan then shows whether an index delivers the rows
    already in page order. A missing or mis-ordered index shows up as a Sort node over the
    table. The plans at 1,000,000 rows are in docs/posts.md.
    """
    authors = UserFactory.create_batch(10)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    Post.objects.bulk_create(
        Post(title=f"{n}", body="b", author=authors[n % 10], created_at=start + timedelta(seconds=n // 3))
        for n in range(2_000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE posts_post")
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
    return authors


def assert_index_range_scan(nodes, index):
    types = [node["Node Type"] for node in nodes]
    assert "Sort" not in types, types
    assert "Incremental Sort" not in types, types
    assert "Aggregate" not in types, types
    assert "Seq Scan" not in types, types
    assert nodes[0]["Node Type"] == "Limit"
    (scan,) = [node for node in nodes if node.get("Relation Name") == "posts_post"]
    assert (scan["Node Type"], scan["Index Name"]) == ("Index Scan", index), types
    return scan


def test_the_first_page_reads_the_newest_first_index(auth_client, posts):
    nodes, _ = explain_posts_query(auth_client, POSTS)
    assert_index_range_scan(nodes, "posts_newest_first")


def test_a_deep_page_starts_its_index_scan_at_the_cursor(auth_client, posts):
    url = f"{POSTS}?page_size=100"
    for _ in range(10):
        url = auth_client.get(url).json()["next"]
    nodes, page = explain_posts_query(auth_client, url)
    scan = assert_index_range_scan(nodes, "posts_newest_first")
    # The cursor bounds the scan itself (Index Cond), rather than filtering rows read from the top.
    assert "created_at <=" in scan["Index Cond"]
    assert len(page["results"]) == 100


def test_a_page_going_back_reads_the_same_index_forwards(auth_client, posts):
    url = auth_client.get(f"{POSTS}?page_size=100").json()["next"]
    url = auth_client.get(url).json()["previous"]
    nodes, _ = explain_posts_query(auth_client, url)
    assert_index_range_scan(nodes, "posts_newest_first")


def test_an_author_page_reads_the_author_index(auth_client, posts):
    author = posts[3].pk
    url = auth_client.get(f"{POSTS}?author={author}&page_size=20").json()["next"]
    nodes, page = explain_posts_query(auth_client, url)
    assert_index_range_scan(nodes, "posts_author_newest_first")
    assert {post["author"]["id"] for post in page["results"]} == {author}

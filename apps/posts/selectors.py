"""The hot reads, one post and a page of posts: rows instead of model instances, a dict instead of
the serializer; and the post a change is about, without compiling its query each time.

Every request reads posts. For one post the ORM builds and compiles its query each time, which
costs more than the query's round trip: `post_detail` runs one plain SQL query instead. For a page,
building 20 posts and 20 authors as model instances and serializing them field by field is most of
the cost: `post_rows` is a values_list() query, which the view's filter and cursor pagination
narrow as before. Both answer rows with the same fields, which `post_data` turns into exactly what
PostSerializer answers (tests/posts/test_selectors.py compares the two over many posts).
`post_with_author` is the select_related("author").get(pk=...) that updates and deletes need, as
one SQL query written once (apps/core/rows.py).
"""

from collections import namedtuple
from datetime import UTC

from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from rest_framework import serializers

from apps.core.query_params import MAX_ID
from apps.core.rows import JoinedLookup
from apps.posts.models import Post

ROW_FIELDS = ["pk", "title", "body", "created_at", "updated_at", "author_id", "author__username"]
PostRow = namedtuple("PostRow", ROW_FIELDS)

POST_SQL = """
    SELECT post.id, post.title, post.body, post.created_at, post.updated_at, post.author_id, author.username
    FROM {posts} post INNER JOIN {users} author ON author.id = post.author_id
    WHERE post.id = %s
"""

_POST_WITH_AUTHOR = JoinedLookup(Post, "author", "pk")

# DRF's own rendering of a time: the serializer's, by construction. Its zone is TIME_ZONE, which
# no request changes (nothing calls timezone.activate), given once instead of looked up per time.
_timestamp = serializers.DateTimeField(default_timezone=timezone.get_default_timezone()).to_representation


def post_rows():
    """Every post as a row with ROW_FIELDS, newest first, its author's name joined."""
    return Post.objects.values_list(*ROW_FIELDS, named=True)


def post_detail(*, pk: int) -> PostRow | None:
    """The post with this id, as a row, or None: one query."""
    # The ORM answers "none" for an id no bigint holds; the database would raise.
    if not 0 < pk <= MAX_ID:
        return None
    sql = POST_SQL.format(
        posts=connection.ops.quote_name(Post._meta.db_table),
        users=connection.ops.quote_name(get_user_model()._meta.db_table),
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    post = PostRow._make(row)
    # PostgreSQL answers aware times; SQLite the naive UTC times Django stored.
    return post._replace(created_at=_aware(post.created_at), updated_at=_aware(post.updated_at))


def post_with_author(*, pk: int) -> Post | None:
    """The post with this id and its author, as model instances (to change it), or None: one query."""
    if not 0 < pk <= MAX_ID:
        return None
    return _POST_WITH_AUTHOR.get(pk)


def post_data(post: PostRow) -> dict:
    """A post as the API answers it: what PostSerializer(post).data holds, in the same order."""
    return {
        "id": post.pk,
        "title": post.title,
        "body": post.body,
        "author": {"id": post.author_id, "username": post.author__username},
        "created_at": _timestamp(post.created_at),
        "updated_at": _timestamp(post.updated_at),
    }


def _aware(value):
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)

"""What a post accepts: every violation is a 400 naming the field, and nothing is written."""

import json
import re
from datetime import UTC, datetime, timedelta

import pytest

from apps.posts.models import Post
from tests.factories import UserFactory
from tests.posts.conftest import POSTS, post_url

# DRF renders UTC as 'Z'; microseconds appear unless they are zero.
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$")
TOO_LONG_TITLE = "Ensure this field has no more than 200 characters."
TOO_LONG_BODY = "Ensure this field has no more than 20000 characters."
BLANK = "This field may not be blank."
REQUIRED = "This field is required."
NUL = "Null characters are not allowed."
LONG_AGO = "2000-01-01T00:00:00Z"


def test_a_post_has_the_contract_shape(auth_client, user):
    response = auth_client.post(POSTS, {"title": "Hello", "body": "World."})
    assert response.status_code == 201
    body = response.json()
    post = Post.objects.get()
    assert set(body) == {"id", "title", "body", "author", "created_at", "updated_at"}
    assert body["id"] == post.pk
    assert (body["title"], body["body"]) == ("Hello", "World.")
    assert body["author"] == {"id": user.pk, "username": user.username}
    for field in ("created_at", "updated_at"):
        assert ISO_UTC.match(body[field]), body[field]
        assert datetime.fromisoformat(body[field]) == getattr(post, field)


def test_times_are_rendered_in_utc(auth_client, user):
    post = Post.objects.create(
        title="t", body="b", author=user, created_at=datetime(2026, 11, 24, 6, 0, 0, 123456, tzinfo=UTC)
    )
    assert auth_client.get(post_url(post.pk)).json()["created_at"] == "2026-11-24T06:00:00.123456Z"


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"body": "b"}, {"title": [REQUIRED]}),
        ({"title": "t"}, {"body": [REQUIRED]}),
        ({}, {"title": [REQUIRED], "body": [REQUIRED]}),
        ({"title": "", "body": "b"}, {"title": [BLANK]}),
        ({"title": " \t\n ", "body": "b"}, {"title": [BLANK]}),
        ({"title": "t" * 201, "body": "b"}, {"title": [TOO_LONG_TITLE]}),
        ({"title": "t", "body": ""}, {"body": [BLANK]}),
        ({"title": "t", "body": " \n\t "}, {"body": [BLANK]}),
        ({"title": "t", "body": "b" * 20_001}, {"body": [TOO_LONG_BODY]}),
        ({"title": "a\x00b", "body": "b"}, {"title": [NUL]}),
        ({"title": "t", "body": "a\x00b"}, {"body": [NUL]}),
        ({"title": None, "body": "b"}, {"title": ["This field may not be null."]}),
        ({"title": ["t"], "body": "b"}, {"title": ["Not a valid string."]}),
        ({"title": "t", "body": {"b": 1}}, {"body": ["Not a valid string."]}),
    ],
)
def test_invalid_post_is_a_400_naming_the_field_and_writes_nothing(auth_client, db, data, errors):
    response = auth_client.post(POSTS, data)
    assert response.status_code == 400
    assert response.json() == errors
    assert not Post.objects.exists()


@pytest.mark.parametrize("field", ["title", "body"])
def test_lone_surrogates_are_a_400_not_a_database_error(auth_client, db, field):
    """JSON may carry "\\ud800"; PostgreSQL cannot encode it in UTF-8."""
    fields = {"title": "t", "body": "b", field: "\\ud800"}
    raw = "{" + ", ".join(f'"{name}": "{value}"' for name, value in fields.items()) + "}"
    response = auth_client.post(POSTS, raw, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {field: ["Surrogate characters are not allowed: U+D800."]}
    assert not Post.objects.exists()


def test_title_is_stored_trimmed_and_the_limit_counts_after_trimming(auth_client, db):
    title = "t" * 200
    response = auth_client.post(POSTS, {"title": f"  \n{title}\t ", "body": "b"})
    assert response.status_code == 201
    assert response.json()["title"] == title
    assert Post.objects.get().title == title


def test_body_is_stored_as_sent_up_to_the_limit(auth_client, db):
    body = "    indented code\n" + "b" * (20_000 - 19) + "\n"
    assert len(body) == 20_000
    response = auth_client.post(POSTS, {"title": "t", "body": body})
    assert response.status_code == 201
    assert Post.objects.get().body == body


def test_one_character_is_enough(auth_client, db):
    assert auth_client.post(POSTS, {"title": "t", "body": "b"}).status_code == 201


def test_a_body_that_is_not_json_is_a_400(auth_client, db):
    response = auth_client.post(POSTS, '{"title": "t",', content_type="application/json")
    assert response.status_code == 400
    assert "JSON parse error" in response.json()["detail"]
    assert not Post.objects.exists()


def test_unknown_fields_are_ignored(auth_client, db):
    response = auth_client.post(POSTS, {"title": "t", "body": "b", "colour": "red", "is_admin": True})
    assert response.status_code == 201
    assert "colour" not in response.json()


def test_server_owned_fields_sent_on_create_are_ignored(auth_client, user):
    other = UserFactory()
    response = auth_client.post(
        POSTS,
        {
            "title": "t",
            "body": "b",
            "id": 999_999,
            "author": other.pk,
            "author_id": other.pk,
            "created_at": LONG_AGO,
            "updated_at": LONG_AGO,
        },
    )
    assert response.status_code == 201
    post = Post.objects.get()
    assert post.pk != 999_999
    assert post.author == user
    assert post.created_at > datetime.now(UTC) - timedelta(hours=1)
    assert post.updated_at > datetime.now(UTC) - timedelta(hours=1)
    assert response.json()["author"]["id"] == user.pk


def test_an_author_object_sent_on_create_is_ignored(auth_client, user):
    other = UserFactory()
    body = json.dumps({"title": "t", "body": "b", "author": {"id": other.pk, "username": other.username}})
    response = auth_client.post(POSTS, body, content_type="application/json")
    assert response.status_code == 201
    assert Post.objects.get().author == user


@pytest.mark.parametrize("method", ["put", "patch"])
def test_server_owned_fields_sent_on_update_are_ignored(auth_client, post, method):
    other = UserFactory()
    data = {"title": "New", "body": "New.", "id": 999_999, "author": other.pk, "created_at": LONG_AGO}
    response = getattr(auth_client, method)(post_url(post.pk), data)
    assert response.status_code == 200
    stored = Post.objects.get(pk=post.pk)
    assert (stored.title, stored.author_id, stored.created_at) == ("New", post.author_id, post.created_at)
    assert stored.updated_at > post.updated_at


def test_put_needs_both_fields(auth_client, post):
    response = auth_client.put(post_url(post.pk), {"title": "Only a title"})
    assert response.status_code == 400
    assert response.json() == {"body": [REQUIRED]}
    assert Post.objects.get(pk=post.pk).title == post.title


def test_patch_changes_only_what_is_sent(auth_client, post):
    response = auth_client.patch(post_url(post.pk), {"body": "New body."})
    assert response.status_code == 200
    stored = Post.objects.get(pk=post.pk)
    assert (stored.title, stored.body) == (post.title, "New body.")


@pytest.mark.parametrize(
    ("data", "errors"),
    [
        ({"title": "   "}, {"title": [BLANK]}),
        ({"title": "t" * 201}, {"title": [TOO_LONG_TITLE]}),
        ({"body": "b\x00"}, {"body": [NUL]}),
        ({"title": "Fine", "body": "b" * 20_001}, {"body": [TOO_LONG_BODY]}),
    ],
)
def test_invalid_update_is_a_400_and_changes_nothing(auth_client, post, data, errors):
    response = auth_client.patch(post_url(post.pk), data)
    assert response.status_code == 400
    assert response.json() == errors
    stored = Post.objects.get(pk=post.pk)
    assert (stored.title, stored.body, stored.updated_at) == (post.title, post.body, post.updated_at)

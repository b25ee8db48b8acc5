"""The raw floor: what an authenticated read must do, done with psycopg and redis directly.

No ORM, no DRF, no middleware; the benchmark's own database and tables. Per request: the key's
SHA-256 digest looked up with its user in one query (expiry, an inactive user and an API key's
scope checked, the last use written at most once a minute as apps/keys does), one Redis INCR for
the caller's rate counter, then the post (or the newest 20 on the keyset index) joined to its
author, answered as the same JSON as the API's. It is the limit of this stack for that work: what
the product costs above it is the price of its framework, not of the work.
"""

import hashlib
import json
import os
import time
from base64 import urlsafe_b64encode
from datetime import UTC, datetime, timedelta

import psycopg
import redis
from django.http import HttpResponse, JsonResponse

PAGE_SIZE = 20
TOUCH_INTERVAL = timedelta(seconds=60)
READ_SCOPES = {"posts:read", "posts:write"}

KEY_SQL = """
    SELECT k.id, k.kind, k.scopes, k.expires_at, k.last_used_at, u.id, u.is_active
    FROM keys_key k JOIN accounts_user u ON u.id = k.user_id
    WHERE k.digest = %s
"""
TOUCH_SQL = "UPDATE keys_key SET last_used_at = %s WHERE id = %s AND last_used_at IS NOT DISTINCT FROM %s"
POST_SQL = """
    SELECT p.id, p.title, p.body, p.created_at, p.updated_at, u.id, u.username
    FROM posts_post p JOIN accounts_user u ON u.id = p.author_id
"""
DETAIL_SQL = POST_SQL + " WHERE p.id = %s"
# The newest first on the (created_at, id) index, one row more to know whether a next page exists.
PAGE_SQL = POST_SQL + " ORDER BY p.created_at DESC, p.id DESC LIMIT %s"

_connections = {}


def database():
    # One connection per worker, opened after gunicorn's fork.
    if "db" not in _connections:
        _connections["db"] = psycopg.connect(os.environ["DATABASE_URL"], autocommit=True)
    return _connections["db"]


def cache():
    if "redis" not in _connections:
        _connections["redis"] = redis.Redis.from_url(os.environ["REDIS_URL"])
    return _connections["redis"]


def unauthorized():
    response = JsonResponse({"detail": "Invalid token."}, status=401)
    response["WWW-Authenticate"] = "Token"
    return response


def authenticated_user_id(request):
    """The caller's user id, or None: one query, and a write at most once per TOUCH_INTERVAL."""
    keyword, _, key = request.META.get("HTTP_AUTHORIZATION", "").partition(" ")
    if keyword != "Token" or not key:
        return None
    digest = hashlib.sha256(key.encode("ascii")).hexdigest()
    row = database().execute(KEY_SQL, [digest]).fetchone()
    if row is None:
        return None
    key_id, kind, scopes, expires_at, last_used_at, user_id, is_active = row
    now = datetime.now(UTC)
    if not is_active or (expires_at is not None and expires_at <= now):
        return None
    if kind == "api" and not READ_SCOPES.intersection(scopes):
        return None
    if last_used_at is None or now - last_used_at >= TOUCH_INTERVAL:
        database().execute(TOUCH_SQL, [now, key_id, last_used_at])
    return user_id


def count_request(user_id):
    """The caller's counter for this minute: one INCR (and its expiry when the minute starts)."""
    counter = f"floor:rate:{user_id}:{int(time.time() // 60)}"  # bench/run.py deletes floor:* first
    if cache().incr(counter) == 1:
        cache().expire(counter, 60)


def timestamp(value):
    # As DRF's DateTimeField writes it in UTC.
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def post_json(row):
    pk, title, body, created_at, updated_at, author_id, username = row
    return {
        "id": pk,
        "title": title,
        "body": body,
        "author": {"id": author_id, "username": username},
        "created_at": timestamp(created_at),
        "updated_at": timestamp(updated_at),
    }


def json_response(data):
    # DRF's JSONRenderer: compact, UTF-8 as is.
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return HttpResponse(body.encode(), content_type="application/json")


def raw_detail(request, pk):
    user_id = authenticated_user_id(request)
    if user_id is None:
        return unauthorized()
    count_request(user_id)
    row = database().execute(DETAIL_SQL, [pk]).fetchone()
    if row is None:
        return JsonResponse({"detail": "No Post matches the given query."}, status=404)
    return json_response(post_json(row))


def raw_list(request):
    user_id = authenticated_user_id(request)
    if user_id is None:
        return unauthorized()
    count_request(user_id)
    rows = database().execute(PAGE_SQL, [PAGE_SIZE + 1]).fetchall()
    page = rows[:PAGE_SIZE]
    next_url = None
    if len(rows) > PAGE_SIZE:
        last = page[-1]
        cursor = f"f|{last[3].astimezone(UTC).isoformat()}|{last[0]}"
        encoded = urlsafe_b64encode(cursor.encode("ascii")).decode("ascii")
        next_url = request.build_absolute_uri(f"{request.path}?cursor={encoded}")
    return json_response({"next": next_url, "previous": None, "results": [post_json(row) for row in page]})

"""The benchmark's keys: `python -m bench.prepare DATAFILE LOGIN_USERS [SESSIONS]`, product settings.

Run after seed_posts. Writes, for bench/wrk/api.lua, for each of up to KEYED_AUTHORS users who
have posts a session key with one of that user's own posts (to update) and an API key with the
`posts:read` scope, a random sample of posts (to read), and LOGIN_USERS new users with a known
password (to log in; the seeded users have unusable passwords). With SESSIONS, that many more live
sessions are spread over all users, written by PostgreSQL itself (a digest of a counter each: keys
nobody holds, there to make the keys table that large). Prints facts about the data as JSON for
bench/run.py.
"""

import json
import secrets
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402

from apps.keys.models import Key  # noqa: E402
from apps.keys.scopes import POSTS_READ  # noqa: E402
from apps.keys.services import api_key_create, session_create  # noqa: E402
from apps.posts.models import Post  # noqa: E402

SAMPLE_SIZE = 1000
KEYED_AUTHORS = 100

# Live sessions (an idle deadline a month away) shaped as apps.keys makes them.
SESSIONS_SQL = f"""
    INSERT INTO {Key._meta.db_table}
        (kind, name, digest, scopes, created_at, last_used_at, expires_at, max_expires_at, user_id)
    SELECT 'session', 'bench', encode(sha256(convert_to('bench-session-' || n, 'UTF8')), 'hex'),
        '[]'::jsonb, now(), now(), now() + interval '30 days', now() + interval '90 days',
        users.ids[1 + n %% cardinality(users.ids)]
    FROM generate_series(1, %s) AS n,
        (SELECT array_agg(id) AS ids FROM {get_user_model()._meta.db_table}) AS users
"""


def main(datafile, login_users, sessions=0):
    User = get_user_model()
    lines = []
    authors = User.objects.filter(posts__isnull=False).distinct().order_by("pk")[:KEYED_AUTHORS]
    for author in authors:
        session = session_create(user=author, request=None, device="bench")
        api_key = api_key_create(user=author, name="bench", scopes=[POSTS_READ], expires_at=None)
        own_post = Post.objects.filter(author=author).values_list("pk", flat=True).first()
        lines.append(f"token {session.key} {own_post}")
        lines.append(f"apikey {api_key.key}")
    sample = Post.objects.order_by("?").values_list("pk", flat=True)[:SAMPLE_SIZE]
    lines += [f"post {pk}" for pk in sample]
    password = secrets.token_urlsafe(16)
    for n in range(login_users):
        username = f"bench-login-{n}-{secrets.token_hex(4)}"
        User.objects.create_user(username=username, email=f"{username}@example.com", password=password)
        lines.append(f"login {username} {password}")
    if sessions:
        with connection.cursor() as cursor:
            cursor.execute(SESSIONS_SQL, [sessions])
    with open(datafile, "w") as out:
        out.write("\n".join(lines) + "\n")
    facts = {
        "posts": Post.objects.count(),
        "users": User.objects.count(),
        "sessions": Key.objects.filter(kind=Key.Kind.SESSION).count(),
        "keyed_authors": len(authors),
        "posts_table": Post._meta.db_table,
        "max_post_id": Post.objects.order_by("-pk").values_list("pk", flat=True).first(),
    }
    print(json.dumps(facts))


if __name__ == "__main__":
    main(sys.argv[1], *[int(n) for n in sys.argv[2:4]])

"""Give the benchmark its users: `python -m bench.prepare DATAFILE LOGIN_USERS` under the product's settings.

Run after seed_posts. Writes, for bench/wrk/api.lua, a token for every user who has posts with one
of that user's own posts (to update), a random sample of posts (to read), and LOGIN_USERS new users
with a known password (to log in; the seeded users have unusable passwords). Prints facts about the
data as JSON for bench/run.py.
"""

import json
import secrets
import sys

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from rest_framework.authtoken.models import Token  # noqa: E402

from apps.posts.models import Post  # noqa: E402

SAMPLE_SIZE = 1000


def main(datafile, login_users):
    User = get_user_model()
    lines = []
    authors = User.objects.filter(posts__isnull=False).distinct().order_by("pk")
    for author in authors:
        token, _ = Token.objects.get_or_create(user=author)
        own_post = Post.objects.filter(author=author).values_list("pk", flat=True).first()
        lines.append(f"token {token.key} {own_post}")
    sample = Post.objects.order_by("?").values_list("pk", flat=True)[:SAMPLE_SIZE]
    lines += [f"post {pk}" for pk in sample]
    password = secrets.token_urlsafe(16)
    for n in range(login_users):
        username = f"bench-login-{n}-{secrets.token_hex(4)}"
        User.objects.create_user(username=username, email=f"{username}@example.com", password=password)
        lines.append(f"login {username} {password}")
    with open(datafile, "w") as out:
        out.write("\n".join(lines) + "\n")
    facts = {
        "posts": Post.objects.count(),
        "users": User.objects.count(),
        "tokens": len(authors),
        "posts_table": Post._meta.db_table,
        "max_post_id": Post.objects.order_by("-pk").values_list("pk", flat=True).first(),
    }
    print(json.dumps(facts))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))

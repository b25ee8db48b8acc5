"""Instructions per request: `python -m bench.instructions [ENDPOINT] [REQUESTS]`, after `make bench`.

Times on a shared machine move by a quarter from one run to the next; the number of instructions
a request executes does not (valgrind's callgrind counts them, whatever else the cores are doing).
Runs the production WSGI application in-process, as bench.profile does, REQUESTS times (300)
and 0 times under callgrind, each in a new process, and prints the difference per request; for
list and detail the raw floor's too (bench/floor/raw.py), with the same key. Only the Python
process is counted: PostgreSQL's and Redis's own work, and the waiting for them, are not.
ENDPOINT is list, detail, create or update with a session, or list-apikey or detail-apikey with
an API key (posts:read). Needs valgrind (Debian's package); takes a minute.
"""

import os
import re
import subprocess
import sys

from bench.profile import request_for, wsgi_environ
from bench.run import knob, product_env

WARMUP = 30


def child(app, endpoint, requests):
    """Under callgrind: load the application, then answer WARMUP + requests requests."""
    if app == "api":
        os.environ["DJANGO_SETTINGS_MODULE"] = "settings.prod"
        from config.wsgi import application
    else:
        os.environ["DJANGO_SETTINGS_MODULE"] = "bench.floor.settings"
        from bench.floor.wsgi import application
    prefix = "/api/v1/posts/" if app == "api" else "/raw/posts/"
    method, path, body = request_for(endpoint, os.environ["BENCH_POST_ID"], prefix)
    statuses = []
    for _ in range(WARMUP + requests):
        environ = wsgi_environ(method, path, os.environ["BENCH_TOKEN"], body)
        answer = application(environ, lambda status, _: statuses.append(status))
        b"".join(answer)
        answer.close()
        assert statuses.pop().startswith("20")


def per_request(app, endpoint, requests, env):
    """(instructions of a run of `requests` - those of a run of none) / requests: both at once."""
    runs = []
    for count in (requests, 0):
        command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable]
        command += ["-m", "bench.instructions", "--child", app, endpoint, str(count)]
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "text": True}
        runs.append(subprocess.Popen(command, env=env, **quiet))
    totals = []
    for run in runs:
        errors = run.communicate()[1]
        found = re.search(r"Collected : (\d+)", errors)
        if run.returncode or not found:
            sys.exit(f"{app} {endpoint} under callgrind failed:\n{errors[-3000:]}")
        totals.append(int(found.group(1)))
    return (totals[0] - totals[1]) / requests


def main(endpoint="detail", requests=300):
    database_url = f"{knob('PGURL')}/{knob('BENCH_DATABASE')}_api"
    env = product_env(database_url)
    os.environ.update(env)
    import django

    django.setup()
    from apps.keys.scopes import POSTS_READ
    from apps.keys.services import api_key_create, session_create
    from apps.posts.models import Post

    post = Post.objects.select_related("author").order_by("pk").first()
    with_api_key = endpoint.endswith("-apikey")
    endpoint = endpoint.removesuffix("-apikey")
    if with_api_key:
        key = api_key_create(user=post.author, name="instructions", scopes=[POSTS_READ], expires_at=None).key
    else:
        key = session_create(user=post.author, request=None, device="instructions").key
    last_post = Post.objects.order_by("-pk").values_list("pk", flat=True).first()
    env = {**env, "BENCH_TOKEN": key, "BENCH_POST_ID": str(post.pk), "DATABASE_URL": database_url}
    # The raw floor reads with a session's key; an API key's run compares with the session's.
    apps = ["api", "raw"] if endpoint in ("list", "detail") and not with_api_key else ["api"]
    kind = "API key" if with_api_key else "session"
    try:
        for app in apps:
            instructions = per_request(app, endpoint, requests, env)
            print(f"{endpoint} ({app}, {kind}): {instructions / 1e6:.3f}M instructions per request")
    finally:
        Post.objects.filter(pk__gt=last_post).delete()  # what create wrote


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        child(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        main(*sys.argv[1:2], *[int(n) for n in sys.argv[2:3]])

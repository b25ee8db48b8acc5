"""Where a request's time goes: `python -m bench.profile [ENDPOINT] [REQUESTS]`, after `make bench`.

Calls the production WSGI application (settings.prod, every middleware) in-process on the database
`make bench` left behind, with a real key (a new session, or an API key for the `-apikey`
endpoints), under pyinstrument, and prints the call tree and the mean time per request. ENDPOINT
is list, detail, list-apikey, detail-apikey, create or update (the posts create writes are deleted
afterwards). No server and no network: what remains is what
Django, DRF and the project's code cost, plus the database and Redis round trips. Prints a
breakdown per request first, then pyinstrument's call tree. Logs go to standard error.
"""

import importlib
import io
import os
import sys
import time

from pyinstrument import Profiler

from bench.run import knob, product_env

BATCHES = 5
TREE_THRESHOLD = 0.01
# (label, file the function is defined in, function name): the outermost call of each is counted.
PARTS = [
    ("key lookup (KeyAuthentication, 1 query)", "apps/keys/authentication.py", "authenticate"),
    ("throttle (UserRateThrottle, 1 Redis round trip)", "rest_framework/views.py", "check_throttles"),
    ("permissions", "rest_framework/views.py", "check_permissions"),
    ("content negotiation", "rest_framework/views.py", "perform_content_negotiation"),
    ("the post query (get_object)", "rest_framework/generics.py", "get_object"),
    ("the post query (selectors.post_detail)", "apps/posts/selectors.py", "post_detail"),
    ("the post to change (PostViewSet.get_object)", "apps/posts/views.py", "get_object"),
    ("the page query (paginate_queryset)", "rest_framework/generics.py", "paginate_queryset"),
    ("validation (serializer.is_valid, the body parsed)", "rest_framework/serializers.py", "is_valid"),
    ("the write (serializer.save: INSERT or UPDATE)", "rest_framework/serializers.py", "save"),
    ("serializer (.data)", "rest_framework/serializers.py", "data"),
    ("post dicts (selectors.post_data)", "apps/posts/selectors.py", "post_data"),
    ("JSON rendering", "rest_framework/response.py", "rendered_content"),
    ("request log line (request_log)", "logging/__init__.py", "log"),
    ("request metrics (metrics.observe)", "apps/core/metrics.py", "observe"),
]
# Counted inside the parts above: the first query of each request runs Django's health check.
HEALTH_CHECK = (
    "database health check (SELECT 1)",
    "django/db/backends/base/base.py",
    "close_if_health_check_failed",
)


def part_times(frame, parts, seen=frozenset()):
    """Time of the outermost call of each part under frame, in the profiler's seconds."""
    times = dict.fromkeys([label for label, *_ in parts], 0.0)
    for label, path, function in parts:
        if label not in seen and frame.function == function and (frame.file_path or "").endswith(path):
            times[label] += frame.time
            seen = seen | {label}
    for child in frame.children:
        for label, time_in_child in part_times(child, parts, seen).items():
            times[label] += time_in_child
    return times


def print_breakdown(session, mean_us):
    root = session.root_frame()
    times = part_times(root, [*PARTS, HEALTH_CHECK])
    rest = root.time - sum(times[label] for label, *_ in PARTS)
    rows = [(label, times[label]) for label, *_ in PARTS if times[label]]
    rows.append(("the rest: middleware, URL routing, Django and DRF plumbing", rest))
    rows.append(("  of which, in the queries above: " + HEALTH_CHECK[0], times[HEALTH_CHECK[0]]))
    print(f"{'per request':<68}{'us':>7}{'share':>8}")
    for label, seconds in rows:
        # The profiler slows everything alike; its shares are applied to the time measured without it.
        print(f"{label:<68}{seconds / root.time * mean_us:>7.0f}{seconds / root.time:>8.0%}")
    print(f"{'total, in-process':<68}{mean_us:>7.0f}{1:>8.0%}\n")


def print_tree(frames, total, depth=0):
    """The call tree, libraries included, down to the calls that take 1 % of the time.

    The same call reached from the same place in every request is merged into one line.
    """
    calls = {}
    for frame in frames:
        for child in frame.children:
            calls.setdefault((child.function, child.file_path_short, child.line_no), []).append(child)
    for (function, path, line), same in sorted(calls.items(), key=lambda item: -sum(f.time for f in item[1])):
        share = sum(frame.time for frame in same) / total
        if share >= TREE_THRESHOLD:
            print(f"{' ' * depth}{share:6.1%} {function}  {path}:{line}")
            print_tree(same, total, depth + 1)


WRITTEN = b'{"title": "Profiled", "body": "Written by bench.profile."}'


def request_for(endpoint, post_id, prefix="/api/v1/posts/"):
    """(method, path, body) of list, detail, create or update; bench.instructions sends them too."""
    return {
        "create": ("POST", prefix, WRITTEN),
        "update": ("PUT", f"{prefix}{post_id}/", WRITTEN),
        "list": ("GET", prefix, b""),
    }.get(endpoint, ("GET", f"{prefix}{post_id}/", b""))


def wsgi_environ(method, path, token, body):
    return {
        "REQUEST_METHOD": method,
        "CONTENT_TYPE": "application/json",
        "CONTENT_LENGTH": str(len(body)),
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": knob("BENCH_PORT"),
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": f"127.0.0.1:{knob('BENCH_PORT')}",
        "HTTP_ACCEPT": "application/json",
        "HTTP_AUTHORIZATION": f"Token {token}",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.input": io.BytesIO(body),
        "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr,
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }


def main(endpoint="detail", requests=2000):
    os.environ.update(product_env(f"{knob('PGURL')}/{knob('BENCH_DATABASE')}_api"))
    # The production application, as gunicorn loads it; it sets Django up.
    application = importlib.import_module("config.wsgi").application
    from apps.keys.scopes import POSTS_READ
    from apps.keys.services import api_key_create, session_create
    from apps.posts.models import Post

    post = Post.objects.select_related("author").first()
    if endpoint.endswith("-apikey"):
        token = api_key_create(user=post.author, name="profile", scopes=[POSTS_READ], expires_at=None).key
    else:
        token = session_create(user=post.author, request=None, device="profile").key
    method, path, body = request_for(endpoint.removesuffix("-apikey"), post.pk)
    last_post = Post.objects.order_by("-pk").values_list("pk", flat=True).first()

    def call():
        statuses = []
        environ = wsgi_environ(method, path, token, body)
        answer = application(environ, lambda status, _: statuses.append(status))
        b"".join(answer)
        answer.close()  # fires request_finished, as gunicorn does
        assert statuses[0].startswith("20"), statuses

    for _ in range(50):
        call()
    # The machine is shared: the fastest of several batches is the least disturbed.
    batch_means = []
    for _ in range(BATCHES):
        start = time.perf_counter()
        for _ in range(requests // BATCHES):
            call()
        batch_means.append((time.perf_counter() - start) / (requests // BATCHES) * 1e6)
    mean_us = min(batch_means)
    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(requests):
            call()
    Post.objects.filter(pk__gt=last_post).delete()
    print(
        f"{endpoint}: {mean_us:.0f} us per request in-process, without the profiler "
        f"(the fastest of {BATCHES} batches of {requests // BATCHES})\n"
    )
    print_breakdown(profiler.last_session, mean_us)
    root = profiler.last_session.root_frame()
    print_tree([root], root.time)


if __name__ == "__main__":
    main(*sys.argv[1:2], *[int(n) for n in sys.argv[2:3]])

"""The sliding log (apps.core.throttles.sliding_log) on the real Redis and on LocMemCache alike.

The contract: N simultaneous requests at a rate of R let at most R through, no span of the
window's length lets through more than R + 1, and the wait is when the next request would pass.
"""

import threading

import pytest
import redis
from django.core.cache import caches

from apps.core.throttles import sliding_log
from tests.redis_db import TEST_REDIS_URL

WINDOW = 60
START = 1_800_000_000.0


@pytest.fixture(params=["redis", "locmem"])
def backend(request):
    if request.param == "redis":
        return request.getfixturevalue("redis_cache")
    return caches["default"]


def simultaneous(backend, *, count, limit, now=None):
    """count requests from one client released at once; the answers, in no particular order."""
    barrier = threading.Barrier(count)
    answers = []

    def one():
        barrier.wait()
        answers.append(sliding_log(backend, "client", limit=limit, window=WINDOW, now=now)[0])

    threads = [threading.Thread(target=one) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return answers


def test_fifty_simultaneous_requests_at_a_rate_of_ten_let_exactly_ten_through(backend):
    answers = simultaneous(backend, count=50, limit=10, now=START)

    assert answers.count(True) == 10
    assert answers.count(False) == 40


def test_on_the_servers_own_clock_too(backend):
    """Without a clock passed in, Redis's TIME (or the process's) decides."""
    answers = simultaneous(backend, count=30, limit=10)

    assert answers.count(True) == 10


def allowed_times(backend, moments, limit):
    return [now for now in moments if sliding_log(backend, "client", limit=limit, window=WINDOW, now=now)[0]]


def most_in_any_span(times, *, closed):
    """The most allowed requests in any span of WINDOW seconds, [a, a + WINDOW] or [a, a + WINDOW)."""
    return max(
        sum(1 for t in times if start <= t and (t <= start + WINDOW if closed else t < start + WINDOW))
        for start in times
    )


def test_a_burst_at_a_windows_end_and_one_at_the_next_windows_start_pass_only_r(backend):
    """A fixed window lets 2R through here: R in its last second, R in the next's first."""
    end_of_window = [START + WINDOW - 0.5] * 10
    start_of_next = [START + WINDOW + 0.5] * 10

    times = allowed_times(backend, end_of_window + start_of_next, limit=10)

    assert times == end_of_window
    assert most_in_any_span(times, closed=True) == 10


def test_no_span_of_the_windows_length_lets_more_than_r_plus_one_through(backend):
    """Steady traffic, bursts at the windows' edges and a request every few seconds, for 4 windows."""
    limit = 10
    moments = sorted(
        [START + 0.25 * n for n in range(4 * WINDOW * 4)]  # four attempts a second
        + [
            START + k * WINDOW + edge
            for k in range(1, 4)
            for edge in (-0.001, 0.0, 0.001)
            for _ in range(limit)
        ]
    )

    times = allowed_times(backend, moments, limit)

    # The contract allows R + 1 in a span of the window's length; the log holds R, ends included.
    assert most_in_any_span(times, closed=True) == limit
    # And the limit is a rate, not a ban: about R per window passes over the whole run.
    assert len(times) >= 4 * limit


def test_just_over_one_window_after_a_request_its_place_is_free_again(backend):
    allowed_times(backend, [START + n for n in range(10)], limit=10)

    # Exactly one window later the first request still counts: [START, START + WINDOW] holds ten.
    assert sliding_log(backend, "client", limit=10, window=WINDOW, now=START + WINDOW)[0] is False
    assert sliding_log(backend, "client", limit=10, window=WINDOW, now=START + WINDOW + 0.000001)[0] is True
    assert sliding_log(backend, "client", limit=10, window=WINDOW, now=START + WINDOW + 0.5)[0] is False


def test_simultaneous_requests_at_both_ends_of_a_window_are_not_2r(backend):
    """R at one instant and R exactly one window later: a log that dropped the times at `now - T`
    would let 2R through in that closed span."""
    first = allowed_times(backend, [START] * 10, limit=10)
    second = allowed_times(backend, [START + WINDOW] * 10, limit=10)

    assert len(first) == 10
    assert second == []


def test_the_wait_is_until_the_oldest_request_leaves_the_window(backend):
    allowed_times(backend, [START, START + 10, START + 20], limit=3)

    allowed, wait = sliding_log(backend, "client", limit=3, window=WINDOW, now=START + 25)

    assert allowed is False
    assert wait == pytest.approx(35)
    # A refused request is not counted: the next place is free just after those 35 seconds.
    assert sliding_log(backend, "client", limit=3, window=WINDOW, now=START + 60.001)[0] is True
    assert sliding_log(backend, "client", limit=3, window=WINDOW, now=START + 60.001)[0] is False


def test_each_client_has_its_own_log(backend):
    assert sliding_log(backend, "one", limit=1, window=WINDOW, now=START)[0] is True
    assert sliding_log(backend, "one", limit=1, window=WINDOW, now=START)[0] is False

    assert sliding_log(backend, "two", limit=1, window=WINDOW, now=START)[0] is True


def test_a_rate_of_zero_refuses_everything_for_a_window(backend):
    assert sliding_log(backend, "client", limit=0, window=WINDOW, now=START) == (False, WINDOW)


def test_the_redis_log_holds_at_most_r_entries_and_expires_with_its_window(redis_cache):
    for _ in range(15):
        sliding_log(redis_cache, "client", limit=10, window=WINDOW)

    client = redis.Redis.from_url(TEST_REDIS_URL)
    key = redis_cache.make_key("client")
    assert client.zcard(key) == 10
    assert 0 < client.pttl(key) <= WINDOW * 1000

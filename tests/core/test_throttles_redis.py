"""The three scopes through the real views, counted in the real Redis as in production."""

import threading

import pytest
from rest_framework.test import APIClient

LOGIN = "/api/v1/dj-rest-auth/login/"
POSTS = "/api/v1/posts/"
RESEND = "/api/v1/dj-rest-auth/registration/resend-email/"

# An empty login body is refused by the serializer before any query: the threads need no database.
REFUSED_LOGIN = {}


@pytest.fixture(autouse=True)
def on_redis(redis_cache, throttle_rates):
    throttle_rates(auth="10/min", anon="1000/min", user="1000/min")
    return redis_cache


def login(client=None, address="203.0.113.7"):
    return (client or APIClient()).post(LOGIN, REFUSED_LOGIN, REMOTE_ADDR=address)


def test_fifty_simultaneous_logins_from_one_client_at_ten_a_minute_let_exactly_ten_through():
    barrier = threading.Barrier(50)
    answers = []

    def one():
        client = APIClient()
        barrier.wait()
        answers.append(login(client))

    threads = [threading.Thread(target=one) for _ in range(50)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    statuses = sorted(answer.status_code for answer in answers)
    assert statuses == [400] * 10 + [429] * 40
    assert all(1 <= int(answer["Retry-After"]) <= 60 for answer in answers if answer.status_code == 429)


def test_ten_logins_at_a_minutes_end_leave_no_room_at_the_next_minutes_start(throttle_clock):
    throttle_clock.advance(54.9)  # 0.1 s before the minute ends
    before = [login().status_code for _ in range(10)]
    throttle_clock.advance(0.2)  # 0.1 s into the next minute
    after = [login() for _ in range(10)]

    assert before == [400] * 10
    assert [answer.status_code for answer in after] == [429] * 10
    # The first ten leave the window just after a minute from when they came, 59.8 s from now.
    assert {answer["Retry-After"] for answer in after} == {"60"}
    throttle_clock.advance(59.8)
    assert login().status_code == 429
    throttle_clock.advance(0.2)
    assert login().status_code == 400


def test_an_even_stream_passes_at_the_rate_and_no_more(throttle_clock):
    """A login attempt every second for three minutes: ten pass, then none until the first of them
    is more than a minute old."""
    passed = []
    for second in range(180):
        if login().status_code == 400:
            passed.append(second)
        throttle_clock.advance(1)

    assert passed == [*range(10), *range(61, 71), *range(122, 132)]
    # Ten in every span of a minute, ends included (the contract allows eleven).
    assert max(sum(1 for t in passed if start <= t <= start + 60) for start in passed) == 10


def test_other_clients_keep_their_own_count():
    for _ in range(11):
        login(address="203.0.113.7")

    assert login(address="198.51.100.9").status_code == 400


def test_the_user_scope(throttle_rates, throttle_clock, auth_client):
    throttle_rates(user="3/min")

    statuses = [auth_client.get(POSTS).status_code for _ in range(4)]
    throttle_clock.advance(30)
    refused = auth_client.get(POSTS)
    throttle_clock.advance(30)

    assert statuses == [200, 200, 200, 429]
    assert refused["Retry-After"] == "31"
    assert auth_client.get(POSTS).status_code == 429
    throttle_clock.advance(1)
    assert auth_client.get(POSTS).status_code == 200


@pytest.mark.django_db
def test_the_anonymous_scope(throttle_rates, throttle_clock):
    throttle_rates(anon="2/min", auth="100/min")
    client = APIClient()

    statuses = [client.post(RESEND, {"email": "a@example.com"}).status_code for _ in range(3)]

    assert statuses == [200, 200, 429]

import time

import redis as redis_py
from django.core.cache.backends import redis
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

# After a call fails, the worker skips Redis for this long: a Redis that hangs costs one
# socket_timeout per worker and pause, not one per call (a login makes two: anon and auth limits).
# Short, so that a Redis back from a restart is used again within seconds.
OUTAGE_PAUSE = 2.0


class CircuitOpen(RedisConnectionError):
    """Raised instead of calling a Redis that failed less than OUTAGE_PAUSE seconds ago."""


class PausingRedis(redis_py.Redis):
    """redis.Redis that stops calling a failing server for a moment.

    redis-py has no circuit breaker for one server (its multidb client's needs several), and a
    timeout on every call would make each request wait for it: this is the smallest piece that
    does. Every command, EVALSHA of the throttles' script included, goes through execute_command.
    """

    def __init__(self, *args, outage, **kwargs):
        super().__init__(*args, **kwargs)
        self._outage = outage

    def execute_command(self, *args, **options):
        if time.monotonic() < self._outage["until"]:
            raise CircuitOpen("Redis failed a moment ago; not calling it for now")
        try:
            return super().execute_command(*args, **options)
        except (RedisConnectionError, RedisTimeoutError):
            self._outage["until"] = time.monotonic() + OUTAGE_PAUSE
            raise


class RedisCacheClient(redis.RedisCacheClient):
    """Django's Redis client, made cheaper for the throttles' script that every request runs, and
    quick to give up on a Redis that is down or hangs (PausingRedis).

    Django builds a new redis.Redis for every cache call, and building one (its table of response
    callbacks) costs about as much as the call's round trip to Redis; a redis.Redis only wraps its
    pool and is safe to share between threads, so one per pool is kept.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}
        self._outage = {"until": 0.0}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = PausingRedis(connection_pool=pool, outage=self._outage)
        return self._clients[pool]


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

from django.core.cache.backends import redis


class RedisCacheClient(redis.RedisCacheClient):
    """Django's Redis client, reusing one redis.Redis per connection pool.

    Django builds a new redis.Redis for every cache call, and building one (its table of response
    callbacks) costs about as much as the call's round trip to Redis: twice per request for the
    throttle. A redis.Redis only wraps its pool and is safe to share between threads.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient

"""The Redis the tests use: TEST_REDIS_URL (default database 15 on the local Redis).

A test run never flushes a database: what it writes lives under a key prefix of its own, and
only keys under that prefix are deleted afterwards. So the database may hold anyone else's data.
"""

import os
import uuid
from contextlib import contextmanager

import pytest
import redis

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_or_skip() -> redis.Redis:
    client = redis.Redis.from_url(TEST_REDIS_URL, socket_connect_timeout=1)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.skip(f"needs Redis at TEST_REDIS_URL={TEST_REDIS_URL}")
    return client


def delete_prefixed(client: redis.Redis, prefix: str) -> None:
    """Delete the keys under `prefix:` (Django's cache writes `<KEY_PREFIX>:<version>:<key>`)."""
    keys = list(client.scan_iter(match=f"{prefix}:*", count=1000))
    if keys:
        client.delete(*keys)


@contextmanager
def own_prefix(name: str):
    """A fresh key prefix for a test (CACHES KEY_PREFIX, CACHE_KEY_PREFIX), cleaned afterwards."""
    client = redis_or_skip()
    prefix = f"test-{name}-{uuid.uuid4().hex}"
    try:
        yield prefix
    finally:
        delete_prefixed(client, prefix)

"""The rate limits: THROTTLE_RATE_AUTH, _ANON and _USER, exact, shared by every worker and node.

The algorithm is a sliding log: per client, the times of its allowed requests in the last window
(T seconds, R requests). A request at time `now` first drops the times before `now - T`, then
passes only if fewer than R remain, and its time is added. Why this meets the contract:

- N simultaneous requests let at most R through: the check and the add are one atomic step (one
  Lua script in Redis, a lock in memory), so the log never holds more than R times.
- No span [t, t + T], ends included, holds more than R allowed requests (the contract allows
  R + 1): when the last of them was allowed at s <= t + T, every earlier one in the span is at or
  after t >= s - T, so it was still in the log, and fewer than R were. This holds for requests at
  the very same instant too, which a log that also dropped the times at `now - T` would not meet.
- `Retry-After` is exact: a refused client passes again once the oldest time in its log leaves
  the window, just after oldest + T; the header is the first whole second after that wait.

A fixed window (a counter per window) lets 2R through across an edge; GCRA and token buckets with
a burst of R let about 2R through in a window's span (R at once, then R more as the bucket
refills); a sliding-window counter's weighted estimate assumes the last window's requests were
spread evenly and lets up to 2R through when they came at its end. A log costs memory in R (at
most R scores per client, kept T seconds), which is the price of being exact.

The clock is Redis's (TIME inside the script): every node shares it, whereas client clocks that
disagree by a second would let each node judge the same log differently. Tests set `timer`.

When Redis fails (refused, timed out) the auth scope fails closed with a 503 and Retry-After,
since those endpoints guard passwords and mailboxes; the others fail open. Either way a warning
is logged at most once a minute per worker.
"""

import logging
import math
import threading
import time
import uuid
from time import monotonic

from django.core.cache import DEFAULT_CACHE_ALIAS, caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError
from rest_framework import status, throttling
from rest_framework.exceptions import APIException
from rest_framework.settings import api_settings

logger = logging.getLogger(__name__)

CACHE_UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
OUTAGE_WARNING_INTERVAL = 60

# KEYS[1]: the client's log (a sorted set: score = time, member = a unique request id).
# ARGV: limit R, window T (seconds), request id, now ("" for Redis's own clock).
# Returns {1} when allowed, {0, seconds until the next request would pass} when refused.
SLIDING_LOG = """
local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local now = tonumber(ARGV[4])
if not now then
  local clock = redis.call('TIME')
  now = tonumber(clock[1]) + tonumber(clock[2]) / 1000000
end
-- Written with microseconds: Lua would print a number with 14 digits, a tenth of a millisecond.
-- '(' excludes the bound: a time exactly one window ago still counts.
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. string.format('%.6f', now - window))
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], string.format('%.6f', now), ARGV[3])
  redis.call('PEXPIRE', KEYS[1], math.ceil(window * 1000))
  return {1}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2]
if not oldest then
  return {0, tostring(window)}
end
-- A string: Redis would truncate a Lua number to an integer.
return {0, tostring(tonumber(oldest) + window - now)}
"""


class ThrottleUnavailable(APIException):
    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "This service is temporarily unavailable. Please try again shortly."
    default_code = "throttle_unavailable"
    # DRF's exception handler turns `wait` into the Retry-After header.
    wait = 5


class SlidingLogThrottle(throttling.SimpleRateThrottle):
    """DRF's throttle with the exact sliding log above, in one cache round trip."""

    # None: the shared cache's clock (Redis's TIME; time.time() for the in-process caches). Tests
    # set a function returning seconds to move the clock.
    timer = None
    fails_closed = False

    def get_rate(self):
        # DRF copies the rates once, at import; reading them here lets settings change them.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        key = self.get_cache_key(request, view)
        if key is None:
            return True
        now = self.timer() if self.timer else None
        try:
            allowed, self.seconds_left = sliding_log(
                caches[DEFAULT_CACHE_ALIAS], key, limit=self.num_requests, window=self.duration, now=now
            )
        except CACHE_UNAVAILABLE as error:
            warn_cache_unavailable(error)
            if self.fails_closed:
                raise ThrottleUnavailable from error
            return True
        return allowed

    def wait(self):
        # The first whole second after the oldest time leaves: at exactly oldest + T it still counts.
        # Rounded to the clock's microsecond first, so float noise cannot take a second off.
        return math.floor(round(self.seconds_left, 6)) + 1


class AnonRateThrottle(SlidingLogThrottle, throttling.AnonRateThrottle):
    """THROTTLE_RATE_ANON per client address, for requests without a token."""


class UserRateThrottle(SlidingLogThrottle, throttling.UserRateThrottle):
    """THROTTLE_RATE_USER per user."""


class AuthRateThrottle(SlidingLogThrottle):
    """THROTTLE_RATE_AUTH per client address, for the endpoints that check passwords or send e-mail.

    The client is its address as DRF sees it through NUM_PROXIES, never the whole X-Forwarded-For
    it writes itself. Without its counters these endpoints refuse (503) rather than go unlimited.
    """

    scope = "auth"
    fails_closed = True

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def sliding_log(cache, key, *, limit, window, now=None):
    """Count one request in the client's log if it fits: (allowed, seconds until the next would)."""
    if isinstance(cache, RedisCache):
        return _redis_sliding_log(cache, key, limit, window, now)
    return _local_sliding_log(cache, key, limit, window, now)


_redis_script = None


def _redis_sliding_log(cache, key, limit, window, now):
    global _redis_script
    key = cache.make_and_validate_key(key)
    client = cache._cache.get_client(key, write=True)
    if _redis_script is None:
        # Registered once: later calls send its SHA (EVALSHA), loading it again if Redis lost it.
        _redis_script = client.register_script(SLIDING_LOG)
    allowed, *wait = _redis_script(
        keys=[key], args=[limit, window, uuid.uuid4().hex, "" if now is None else repr(now)], client=client
    )
    return bool(allowed), float(wait[0]) if wait else 0.0


# The same algorithm for the caches without Lua: LocMemCache (tests), which the lock makes atomic
# within its process; the file cache is for development only and not atomic across processes.
_local_lock = threading.Lock()


def _local_sliding_log(cache, key, limit, window, now):
    now = time.time() if now is None else now
    with _local_lock:
        log = [moment for moment in cache.get(key, []) if moment >= now - window]
        if len(log) < limit:
            cache.set(key, [*log, now], timeout=window)
            return True, 0.0
        return False, (min(log) + window - now) if log else float(window)


_last_warning = -math.inf
_warning_lock = threading.Lock()


def warn_cache_unavailable(error):
    """One warning a minute per worker while the cache is down, not one per request (each is counted)."""
    # Imported here: apps.core.metrics holds its view, and DRF imports this module while defining APIView.
    from apps.core import metrics

    global _last_warning
    metrics.cache_errors.inc()
    with _warning_lock:
        if monotonic() - _last_warning < OUTAGE_WARNING_INTERVAL:
            return
        _last_warning = monotonic()
    logger.warning(
        "The cache holding the rate limits is unavailable (%s): auth endpoints answer 503, "
        "other limits are off until it is back.",
        error.__class__.__name__,
    )

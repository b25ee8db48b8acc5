from django.core.cache import cache
from rest_framework import throttling
from rest_framework.settings import api_settings


class FixedWindowThrottle(throttling.SimpleRateThrottle):
    """A counter per client and window in the shared cache: one atomic increment per request.

    DRF's throttles read the client's list of request times, append and write it back: two cache
    round trips, a list as long as the rate, and concurrent workers overwriting each other's counts.
    A fixed window lets a client spend up to twice its rate across a window's edge; never more.
    """

    def get_rate(self):
        # DRF copies the rates once, at import; reading them here lets settings change them.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        ident = self.get_cache_key(request, view)
        if ident is None:
            return True
        now = self.timer()
        window = int(now // self.duration)
        count = _increment(f"{ident}_{window}", timeout=self.duration)
        self.seconds_left = (window + 1) * self.duration - now
        return count <= self.num_requests

    def wait(self):
        return self.seconds_left


def _increment(key, timeout):
    try:
        return cache.incr(key)
    except ValueError:
        # The window's first request, or its counter just expired.
        if cache.add(key, 1, timeout=timeout):
            return 1
        return cache.incr(key)


class AnonRateThrottle(FixedWindowThrottle, throttling.AnonRateThrottle):
    """THROTTLE_RATE_ANON per client address, for requests without a token."""


class UserRateThrottle(FixedWindowThrottle, throttling.UserRateThrottle):
    """THROTTLE_RATE_USER per user."""


class AuthRateThrottle(FixedWindowThrottle):
    """THROTTLE_RATE_AUTH per client address, for the endpoints that check passwords or send e-mail.

    The client is its address as DRF sees it through NUM_PROXIES, never the whole X-Forwarded-For
    it writes itself.
    """

    scope = "auth"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}

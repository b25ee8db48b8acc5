from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle


class AuthRateThrottle(SimpleRateThrottle):
    """THROTTLE_RATE_AUTH per client address, for the endpoints that check passwords or send e-mail.

    The client is its address as DRF sees it through NUM_PROXIES, never the whole X-Forwarded-For
    it writes itself. DRF's throttles read a list of timestamps, append and write it back, so
    concurrent requests in several workers overwrite each other's counts; here each request is one
    increment of a counter for the current window in the shared cache.
    """

    scope = "auth"

    def get_rate(self):
        # DRF copies the rates once, at import; reading them here lets settings change them.
        return api_settings.DEFAULT_THROTTLE_RATES[self.scope]

    def allow_request(self, request, view):
        now = self.timer()
        window = int(now // self.duration)
        key = self.cache_format % {"scope": self.scope, "ident": f"{self.get_ident(request)}_{window}"}
        self.cache.add(key, 0, timeout=self.duration)
        try:
            count = self.cache.incr(key)
        except ValueError:
            # The window's counter expired between add() and incr().
            self.cache.add(key, 1, timeout=self.duration)
            count = 1
        self.seconds_left = (window + 1) * self.duration - now
        return count <= self.num_requests

    def wait(self):
        return self.seconds_left

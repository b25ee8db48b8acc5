import hmac

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from apps.keys import crypto
from apps.keys.lookup import key_with_user
from apps.keys.services import key_touch


class KeyAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>`, a session's or an API key's; `request.auth` is the Key row.

    A key of the wrong shape or checksum is refused before any query; a well-formed one costs one
    indexed query with its user joined, and a write at most once per touch interval.
    """

    keyword = "Token"

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword.lower().encode():
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Invalid token header. Send `Token <key>`."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        return self.authenticate_credentials(key)

    def authenticate_credentials(self, key):
        if not crypto.is_well_formed(key):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        digest = crypto.digest(key)
        row = key_with_user(digest)
        if row is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        # The query matched on the digest (timing there reveals only a digest's prefix, of no use
        # without the key); this guards against a lookup that matches loosely (a collation).
        if not hmac.compare_digest(row.digest, digest):
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        now = timezone.now()
        if row.is_expired(now):
            raise exceptions.AuthenticationFailed(_("Token has expired."))
        if not row.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        key_touch(row, now)
        return row.user, row

    def authenticate_header(self, request):
        return self.keyword

from django.conf import settings
from django.db import models
from django.utils import timezone

from apps.keys.scopes import granted


class Key(models.Model):
    """One session (a signed-in device) or one API key. The key itself is never stored: its digest is.

    Both kinds share one table so that checking any key is one indexed query on `digest`.
    """

    class Kind(models.TextChoices):
        SESSION = "session", "session"
        API = "api", "API key"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="keys")
    kind = models.CharField(max_length=7, choices=Kind.choices)
    # A session's device, or an API key's name.
    name = models.CharField(max_length=100, blank=True)
    # SHA-256 of the whole key, hex (apps/keys/crypto.py).
    digest = models.CharField(max_length=64, unique=True, editable=False)
    # API keys only; a session may do whatever its user may.
    scopes = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Recorded at most once per KEY_TOUCH_INTERVAL, not on every request.
    last_used_at = models.DateTimeField(null=True, blank=True)
    # Sessions: the idle deadline, never past max_expires_at. API keys: optional.
    expires_at = models.DateTimeField(null=True, blank=True)
    # Sessions only: created_at + TOKEN_MAX_AGE (the upgrade's time for keys made before it).
    max_expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [
            # The user's sessions or API keys, most recently used first (listing, the limit).
            models.Index(fields=["user", "kind", "-last_used_at"], name="keys_key_user_kind_used"),
            # clear_expired_keys.
            models.Index(fields=["expires_at"], name="keys_key_expires_at"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.pk} of {self.user}: {self.name}"

    @property
    def is_session(self) -> bool:
        return self.kind == self.Kind.SESSION

    def is_expired(self, now) -> bool:
        return self.expires_at is not None and self.expires_at <= now

    def allows(self, scope: str) -> bool:
        return self.is_session or scope in granted(self.scopes)

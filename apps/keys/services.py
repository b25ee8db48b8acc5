"""Making, using and revoking keys. Views, the admin and the commands call these; nothing else writes keys."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from apps.core.audit import auth_event
from apps.keys import crypto
from apps.keys.models import Key

# A User-Agent is not a field the client fills in for us: cut to the column, not refused.
DEVICE_MAX_LENGTH = Key._meta.get_field("name").max_length


@dataclass(frozen=True)
class IssuedKey:
    """A key just made: the plaintext exists here only, to be shown once."""

    key: str
    instance: Key

    @property
    def expires_at(self):
        return self.instance.expires_at


def touch_interval() -> timedelta:
    """How often a key's last use is written: once a minute, or a tenth of the idle timeout if shorter."""
    return timedelta(seconds=min(60, settings.TOKEN_IDLE_TIMEOUT / 10))


def device_from(request) -> str:
    user_agent = request.META.get("HTTP_USER_AGENT", "") if request is not None else ""
    return user_agent[:DEVICE_MAX_LENGTH]


def session_create(*, user, request, device: str | None = None) -> IssuedKey:
    """A new session for one device; beyond TOKEN_LIMIT_PER_USER the least recently used ones go."""
    now = timezone.now()
    key = crypto.generate(crypto.SESSION_PREFIX)
    max_expires_at = now + timedelta(seconds=settings.TOKEN_MAX_AGE)
    with transaction.atomic():
        # One login of a user at a time (PostgreSQL), so that racing logins each see the others'
        # sessions and the limit holds; logins of different users do not wait for each other.
        list(get_user_model().objects.select_for_update(no_key=True).filter(pk=user.pk).values_list("pk"))
        instance = Key.objects.create(
            user=user,
            kind=Key.Kind.SESSION,
            name=device if device is not None else device_from(request),
            digest=crypto.digest(key),
            created_at=now,
            last_used_at=now,
            expires_at=min(now + timedelta(seconds=settings.TOKEN_IDLE_TIMEOUT), max_expires_at),
            max_expires_at=max_expires_at,
        )
        # The new session is never the one evicted; a limit below 1 is taken as 1.
        keep = max(settings.TOKEN_LIMIT_PER_USER, 1) - 1
        beyond_limit = (
            Key.objects.filter(user=user, kind=Key.Kind.SESSION)
            .exclude(pk=instance.pk)
            .order_by("-last_used_at", "-pk")
            .values("pk")[keep:]
        )
        evicted, _ = Key.objects.filter(pk__in=beyond_limit).delete()
    if evicted:
        auth_event("session_revoked", request=request, user=user, reason="limit", count=evicted)
    return IssuedKey(key=key, instance=instance)


def session_create_for_login(token_model, user, serializer) -> IssuedKey:
    """dj-rest-auth's TOKEN_CREATOR: login, registration and MFA verification make a session."""
    device = getattr(serializer, "validated_data", {}).get("device") or None
    return session_create(user=user, request=serializer.context.get("request"), device=device)


def api_key_create(
    *, user, name: str, scopes: list[str], expires_at: datetime | None, request=None
) -> IssuedKey:
    key = crypto.generate(crypto.API_KEY_PREFIX)
    instance = Key.objects.create(
        user=user,
        kind=Key.Kind.API,
        name=name,
        digest=crypto.digest(key),
        scopes=sorted(set(scopes)),
        created_at=timezone.now(),
        expires_at=expires_at,
    )
    auth_event("key_created", request=request, user=user, key_id=instance.pk, scopes=instance.scopes)
    return IssuedKey(key=key, instance=instance)


def key_revoke(*, key: Key, request=None, event: str | None = None) -> None:
    """One session or API key; logged as `event` (logout) or else as its revocation."""
    key_id = key.pk
    key.delete()
    event = event or ("session_revoked" if key.is_session else "key_revoked")
    auth_event(event, request=request, user=key.user, key_id=key_id)


def sessions_revoke(*, user, keep: Key | None = None, request=None) -> int:
    """Every session of the user but `keep`; API keys stay."""
    sessions = Key.objects.filter(user=user, kind=Key.Kind.SESSION)
    if keep is not None:
        sessions = sessions.exclude(pk=keep.pk)
    revoked, _ = sessions.delete()
    if revoked:
        auth_event("session_revoked", request=request, user=user, count=revoked)
    return revoked


def keys_revoke_all(*, user, request=None) -> int:
    """Every session and every API key of the user."""
    revoked, _ = Key.objects.filter(user=user).delete()
    if revoked:
        auth_event("key_revoked", request=request, user=user, count=revoked, kinds="all")
    return revoked


def key_touch(key: Key, now: datetime) -> None:
    """Record a use, at most once per touch_interval(), moving a session's idle deadline.

    The UPDATE is conditional on the last use read with the key: of several workers serving the
    same key at once, one writes.
    """
    if key.last_used_at is not None and now - key.last_used_at < touch_interval():
        return
    changes = {"last_used_at": now}
    if key.is_session:
        changes["expires_at"] = min(now + timedelta(seconds=settings.TOKEN_IDLE_TIMEOUT), key.max_expires_at)
    Key.objects.filter(pk=key.pk, last_used_at=key.last_used_at).update(**changes)
    for field, value in changes.items():
        setattr(key, field, value)


def expired_keys_delete(*, now: datetime | None = None) -> int:
    deleted, _ = Key.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


class ServiceNameTaken(Exception):
    """The name belongs to a person's account: a service account may not take it."""


def service_account_get_or_create(*, name: str):
    """The service account `name`, made on first use: no password, no e-mail, `is_service`.

    Returns (user, created). A person's username, in any letter case, raises ServiceNameTaken; a
    name the username rules refuse raises django.core.exceptions.ValidationError.
    """
    User = get_user_model()
    existing = User.objects.filter(username__iexact=name).first()
    if existing is not None:
        if not existing.is_service:
            raise ServiceNameTaken(f"{existing.username!r} is a person's account, not a service account.")
        return existing, False
    User._meta.get_field("username").run_validators(name)
    user = User(username=name, email="", is_service=True)
    user.set_unusable_password()
    user.save()
    return user, True


def service_key_create(
    *,
    service: str,
    scopes: list[str],
    expires_at: datetime | None = None,
    name: str = "service key",
    request=None,
):
    """An API key of the service account `service` (made on first use). Returns (IssuedKey, created)."""
    with transaction.atomic():
        user, created = service_account_get_or_create(name=service)
        issued = api_key_create(user=user, name=name, scopes=scopes, expires_at=expires_at, request=request)
    return issued, created

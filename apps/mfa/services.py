"""What dj-rest-auth's MFA module leaves open, made tight: a code, a recovery code and an ephemeral
token each work once, atomically across workers, and failed codes lock the account like failed
passwords. Views, the account deletion and the admin call these."""

import hashlib
import hmac
import secrets
from contextlib import contextmanager
from datetime import timedelta

import pyotp
from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.core.internal import ratelimit
from dj_rest_auth.app_settings import api_settings
from dj_rest_auth.mfa.models import Authenticator
from dj_rest_auth.mfa.recovery_codes import RecoveryCodes
from dj_rest_auth.mfa.totp import _signer as totp_secret_signer
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from rest_framework.exceptions import Throttled

from apps.core.audit import auth_event
from apps.mfa.models import UsedEphemeralToken

EPHEMERAL_TOKEN_SALT = "apps.mfa.ephemeral-token"


class InvalidEphemeralToken(Exception):
    """Forged, expired, already used, or its user is gone or inactive."""


def mfa_enabled(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def ephemeral_token_create(*, user, device: str | None) -> str:
    """What login answers instead of a key when MFA is on. Signed, not stored: it carries the user
    and the device that login was given, so that verify/ names the session as login would have.
    The time is django.utils.timezone's (the library's TimestampSigner reads time.time())."""
    # The nonce tells apart two logins in the same second, which would sign the same payload.
    payload = {
        "user": user.pk,
        "device": device,
        "issued": timezone.now().timestamp(),
        "nonce": secrets.token_urlsafe(12),
    }
    return signing.dumps(payload, salt=EPHEMERAL_TOKEN_SALT, compress=True)


def ephemeral_token_read(token: str):
    """(user, device) of a token within its lifetime (MFA_EPHEMERAL_TOKEN_TIMEOUT); its use is
    checked by ephemeral_token_use()."""
    try:
        payload = signing.loads(token, salt=EPHEMERAL_TOKEN_SALT)
    except signing.BadSignature as error:
        raise InvalidEphemeralToken from error
    age = timezone.now().timestamp() - payload["issued"]
    if not 0 <= age <= api_settings.MFA_EPHEMERAL_TOKEN_TIMEOUT:
        raise InvalidEphemeralToken
    user = get_user_model().objects.filter(pk=payload["user"], is_active=True).first()
    if user is None:
        raise InvalidEphemeralToken
    return user, payload["device"]


def ephemeral_token_use(token: str) -> None:
    """Marks the token used; raises InvalidEphemeralToken if it was already. Call it inside the
    transaction that makes the session: a rollback gives the token back."""
    now = timezone.now()
    digest = hashlib.sha256(token.encode()).hexdigest()
    try:
        with transaction.atomic():
            UsedEphemeralToken.objects.create(digest=digest, used_at=now)
    except IntegrityError as error:
        raise InvalidEphemeralToken from error
    lifetime = timedelta(seconds=api_settings.MFA_EPHEMERAL_TOKEN_TIMEOUT)
    UsedEphemeralToken.objects.filter(used_at__lt=now - lifetime).delete()


def totp_step(secret: str, code: str, *, now=None) -> int | None:
    """The time step whose code this is, within the library's window of one step either side."""
    totp = pyotp.TOTP(secret, digits=api_settings.MFA_TOTP_DIGITS, interval=api_settings.MFA_TOTP_PERIOD)
    current = totp.timecode(now or timezone.now())
    for step in (current - 1, current, current + 1):
        if hmac.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def totp_code_use(*, user, code: str) -> bool:
    """True once per code: a code whose time step is not after the last one used is refused.

    dj-rest-auth reads the last code, compares and writes (two workers both accept it) and only
    remembers the very last code (an older one still inside the window works again). Here one
    conditional UPDATE moves the step forward: of concurrent uses, one matches the WHERE.
    """
    authenticator = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).first()
    if authenticator is None:
        return False
    now = timezone.now()
    step = totp_step(totp_secret_signer.unsign(authenticator.data["secret"]), code.strip(), now=now)
    if step is None:
        return False
    not_used_yet = Q(data__last_step__isnull=True) | Q(data__last_step__lt=step)
    updated = Authenticator.objects.filter(not_used_yet, pk=authenticator.pk).update(
        data={**authenticator.data, "last_step": step}, last_used_at=now
    )
    return updated == 1


def totp_enable(*, user, secret: str, code: str):
    """Turns MFA on with the secret of the activation token and the code that proved it: that code
    is used up, like any other. Returns the new recovery codes."""
    data = {"secret": totp_secret_signer.sign(secret)}
    step = totp_step(secret, code.strip())
    if step is not None:  # the library checked the code on time.time(), this on timezone.now()
        data["last_step"] = step
    with transaction.atomic():
        authenticator = Authenticator.objects.create(user=user, type=Authenticator.Type.TOTP, data=data)
        codes = RecoveryCodes.activate(user)
    return authenticator, codes


def totp_disable(*, user) -> None:
    Authenticator.objects.filter(user=user).delete()


def recovery_code_use(*, user, code: str) -> bool:
    # The library's: the row is locked (SELECT ... FOR UPDATE) while its used bit is set.
    return RecoveryCodes.validate_code(user, code)


def second_factor_use(*, user, code: str, recovery: bool = True) -> bool:
    """A TOTP code, or (if `recovery`) an unused recovery code; either is used up."""
    return totp_code_use(user=user, code=code) or (recovery and recovery_code_use(user=user, code=code))


def lock_keys(request, user) -> list[str]:
    """allauth's login_failed keys for the account: its username and its address, which login takes
    alike, so that failed codes and failed passwords fill the same counters."""
    adapter = get_adapter(request)
    identifiers = [user.username, user.email]
    return [adapter._get_login_attempts_cache_key(request, username=value) for value in identifiers if value]


@contextmanager
def account_lock(request, user):
    """One failed attempt against the account's lock (ACCOUNT_RATE_LIMITS["login_failed"], 10 per
    15 minutes from any address), given back when the block finishes without an exception.

    A locked account raises Throttled (429, Retry-After) before anything is checked.
    """
    usages = []
    for key in lock_keys(request, user):
        usage = ratelimit.consume(request, app="allauth.account", action="login_failed", key=key)
        if usage is None:
            for taken in usages:
                taken.rollback()
            auth_event("account_locked", request=request, user=user)
            rates = ratelimit.parse_rates(allauth_settings.RATE_LIMITS.get("login_failed"))
            raise Throttled(wait=max(rate.duration for rate in rates))
        usages.append(usage)
    yield
    for usage in usages:
        usage.rollback()

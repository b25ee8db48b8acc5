"""dj-rest-auth's views, made token-only: the public ones ignore stale tokens, and the ones that check
a password or send an e-mail count against THROTTLE_RATE_AUTH per client.

The class names are dj-rest-auth's own, so that its documentation and the schema hints match.
"""

from contextlib import suppress

from allauth.account.models import EmailAddress
from allauth.core import ratelimit
from dj_rest_auth import views as rest_auth
from dj_rest_auth.registration import views as registration
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from apps.accounts.adapter import EmailNotSent
from apps.core.audit import auth_event
from apps.core.throttles import AuthRateThrottle

AUTH_THROTTLES = [*api_settings.DEFAULT_THROTTLE_CLASSES, AuthRateThrottle]


class AuthThrottleMixin:
    """THROTTLE_RATE_AUTH per client on top of the default limits; each refusal is an auth event."""

    throttle_classes = AUTH_THROTTLES

    def throttled(self, request, wait):
        auth_event("throttled", request=request, user=request.user)
        super().throttled(request, wait)


class PublicAuthView(AuthThrottleMixin):
    """For callers without a token: an old Authorization header sent along must not make a 401."""

    authentication_classes = []
    permission_classes = [AllowAny]


class RegisterView(PublicAuthView, registration.RegisterView):
    def perform_create(self, serializer):
        # The user, its address, its token and the verification e-mail: all or nothing, so that a
        # failing mail server leaves no account behind that a retry would call already registered.
        with transaction.atomic():
            return super().perform_create(serializer)


class VerifyEmailView(PublicAuthView, registration.VerifyEmailView):
    pass


class ResendEmailVerificationView(PublicAuthView, registration.ResendEmailVerificationView):
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # dj-rest-auth matches the address letter for letter; allauth stores it in lowercase.
        address = EmailAddress.objects.filter(
            email__iexact=serializer.validated_data["email"], verified=False
        ).first()
        # allauth's cooldown (ACCOUNT_RATE_LIMITS["confirm_email"]): one e-mail per address per few
        # minutes, whoever asks; the earlier link still works. The throttle only counts per client.
        if address and ratelimit.consume(request, action="confirm_email", key=address.email.lower()):
            # A failure is logged by the adapter; a different answer would tell who has an account.
            with suppress(EmailNotSent):
                address.send_confirmation(request)
        return Response({"detail": _("ok")})


class LoginView(PublicAuthView, rest_auth.LoginView):
    def login(self):
        super().login()
        # Failures are logged by the serializer, which knows the identifier that was tried.
        auth_event("login_succeeded", request=self.request, user=self.user)


class LogoutView(rest_auth.LogoutView):
    # Logging out needs the token it deletes: without one it is a 401, like any protected call.
    permission_classes = [IsAuthenticated]
    # Never on GET, whatever ACCOUNT_LOGOUT_ON_GET says: a link or a prefetch must not log out.
    http_method_names = ["post", "options"]


class UserDetailsView(rest_auth.UserDetailsView):
    pass


class PasswordChangeView(AuthThrottleMixin, rest_auth.PasswordChangeView):
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            serializer.save()
            # The token used for the call may be a stolen one: it goes, and the caller's device
            # stays signed in with the new key.
            Token.objects.filter(user=request.user).delete()
            token = Token.objects.create(user=request.user)
        auth_event("password_changed", request=request, user=request.user)
        return Response({"detail": _("New password has been saved."), "key": token.key})


class PasswordResetView(PublicAuthView, rest_auth.PasswordResetView):
    pass


class PasswordResetConfirmView(PublicAuthView, rest_auth.PasswordResetConfirmView):
    def post(self, request, *args, **kwargs):
        # dj-rest-auth's, keeping the user for the event.
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.save()
        auth_event("password_reset", request=request, user=user, step="confirmed")
        return Response({"detail": _("Password has been reset with the new password.")})

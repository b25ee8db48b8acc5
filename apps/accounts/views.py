"""dj-rest-auth's views, made token-only: the public ones ignore stale tokens, and the ones that check
a password or send an e-mail count against THROTTLE_RATE_AUTH per client.

The class names are dj-rest-auth's own, so that its documentation and the schema hints match.
"""

from contextlib import suppress

from allauth.account import app_settings as allauth_settings
from allauth.account.models import EmailAddress
from allauth.account.utils import complete_signup
from allauth.core import ratelimit
from dj_rest_auth import views as rest_auth
from dj_rest_auth.app_settings import api_settings as rest_auth_settings
from dj_rest_auth.registration import views as registration
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import SAFE_METHODS, AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings

from apps.accounts.adapter import EmailNotSent
from apps.accounts.serializers import AccountDeleteSerializer
from apps.accounts.services import account_delete
from apps.core.audit import auth_event
from apps.core.throttles import AuthRateThrottle
from apps.keys.models import Key
from apps.keys.permissions import IsSession
from apps.keys.services import key_revoke, session_create, sessions_revoke
from apps.mfa import services as mfa_services

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
    issued = None

    def perform_create(self, serializer):
        # dj-rest-auth's own discards what TOKEN_CREATOR makes and answers `user.auth_token`, DRF's
        # Token: the same steps, keeping the session made. The user, its address, its session and
        # the verification e-mail: all or nothing, so that a failing mail server leaves no account
        # behind that a retry would call already registered.
        with transaction.atomic():
            user = serializer.save(self.request)
            if user is None:
                # A taken address under mandatory verification: answered as a free one, no account.
                return None
            if allauth_settings.EMAIL_VERIFICATION != allauth_settings.EmailVerificationMethod.MANDATORY:
                self.issued = rest_auth_settings.TOKEN_CREATOR(Key, user, serializer)
            complete_signup(self.request._request, user, allauth_settings.EMAIL_VERIFICATION, None)
        return user

    def get_response_data(self, user):
        if self.issued is None:
            return super().get_response_data(user)
        return rest_auth_settings.TOKEN_SERIALIZER(self.issued, context=self.get_serializer_context()).data


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
    ephemeral_token = None

    def login(self):
        # dj-rest-auth's MFALoginView, with apps.mfa's token: it carries the device, works once.
        user = self.serializer.validated_data["user"]
        if mfa_services.mfa_enabled(user):
            device = self.serializer.validated_data.get("device") or None
            self.ephemeral_token = mfa_services.ephemeral_token_create(user=user, device=device)
            return
        super().login()
        # Failures are logged by the serializer, which knows the identifier that was tried.
        auth_event("login_succeeded", request=self.request, user=self.user)

    def get_response(self):
        if self.ephemeral_token is not None:
            return Response({"mfa_required": True, "ephemeral_token": self.ephemeral_token})
        return super().get_response()


class LogoutView(rest_auth.LogoutView):
    # Logging out needs the session it ends: without one it is a 401, like any protected call.
    permission_classes = [IsAuthenticated, IsSession]
    # Never on GET, whatever ACCOUNT_LOGOUT_ON_GET says: a link or a prefetch must not log out.
    http_method_names = ["post", "options"]

    def logout(self, request):
        # dj-rest-auth deletes `user.auth_token`, DRF's Token, and revokes nothing of ours.
        key_revoke(key=request.auth, request=request, event="logout")
        return Response({"detail": _("Successfully logged out.")})


class UserDetailsView(rest_auth.UserDetailsView):
    def get_permissions(self):
        # An API key may ask who it belongs to; changing the account needs a session. Per method,
        # so that the schema too lists PUT and PATCH as taking a session only.
        if self.request.method in SAFE_METHODS:
            return [IsAuthenticated()]
        return [IsAuthenticated(), IsSession()]


class PasswordChangeView(AuthThrottleMixin, rest_auth.PasswordChangeView):
    permission_classes = [IsAuthenticated, IsSession]

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        with transaction.atomic():
            serializer.save()
            # The session used for the call may be a stolen one: every session goes, and the
            # caller's device stays signed in with a new one. API keys are kept.
            sessions_revoke(user=request.user, request=request)
            issued = session_create(user=request.user, request=request, device=request.auth.name)
        answer = rest_auth_settings.TOKEN_SERIALIZER(issued).data
        auth_event("password_changed", request=request, user=request.user)
        return Response({"detail": _("New password has been saved."), **answer})


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


class AccountDeleteView(AuthThrottleMixin, GenericAPIView):
    """The caller's own account, for good (app stores require it of every app with sign-up)."""

    permission_classes = [IsAuthenticated, IsSession]
    serializer_class = AccountDeleteSerializer

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        account_delete(user=request.user, request=request)
        return Response(status=status.HTTP_204_NO_CONTENT)

"""dj-rest-auth's MFA views, for sessions only (an API key gets a 403), with single-use codes and
tokens (apps.mfa.services) and the project's auth events. Login's MFA answer is in
apps.accounts.views.LoginView."""

from dj_rest_auth.app_settings import api_settings as rest_auth_settings
from dj_rest_auth.mfa import views as library
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from apps.accounts.views import AuthThrottleMixin, PublicAuthView
from apps.core.audit import auth_event
from apps.keys.permissions import IsSession
from apps.keys.services import session_create, sessions_revoke
from apps.mfa import services
from apps.mfa.serializers import code_check

ALREADY_ENABLED = _("MFA is already enabled. Deactivate it before activating again.")
NOT_ENABLED = _("MFA is not enabled.")


class SessionOnly:
    # The library's IsAuthenticated alone would let an API key turn MFA off.
    permission_classes = [IsAuthenticated, IsSession]


class MFAVerifyView(PublicAuthView, library.MFAVerifyView):
    """The ephemeral token and a code for a session, like login's. The library's token is reusable
    for its whole lifetime and its code check is not atomic: both are used up here, in the
    transaction that makes the session, so that of two concurrent tries one succeeds."""

    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = serializer.user
        try:
            with transaction.atomic():
                services.ephemeral_token_use(serializer.validated_data["ephemeral_token"])
                code_check(request=request, user=user, code=serializer.validated_data["code"])
                issued = session_create(user=user, request=request, device=serializer.device)
        except services.InvalidEphemeralToken:
            raise serializers.ValidationError({"ephemeral_token": [_("Invalid or expired token.")]}) from None
        auth_event("login_succeeded", request=request, user=user, mfa=True)
        return Response(rest_auth_settings.TOKEN_SERIALIZER(issued).data)


class TOTPActivateView(SessionOnly, library.TOTPActivateView):
    def post(self, request, *args, **kwargs):
        if services.mfa_enabled(request.user):
            return Response({"detail": ALREADY_ENABLED}, status=status.HTTP_400_BAD_REQUEST)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            with transaction.atomic():
                # The activation code is used up too; the library would accept it once more.
                _authenticator, codes = services.totp_enable(
                    user=request.user,
                    secret=serializer.validated_data["secret"],
                    code=serializer.validated_data["code"],
                )
                # Whoever holds another session may be why MFA is being turned on.
                sessions_revoke(user=request.user, keep=request.auth, request=request)
        except IntegrityError:  # a concurrent activation won
            return Response({"detail": ALREADY_ENABLED}, status=status.HTTP_400_BAD_REQUEST)
        auth_event("mfa_enabled", request=request, user=request.user)
        return Response({"recovery_codes": codes})


class TOTPDeactivateView(SessionOnly, AuthThrottleMixin, library.TOTPDeactivateView):
    def post(self, request, *args, **kwargs):
        if not services.mfa_enabled(request.user):
            return Response({"detail": NOT_ENABLED}, status=status.HTTP_400_BAD_REQUEST)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.totp_disable(user=request.user)
        auth_event("mfa_disabled", request=request, user=request.user)
        return Response({"detail": _("TOTP has been deactivated.")})


class MFAStatusView(SessionOnly, library.MFAStatusView):
    pass


class RecoveryCodesView(SessionOnly, library.RecoveryCodesView):
    pass


class RecoveryCodesRegenerateView(SessionOnly, library.RecoveryCodesRegenerateView):
    pass

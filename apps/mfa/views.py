"""dj-rest-auth's MFA views, for sessions only (an API key gets a 403), with single-use codes and
tokens (apps.mfa.services) and the project's auth events. Login's MFA answer is in
apps.accounts.views.LoginView."""

from dj_rest_auth.app_settings import api_settings as rest_auth_settings
from dj_rest_auth.mfa import serializers as library_serializers
from dj_rest_auth.mfa import views as library
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from apps.accounts.views import AuthThrottleMixin, PublicAuthView
from apps.core.audit import auth_event
from apps.core.schema import ErrorDetailSerializer
from apps.keys.permissions import IsSession
from apps.keys.services import session_create, sessions_revoke
from apps.mfa import services
from apps.mfa.serializers import (
    MFAVerifySerializer,
    TOTPActivateConfirmSerializer,
    TOTPDeactivateSerializer,
    code_check,
)

DETAIL = inline_serializer("MfaDetail", {"detail": serializers.CharField()})
RECOVERY_CODES = library_serializers.RecoveryCodesSerializer
LOCKED = (
    " Each wrong code counts against the account's lock, with failed logins (10 per 15 minutes, "
    "from any address): a locked account is a `429`."
)

ALREADY_ENABLED = _("MFA is already enabled. Deactivate it before activating again.")
NOT_ENABLED = _("MFA is not enabled.")


class SessionOnly:
    # The library's IsAuthenticated alone would let an API key turn MFA off.
    permission_classes = [IsAuthenticated, IsSession]


@extend_schema(
    summary="Log in, second step: the ephemeral token and a code for a session",
    description=(
        "`ephemeral_token` is login's answer when MFA is on; it works once, for 5 minutes. `code` is "
        "a current code of the authenticator app (each is accepted once) or an unused recovery code "
        "(used up). The session is named from login's `device` (else this call's User-Agent)." + LOCKED
    ),
    request=MFAVerifySerializer,
    responses={200: OpenApiResponse(rest_auth_settings.TOKEN_SERIALIZER, description="A new session.")},
)
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


@extend_schema(
    methods=["GET"],
    summary="Start turning MFA on: a new secret, its otpauth:// URL and QR code",
    description=(
        "Show the QR code (or the secret) to the user's authenticator app, then POST a code it shows "
        "with the `activation_token` (valid for 5 minutes). Nothing changes until then."
    ),
)
@extend_schema(
    methods=["POST"],
    summary="Turn MFA on with a code of the authenticator app",
    description=(
        "Answers the recovery codes, each good for one login without the app: store them. Every "
        "other session of the user is signed out; this one stays. Already on: a `400`."
    ),
    request=TOTPActivateConfirmSerializer,
    responses={
        200: inline_serializer(
            "RecoveryCodesIssued", {"recovery_codes": serializers.ListField(child=serializers.CharField())}
        )
    },
)
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


@extend_schema(
    summary="Turn MFA off with a current code of the authenticator app",
    description="The secret and the recovery codes are deleted. Not on: a `400`." + LOCKED,
    request=TOTPDeactivateSerializer,
    responses={200: DETAIL},
)
class TOTPDeactivateView(SessionOnly, AuthThrottleMixin, library.TOTPDeactivateView):
    def post(self, request, *args, **kwargs):
        if not services.mfa_enabled(request.user):
            return Response({"detail": NOT_ENABLED}, status=status.HTTP_400_BAD_REQUEST)
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.totp_disable(user=request.user)
        auth_event("mfa_disabled", request=request, user=request.user)
        return Response({"detail": _("TOTP has been deactivated.")})


@extend_schema(summary="Whether MFA is on, since when, and its last use")
class MFAStatusView(SessionOnly, library.MFAStatusView):
    pass


@extend_schema(
    summary="The unused recovery codes",
    description="A POST, so that no cache or proxy keeps them. Empty while MFA is off.",
    request=None,
    responses={200: RECOVERY_CODES},
)
class RecoveryCodesView(SessionOnly, library.RecoveryCodesView):
    pass


@extend_schema(
    summary="New recovery codes: the old ones stop working",
    description="MFA must be on (else a `400`).",
    request=None,
    responses={200: RECOVERY_CODES, 400: OpenApiResponse(ErrorDetailSerializer, description="MFA is off.")},
)
class RecoveryCodesRegenerateView(SessionOnly, library.RecoveryCodesRegenerateView):
    pass

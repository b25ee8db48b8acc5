"""dj-rest-auth's MFA serializers (REST_AUTH["MFA_*"]), checking codes through apps.mfa.services."""

from dj_rest_auth.mfa import serializers as library
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from apps.core.audit import auth_event
from apps.mfa import services

INVALID_CODE = _("Invalid code.")
# A TOTP code is 6 digits, a recovery code `abcd-efgh`; room for spaces around either.
CODE_MAX_LENGTH = 20


def code_field(**kwargs):
    return serializers.CharField(max_length=CODE_MAX_LENGTH, trim_whitespace=True, **kwargs)


def code_check(*, request, user, code: str, recovery: bool = True) -> None:
    """A wrong code is a 400 naming `code` and a failed attempt against the account's lock."""
    with services.account_lock(request, user):
        if not services.second_factor_use(user=user, code=code, recovery=recovery):
            auth_event("mfa_failed", request=request, user=user)
            raise serializers.ValidationError({"code": [INVALID_CODE]})


class MFAVerifySerializer(serializers.Serializer):
    """Checks the ephemeral token only; the view checks the code, once the token is claimed."""

    ephemeral_token = serializers.CharField(max_length=1000, help_text="From the login answer.")
    code = code_field(help_text="A code of the authenticator app, or an unused recovery code.")

    def validate_ephemeral_token(self, token):
        try:
            self.user, self.device = services.ephemeral_token_read(token)
        except services.InvalidEphemeralToken:
            raise serializers.ValidationError(_("Invalid or expired token.")) from None
        return token


class TOTPActivateConfirmSerializer(library.TOTPActivateConfirmSerializer):
    activation_token = serializers.CharField(max_length=1000)
    code = code_field()


class TOTPDeactivateSerializer(serializers.Serializer):
    """The library's checks a code by read-compare-write; this one uses it up and counts a failure."""

    code = code_field(help_text="A current code of the authenticator app (not a recovery code).")

    def validate(self, attrs):
        request = self.context["request"]
        code_check(request=request, user=request.user, code=attrs["code"], recovery=False)
        return attrs

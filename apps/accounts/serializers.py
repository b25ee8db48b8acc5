from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.utils import user_pk_to_url_str
from allauth.core.internal.ratelimit import parse_rates
from dj_rest_auth import serializers as rest_auth
from dj_rest_auth.registration import serializers as registration
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from rest_framework import serializers
from rest_framework.exceptions import Throttled

from apps.accounts.forms import PasswordResetForm
from apps.accounts.models import EMAIL_TAKEN, USERNAME_TAKEN
from apps.core.audit import auth_event
from apps.keys.serializers import device_field
from apps.keys.services import keys_revoke_all

User = get_user_model()


def duplicate_account_error(error: IntegrityError) -> serializers.ValidationError:
    """The 400 for a row the unique constraints refused: two requests raced past validation."""
    # The first line names the constraint (PostgreSQL puts the refused values on the next one).
    message = str(error).splitlines()[0] if str(error) else ""
    if "accounts_user_email" in message:
        return serializers.ValidationError({"email": [EMAIL_TAKEN]})
    if "accounts_user_username" in message or "accounts_user.username" in message:
        return serializers.ValidationError({"username": [USERNAME_TAKEN]})
    raise error


def password_reset_confirm_url(request, user, temp_key):
    """The reset link, carrying the very uid and token that password/reset/confirm/ takes."""
    return settings.PASSWORD_RESET_CONFIRM_URL.format(uid=user_pk_to_url_str(user), token=temp_key)


class LoginSerializer(rest_auth.LoginSerializer):
    device = device_field()

    def validate(self, attrs):
        try:
            return super().validate(attrs)
        except serializers.ValidationError:
            # Wrong password, unknown account, inactive or unverified: the attempt, hashed.
            identifier = attrs.get("username") or attrs.get("email")
            auth_event("login_failed", request=self.context["request"], identifier=identifier)
            raise

    def authenticate(self, **credentials):
        # dj-rest-auth calls Django's authenticate() directly, which skips allauth's
        # ACCOUNT_RATE_LIMITS["login_failed"]: failed logins per account, whatever the client's
        # address. The adapter applies them (a success gives its attempt back).
        request = self.context["request"]
        try:
            user = get_adapter(request).authenticate(request, **credentials)
        except DjangoValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            identifier = credentials.get("username") or credentials.get("email")
            auth_event("account_locked", request=request, identifier=identifier)
            rates = parse_rates(allauth_settings.RATE_LIMITS.get("login_failed"))
            raise Throttled(wait=max(rate.duration for rate in rates)) from error
        # A service account holds API keys only: nobody logs in as it, whatever its password.
        if user is not None and user.is_service:
            return None
        return user


class RegisterSerializer(registration.RegisterSerializer):
    device = device_field()

    def validate_email(self, email):
        email = super().validate_email(email)
        # dj-rest-auth only looks at verified addresses; any account holding the address counts.
        if User.objects.filter(email__iexact=email).exists():
            raise serializers.ValidationError(EMAIL_TAKEN)
        return email

    def save(self, request):
        try:
            with transaction.atomic():
                return super().save(request)
        except IntegrityError as error:
            raise duplicate_account_error(error) from error


class UserDetailsSerializer(serializers.ModelSerializer):
    """The caller's own account. Anything not listed (is_staff, password...) cannot be set here."""

    class Meta:
        model = User
        fields = ("pk", "username", "email", "first_name", "last_name")
        read_only_fields = ("pk", "email")

    def validate_username(self, username):
        # allauth's clean_username also counts the caller's own row, so saving one's own username
        # would be refused: run its validators without that lookup, then check the others.
        username = get_adapter().clean_username(username, shallow=True)
        if User.objects.filter(username__iexact=username).exclude(pk=self.instance.pk).exists():
            raise serializers.ValidationError(USERNAME_TAKEN)
        return username

    def update(self, instance, validated_data):
        try:
            with transaction.atomic():
                return super().update(instance, validated_data)
        except IntegrityError as error:
            raise duplicate_account_error(error) from error


class PasswordResetSerializer(rest_auth.PasswordResetSerializer):
    password_reset_form_class = PasswordResetForm

    def get_email_options(self):
        # dj-rest-auth's default link reverses a URL name nothing defines: a 500.
        return {"url_generator": password_reset_confirm_url}

    def save(self):
        super().save()
        users = self.reset_form.users
        auth_event(
            "password_reset",
            request=self.context.get("request"),
            user=users[0] if users else None,
            identifier=self.validated_data["email"],
            step="requested",
        )
        if not users:
            # An unknown address gets an e-mail too: the same work, time and answer as a known one.
            get_adapter().send_mail("accounts/email/unknown_account", self.validated_data["email"], {})


class PasswordResetConfirmSerializer(rest_auth.PasswordResetConfirmSerializer):
    def save(self):
        with transaction.atomic():
            user = super().save()
            # Whoever held a session or an API key may be who made the reset necessary.
            keys_revoke_all(user=user, request=self.context.get("request"))
        return user

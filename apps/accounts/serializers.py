from allauth.account import app_settings as allauth_settings
from allauth.account.adapter import get_adapter
from allauth.account.utils import user_pk_to_url_str
from allauth.core import ratelimit
from allauth.core.internal.ratelimit import parse_rates
from dj_rest_auth import serializers as rest_auth
from dj_rest_auth.registration import serializers as registration
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.exceptions import Throttled

from apps.accounts.forms import PasswordResetForm
from apps.accounts.models import EMAIL_TAKEN, USERNAME_TAKEN
from apps.accounts.passwords import password_field
from apps.core.audit import auth_event
from apps.keys.serializers import device_field
from apps.keys.services import keys_revoke_all
from apps.mfa import services as mfa_services
from apps.mfa.serializers import code_check, code_field

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
    password = password_field()
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


def taken_addresses_hidden():
    """allauth's rule (ACCOUNT_PREVENT_ENUMERATION): a taken address can be answered like a free one
    only under mandatory verification, where no registration answers a key before its address is
    proven. Otherwise the 201 would carry a key, so a taken address has to be a 400."""
    return (
        bool(allauth_settings.PREVENT_ENUMERATION)
        and allauth_settings.EMAIL_VERIFICATION == allauth_settings.EmailVerificationMethod.MANDATORY
    )


class RegisterSerializer(registration.RegisterSerializer):
    """dj-rest-auth's registration, with the contract's limits and a taken address kept secret.

    `save()` answers None for a taken address under mandatory verification (nothing is written; the
    owner is told by e-mail) and the view answers as for a free one.
    """

    # dj-rest-auth's EmailField has no max_length, and allauth cuts the value to the column's.
    email = serializers.EmailField(max_length=User._meta.get_field("email").max_length)
    password1 = password_field()
    password2 = password_field()
    device = device_field()

    account_already_exists = False

    def validate_email(self, email):
        # Replaces dj-rest-auth's, which refuses a verified address before allauth's enumeration
        # rule gets a say (dj-rest-auth #563) and lets an unverified one through to the database.
        email = get_adapter().clean_email(email)
        if User.objects.filter(email__iexact=email).exists():
            if not taken_addresses_hidden():
                raise serializers.ValidationError(EMAIL_TAKEN)
            self.account_already_exists = True
        return email

    def save(self, request):
        if self.account_already_exists:
            return self.save_nothing_for_taken_address(request)
        try:
            with transaction.atomic():
                return super().save(request)
        except IntegrityError as error:
            refusal = duplicate_account_error(error)
            if "email" in refusal.detail and taken_addresses_hidden():
                # A registration of the same address won the race: answered as a taken one.
                return self.save_nothing_for_taken_address(request)
            raise refusal from error

    def save_nothing_for_taken_address(self, request):
        """A free address's work without its writes: the same time and the same 400s, no trace."""
        adapter = get_adapter()
        self.cleaned_data = self.get_cleaned_data()
        # Hashes the password, as for a new account; commit=False writes nothing.
        user = adapter.save_user(request, adapter.new_user(request), self, commit=False)
        try:
            adapter.clean_password(self.cleaned_data["password1"], user=user)
        except DjangoValidationError as error:
            raise serializers.ValidationError(detail=serializers.as_serializer_error(error)) from error
        owner = User.objects.get(email__iexact=self.cleaned_data["email"])
        # The verification e-mails' cooldown per address (allauth's "confirm_email"): retried
        # registrations, from however many clients, cannot flood the owner's inbox.
        if ratelimit.consume(request, action="confirm_email", key=owner.email.lower()):
            adapter.send_mail("accounts/email/account_already_exists", owner.email, {})
        return None


class UserDetailsSerializer(serializers.ModelSerializer):
    """The caller's own account. Anything not listed (is_staff, password...) cannot be set here."""

    # Declared without the model's validators, which validate_username runs only on a new name: an
    # account named before the username rule can still save its details with its own name.
    username = serializers.CharField(max_length=User._meta.get_field("username").max_length)

    class Meta:
        model = User
        fields = ("pk", "username", "email", "first_name", "last_name")
        read_only_fields = ("pk", "email")

    def validate_username(self, username):
        if username == self.instance.username:
            return username
        # allauth's clean_username also counts the caller's own row, so changing the letter case of
        # one's own username would be refused: run its validators without that lookup, then check
        # the others.
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
        # allauth's per-address limit (ACCOUNT_RATE_LIMITS["reset_password"]), which dj-rest-auth's
        # form never consumes: however many clients ask, an address, known or not, gets one e-mail
        # per cooldown. The answer stays the same; the earlier link still works.
        email = self.validated_data["email"].strip().lower()
        if not ratelimit.consume(self.context["request"], action="reset_password", key=email):
            return
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


class PasswordChangeSerializer(rest_auth.PasswordChangeSerializer):
    # dj-rest-auth caps these at 128 characters, shorter than the passwords registration takes.
    old_password = password_field()
    new_password1 = password_field()
    new_password2 = password_field()


class PasswordResetConfirmSerializer(rest_auth.PasswordResetConfirmSerializer):
    new_password1 = password_field()
    new_password2 = password_field()

    def save(self):
        with transaction.atomic():
            user = super().save()
            # Whoever held a session or an API key may be who made the reset necessary.
            keys_revoke_all(user=user, request=self.context.get("request"))
        return user


class AccountDeleteSerializer(serializers.Serializer):
    """The password, and a code when MFA is on: a stolen session alone cannot delete the account.
    Failures count against the account's lock, like failed logins."""

    password = password_field(help_text="The account's password.")
    code = code_field(required=False, help_text="With MFA on: an authenticator's code or a recovery code.")

    def validate(self, attrs):
        request = self.context["request"]
        user = request.user
        # A service account has no usable password: it is never deleted this way.
        with mfa_services.account_lock(request, user):
            if not user.check_password(attrs["password"]):
                raise serializers.ValidationError({"password": [_("Wrong password.")]})
        if mfa_services.mfa_enabled(user):
            if not attrs.get("code"):
                raise serializers.ValidationError({"code": [_("MFA is on: a code is required.")]})
            code_check(request=request, user=user, code=attrs["code"])
        return attrs

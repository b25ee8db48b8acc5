"""OpenAPI hints for the accounts views: what they answer, which drf-spectacular cannot guess.

drf-spectacular's own hints for dj-rest-auth (drf_spectacular/contrib/rest_auth.py) match
dj-rest-auth's classes exactly, so they miss our subclasses of them; these take their place and
describe what the subclasses answer, replacing dj-rest-auth's docstrings, which speak of Django
sessions. A view renamed or removed makes schema generation warn, which fails `check --deploy`
and the schema tests.
"""

from allauth.account import app_settings as allauth_settings
from dj_rest_auth.app_settings import api_settings as rest_auth_settings
from drf_spectacular.extensions import OpenApiViewExtension
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    PolymorphicProxySerializer,
    extend_schema,
    extend_schema_view,
)
from rest_framework import serializers

from apps.core.schema import ErrorDetailSerializer
from apps.keys.serializers import device_field


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class PasswordChangedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    key = serializers.CharField(help_text="A new session's key. Every other session of the user has ended.")
    expires_at = serializers.DateTimeField(help_text="When the key stops working if it is not used again.")


class LoginWithUsernameSerializer(serializers.Serializer):
    username = serializers.CharField(
        help_text="The username, in any letter case (an e-mail address works too)."
    )
    password = serializers.CharField()
    device = device_field()


class LoginWithEmailSerializer(serializers.Serializer):
    email = serializers.EmailField(help_text="The account's e-mail address, in any letter case.")
    password = serializers.CharField()
    device = device_field()


# Two alternatives, so that a generated client offers both and neither field looks optional.
LOGIN_REQUEST = PolymorphicProxySerializer(
    component_name="Login",
    serializers=[LoginWithUsernameSerializer, LoginWithEmailSerializer],
    resource_type_field_name=None,
)
PASSWORD = "correct-horse-battery"
LOGIN_EXAMPLES = [
    OpenApiExample(
        "With the username",
        {"username": "alice", "password": PASSWORD, "device": "Alice's iPhone"},
        request_only=True,
    ),
    OpenApiExample(
        "With the e-mail address",
        {"email": "alice@example.com", "password": PASSWORD, "device": "Alice's tablet"},
        request_only=True,
    ),
]
REGISTER_EXAMPLES = [
    OpenApiExample(
        "A new account",
        {"username": "alice", "email": "alice@example.com", "password1": PASSWORD, "password2": PASSWORD},
        request_only=True,
    ),
]


# apps.accounts.adapter.EmailNotSent: the mail server failed, and the transaction rolled back.
EMAIL_NOT_SENT = OpenApiResponse(
    ErrorDetailSerializer, description="The e-mail could not be sent; nothing was written. Try again later."
)
SAME_ANSWER = "The same answer whether or not the address is known."


def documented(view, **methods):
    """`view` as drf-spectacular sees it: each named method described by its extend_schema()."""
    # A subclass, so that the annotations never reach the view that serves requests.
    return extend_schema_view(**methods)(type(view.__name__, (view,), {}))


def token_response(description):
    return OpenApiResponse(rest_auth_settings.TOKEN_SERIALIZER, description=description)


class RegisterViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.RegisterView"

    def view_replacement(self):
        # What registration answers depends on ACCOUNT_EMAIL_VERIFICATION, read from the environment.
        if allauth_settings.EMAIL_VERIFICATION == allauth_settings.EmailVerificationMethod.MANDATORY:
            created = OpenApiResponse(
                DetailSerializer, description="Verification e-mail sent; log in once the address is verified."
            )
        else:
            created = token_response("The account exists; a session's key. A verification e-mail is sent.")
        return documented(
            self.target_class,
            post=extend_schema(
                summary="Create an account",
                description=(
                    "An e-mail address belongs to one account, whatever its letter case. The verification "
                    "e-mail links to `EMAIL_CONFIRM_URL` with the key that verify-email takes. With "
                    "`ACCOUNT_EMAIL_VERIFICATION=mandatory` the answer is a `detail` and no key."
                ),
                examples=REGISTER_EXAMPLES,
                responses={201: created, 503: EMAIL_NOT_SENT},
            ),
        )


class VerifyEmailViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.VerifyEmailView"

    def view_replacement(self):
        return documented(
            self.target_class,
            post=extend_schema(
                summary="Verify an e-mail address with the key from the e-mail",
                description="`key` is the value at the end of the verification e-mail's link.",
                responses={
                    200: DetailSerializer,
                    404: OpenApiResponse(ErrorDetailSerializer, description="No e-mail carried this key."),
                },
            ),
        )


class ResendEmailVerificationViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.ResendEmailVerificationView"

    def view_replacement(self):
        return documented(
            self.target_class,
            post=extend_schema(
                summary="Send the verification e-mail again",
                description=f"{SAME_ANSWER} One e-mail per address every few minutes, whoever asks.",
                responses={200: OpenApiResponse(DetailSerializer, description=SAME_ANSWER)},
            ),
        )


class MFARequiredSerializer(serializers.Serializer):
    mfa_required = serializers.BooleanField(help_text="Always true: MFA is on for this account.")
    ephemeral_token = serializers.CharField(
        help_text="POST it with a code to mfa/verify/ for the session's key; it works once, for 5 minutes."
    )


# The key, or (MFA on) the token for mfa/verify/: two shapes, so that a generated client sees both.
LOGIN_ANSWER = OpenApiResponse(
    PolymorphicProxySerializer(
        component_name="LoginAnswer",
        serializers=[rest_auth_settings.TOKEN_SERIALIZER, MFARequiredSerializer],
        resource_type_field_name=None,
    ),
    description=(
        "`{key, expires_at}`: send the key as `Authorization: Token <key>`. With MFA on, "
        "`{mfa_required: true, ephemeral_token}` and no key: the second step is mfa/verify/."
    ),
)


class LoginViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.LoginView"

    def view_replacement(self):
        return documented(
            self.target_class,
            post=extend_schema(
                summary="Log in with the username or the e-mail address, and the password",
                description=(
                    "Send `username` or `email` (matched whatever its letter case) with `password`. Wrong "
                    "credentials, or an address not yet verified where verification is mandatory, are a "
                    "`400` in `non_field_errors`. Besides the per-client throttle, repeated failed "
                    "logins lock the account for a while (`429`)."
                ),
                request=LOGIN_REQUEST,
                examples=LOGIN_EXAMPLES,
                responses={200: LOGIN_ANSWER},
            ),
        )


class LogoutViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.LogoutView"

    def view_replacement(self):
        return documented(
            self.target_class,
            post=extend_schema(
                summary="Log out: this session's key stops working",
                description=(
                    "The session of the call ends at once; the user's other sessions (devices) and API "
                    "keys keep working. An API key cannot log out (`403`): revoke it with DELETE keys/{id}/."
                ),
                request=None,
                responses={200: DetailSerializer},
            ),
        )


class UserDetailsViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.UserDetailsView"

    def view_replacement(self):
        change = "`username`, `first_name` and `last_name` can change; `pk` and `email` are read-only."
        return documented(
            self.target_class,
            get=extend_schema(
                summary="The caller's account",
                description="The account that owns the key: a session's or an API key's.",
            ),
            put=extend_schema(summary="Replace the caller's names", description=change),
            patch=extend_schema(summary="Change some of the caller's names", description=change),
        )


class PasswordChangeViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.PasswordChangeView"

    def view_replacement(self):
        return documented(
            self.target_class,
            post=extend_schema(
                summary="Change the password: every session ends, the caller gets a new one",
                description=(
                    "`old_password` is required. Every session of the user ends, the one of the call "
                    "included; the answer's `key` is a new session for the caller. API keys are kept."
                ),
                responses={200: PasswordChangedSerializer},
            ),
        )


class PasswordResetViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.PasswordResetView"

    def view_replacement(self):
        return documented(
            self.target_class,
            post=extend_schema(
                summary="E-mail a password reset link",
                description=(
                    f"{SAME_ANSWER} The link is `PASSWORD_RESET_CONFIRM_URL` with the `uid` and `token` "
                    "that password/reset/confirm/ takes."
                ),
                responses={
                    200: OpenApiResponse(DetailSerializer, description=SAME_ANSWER),
                    503: EMAIL_NOT_SENT,
                },
            ),
        )


class PasswordResetConfirmViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.PasswordResetConfirmView"

    def view_replacement(self):
        return documented(
            self.target_class,
            post=extend_schema(
                summary="Set a new password with the uid and token from the e-mail",
                description=(
                    "Every session and every API key of the user stops working. A wrong `uid` or `token` "
                    "is a `400`."
                ),
                responses={200: DetailSerializer},
            ),
        )


class AccountDeleteViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.AccountDeleteView"

    def view_replacement(self):
        return documented(
            self.target_class,
            post=extend_schema(
                summary="Delete the caller's account for good",
                description=(
                    "With the password, and a code (authenticator or recovery code) when MFA is on. The "
                    "account, its sessions, API keys, MFA devices, e-mail addresses and posts are deleted "
                    "together; the username and address can register again. A wrong password or code is "
                    "a `400` and deletes nothing; failures count against the account's lock, like failed "
                    "logins (`429`)."
                ),
                responses={
                    204: OpenApiResponse(description="Deleted; the key of this call no longer works.")
                },
            ),
        )

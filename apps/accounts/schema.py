"""OpenAPI hints for the accounts views: the answers drf-spectacular cannot guess from them.

drf-spectacular's own hints for dj-rest-auth (drf_spectacular/contrib/rest_auth.py) match
dj-rest-auth's classes exactly, so they miss our subclasses of them; these take their place and
describe what the subclasses answer. A view renamed or removed makes schema generation warn,
which fails `check --deploy` and the schema tests.
"""

from allauth.account import app_settings as allauth_settings
from dj_rest_auth.app_settings import api_settings as rest_auth_settings
from drf_spectacular.extensions import OpenApiViewExtension
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers

from apps.core.schema import ErrorDetailSerializer


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField()


class PasswordChangedSerializer(serializers.Serializer):
    detail = serializers.CharField()
    key = serializers.CharField(help_text="The new token. The one used for this call no longer works.")


def documented_post(view, **schema):
    """`view` with its POST described by `schema`, as drf-spectacular sees it."""

    class Documented(view):
        @extend_schema(**schema)
        def post(self, request, *args, **kwargs):
            return super().post(request, *args, **kwargs)

    return Documented


# apps.accounts.adapter.EmailNotSent: the mail server failed, and the transaction rolled back.
EMAIL_NOT_SENT = OpenApiResponse(
    ErrorDetailSerializer, description="The e-mail could not be sent; nothing was written. Try again later."
)


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
            created = token_response("The account exists; its token. A verification e-mail is sent.")
        return documented_post(
            self.target_class, summary="Create an account", responses={201: created, 503: EMAIL_NOT_SENT}
        )


class VerifyEmailViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.VerifyEmailView"

    def view_replacement(self):
        return documented_post(
            self.target_class,
            summary="Verify an e-mail address with the key from the e-mail",
            responses={
                200: DetailSerializer,
                404: OpenApiResponse(ErrorDetailSerializer, description="No e-mail was sent with this key."),
            },
        )


class ResendEmailVerificationViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.ResendEmailVerificationView"

    def view_replacement(self):
        return documented_post(
            self.target_class,
            summary="Send the verification e-mail again",
            responses={
                200: OpenApiResponse(
                    DetailSerializer, description="The same answer whether or not the address is known."
                )
            },
        )


class LoginViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.LoginView"

    def view_replacement(self):
        return documented_post(
            self.target_class,
            summary="Log in with the username or the e-mail address, and the password",
            responses={200: token_response("Send it as `Authorization: Token <key>`.")},
        )


class LogoutViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.LogoutView"

    def view_replacement(self):
        return documented_post(
            self.target_class,
            summary="Log out: the token stops working on every device",
            request=None,
            responses={200: DetailSerializer},
        )


class PasswordChangeViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.PasswordChangeView"

    def view_replacement(self):
        return documented_post(
            self.target_class,
            summary="Change the password: the token is replaced by a new one",
            responses={200: PasswordChangedSerializer},
        )


class PasswordResetViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.PasswordResetView"

    def view_replacement(self):
        return documented_post(
            self.target_class,
            summary="E-mail a password reset link",
            responses={
                200: OpenApiResponse(
                    DetailSerializer, description="The same answer whether or not the address is known."
                ),
                503: EMAIL_NOT_SENT,
            },
        )


class PasswordResetConfirmViewSchema(OpenApiViewExtension):
    target_class = "apps.accounts.views.PasswordResetConfirmView"

    def view_replacement(self):
        return documented_post(
            self.target_class,
            summary="Set a new password with the uid and token from the e-mail: every token stops working",
            responses={200: DetailSerializer},
        )

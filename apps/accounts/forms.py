"""The password reset form, without dj-rest-auth's read of a deprecated allauth setting."""

from allauth.account.adapter import get_adapter
from allauth.account.utils import user_pk_to_url_str, user_username
from dj_rest_auth.forms import AllAuthPasswordResetForm
from django.contrib.sites.shortcuts import get_current_site


class PasswordResetForm(AllAuthPasswordResetForm):
    """dj-rest-auth 7.2's save() reads allauth's deprecated AUTHENTICATION_METHOD, a warning on
    every reset, only to decide whether the e-mail names the username: with username among
    ACCOUNT_LOGIN_METHODS it always does. The same e-mail, without the deprecated read.
    """

    def save(self, request, *, token_generator, url_generator, **kwargs):
        email = self.cleaned_data["email"]
        for user in self.users:
            token = token_generator.make_token(user)
            context = {
                "current_site": get_current_site(request),
                "user": user,
                "password_reset_url": url_generator(request, user, token),
                "request": request,
                "token": token,
                "uid": user_pk_to_url_str(user),
                "username": user_username(user),
            }
            get_adapter(request).send_mail("account/email/password_reset_key", email, context)
        return email

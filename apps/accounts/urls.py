"""The contract's accounts routes, with the libraries' URL names (they reverse() them bare)."""

from django.urls import include, path

from apps.accounts import views

urlpatterns = [
    path("registration/", views.RegisterView.as_view(), name="rest_register"),
    path("registration/verify-email/", views.VerifyEmailView.as_view(), name="rest_verify_email"),
    path("registration/resend-email/", views.ResendEmailVerificationView.as_view(), name="rest_resend_email"),
    path("login/", views.LoginView.as_view(), name="rest_login"),
    path("logout/", views.LogoutView.as_view(), name="rest_logout"),
    path("user/", views.UserDetailsView.as_view(), name="rest_user_details"),
    path("user/delete/", views.AccountDeleteView.as_view(), name="account_delete"),
    path("password/change/", views.PasswordChangeView.as_view(), name="rest_password_change"),
    path("password/reset/", views.PasswordResetView.as_view(), name="rest_password_reset"),
    path(
        "password/reset/confirm/",
        views.PasswordResetConfirmView.as_view(),
        name="rest_password_reset_confirm",
    ),
    # Sessions and API keys: apps/keys.
    path("", include("apps.keys.urls")),
    # MFA, under mfa/: apps/mfa.
    path("", include("apps.mfa.urls")),
]

"""Included by apps/accounts/urls.py, under /api/v1/dj-rest-auth/, with the library's URL names."""

from django.urls import path

from apps.mfa import views

urlpatterns = [
    path("mfa/verify/", views.MFAVerifyView.as_view(), name="mfa_verify"),
    path("mfa/totp/activate/", views.TOTPActivateView.as_view(), name="mfa_totp_activate"),
    path("mfa/totp/deactivate/", views.TOTPDeactivateView.as_view(), name="mfa_totp_deactivate"),
    path("mfa/status/", views.MFAStatusView.as_view(), name="mfa_status"),
    path("mfa/recovery-codes/", views.RecoveryCodesView.as_view(), name="mfa_recovery_codes"),
    path(
        "mfa/recovery-codes/regenerate/",
        views.RecoveryCodesRegenerateView.as_view(),
        name="mfa_recovery_codes_regenerate",
    ),
]

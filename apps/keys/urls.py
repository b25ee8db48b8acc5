"""Included by apps/accounts/urls.py, under /api/v1/dj-rest-auth/. An id that is not a number is a 404."""

from django.urls import path

from apps.keys import views

urlpatterns = [
    path("sessions/", views.SessionListView.as_view(), name="key_sessions"),
    path(
        "sessions/revoke-others/", views.SessionRevokeOthersView.as_view(), name="key_sessions_revoke_others"
    ),
    path("sessions/<int:pk>/", views.SessionDetailView.as_view(), name="key_session_detail"),
    path("keys/", views.ApiKeyListView.as_view(), name="key_api_keys"),
    path("keys/<int:pk>/", views.ApiKeyDetailView.as_view(), name="key_api_key_detail"),
]

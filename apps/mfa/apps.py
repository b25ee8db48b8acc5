from django.apps import AppConfig


class MfaConfig(AppConfig):
    name = "apps.mfa"
    label = "mfa"
    verbose_name = "Multi-factor authentication"

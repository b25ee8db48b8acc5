from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "apps.accounts"
    label = "accounts"

    def ready(self):
        # Imported for what they register: the system checks and the OpenAPI hints of the views.
        from apps.accounts import checks, schema  # noqa: F401

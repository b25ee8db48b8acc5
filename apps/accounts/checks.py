from dj_rest_auth.app_settings import DEFAULTS
from django.conf import settings
from django.core.checks import Error, register


@register()
def check_rest_auth_settings(app_configs, **kwargs):
    """dj-rest-auth ignores keys it does not know and falls back to its defaults, SESSION_LOGIN=True
    among them: `REST_SESSION_LOGIN`, the tutorials' spelling, silently turns session login on."""
    configured = getattr(settings, "REST_AUTH", None) or {}
    errors = [
        Error(
            f"Unknown REST_AUTH setting {key!r}: dj-rest-auth would ignore it.",
            hint=f"Known settings: {', '.join(sorted(DEFAULTS))}.",
            obj="settings.REST_AUTH",
            id="accounts.E001",
        )
        for key in sorted(set(configured) - set(DEFAULTS))
    ]
    if configured.get("SESSION_LOGIN", DEFAULTS["SESSION_LOGIN"]):
        errors.append(
            Error(
                "REST_AUTH['SESSION_LOGIN'] must be False: the API is token-only and sets no cookie.",
                obj="settings.REST_AUTH",
                id="accounts.E002",
            )
        )
    return errors

from .base import *  # noqa: F403
from .base import env, logging_config

SECRET_KEY = env("SECRET_KEY")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")

vars().update(env.email("EMAIL_URL"))
# The e-mails' links and the name they sign with: the development defaults would send users to
# localhost and greet them from the wrong product.
PASSWORD_RESET_CONFIRM_URL = env("PASSWORD_RESET_CONFIRM_URL")
EMAIL_CONFIRM_URL = env("EMAIL_CONFIRM_URL")
SITE_NAME = env("SITE_NAME")
SITE_DOMAIN = env("SITE_DOMAIN")
# base.py built REST_AUTH from the development SITE_NAME: authenticator apps show this name.
REST_AUTH = {**REST_AUTH, "MFA_TOTP_ISSUER": SITE_NAME}  # noqa: F405

LOGGING = logging_config(env("LOG_FORMAT", default="json"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The probes and /metrics, called over plain HTTP, are answered before this redirect
# (apps.core.probes).
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True

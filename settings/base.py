"""Settings shared by every environment; dev, test and prod change only what differs.

Everything that varies by deployment is read from the environment (see the README's table).
"""

import ipaddress
from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from redis.backoff import NoBackoff
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.retry import Retry

from apps.core.logs import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

SECRET_KEY = env("SECRET_KEY", default="django-insecure-dev-and-test-only-key-never-use-in-production")
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "corsheaders",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "allauth",
    "allauth.account",
    # dj-rest-auth's registration imports it even without social login.
    "allauth.socialaccount",
    "dj_rest_auth",
    # Must be installed, not only routed, or mandatory verification is never checked at login.
    "dj_rest_auth.registration",
    "apps.core",
    "apps.accounts",
    "apps.keys",
    "apps.posts",
    # TOTP and recovery codes (dj-rest-auth's Authenticator model), made single-use by apps.mfa.
    "dj_rest_auth.mfa",
    "apps.mfa",
]

MIDDLEWARE = [
    # X-Request-ID, the request's log line and metrics: outermost, so every answer is seen.
    "apps.core.request_log.RequestMiddleware",
    # /healthz, /readyz and /metrics answer whatever the Host header (the rest validates it).
    "apps.core.probes.HostAgnosticMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Under DEBUG, Django's HTML debug pages under /api/ become JSON errors (inside CORS, so that a
    # browser client can read them).
    "apps.core.debug.DebugJSONErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Replaces Django's SessionMiddleware: /api/ requests get a throwaway session and no cookies.
    "apps.core.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Django's messages for the admin; an /api/ request's are discarded (no cookie carries them).
    "apps.core.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A failing database is a 503 with Retry-After outside DRF's views too (the admin).
    "apps.core.middleware.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
# One connection per worker, kept open and checked before reuse: opening a PostgreSQL
# connection per request costs more than the rest of the request.
DATABASES["default"]["CONN_MAX_AGE"] = 600
# A connection that PostgreSQL, PgBouncer or a restart closed while idle is replaced before a
# request uses it, instead of failing that request with a 503 (tests/faults/test_postgres.py).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # libpq options; the same names in DATABASE_URL's query string win (?connect_timeout=10).
    for option, value in {
        # An unreachable server: a 503 (and /readyz 503) after 5 s, not a hanging worker.
        "connect_timeout": 5,
        # A server that stops answering mid-query (a dead host, a cut network) still has the
        # connection open: the kernel drops it once what was sent stays unacknowledged for 5 s,
        # and probes an idle one, so the request gets its 503 instead of gunicorn's kill at 30 s.
        "tcp_user_timeout": 5000,
        "keepalives": 1,
        "keepalives_idle": 10,
        "keepalives_interval": 5,
        "keepalives_count": 3,
    }.items():
        DATABASES["default"].setdefault("OPTIONS", {}).setdefault(option, value)
    # Parameters bound by the server, and a query run five times on a connection prepared there:
    # PostgreSQL then skips parsing and planning it, most of a short query's cost (a key lookup
    # 813 -> 293 us, docs/benchmarks.md). Django's default binds on the client and never prepares.
    DATABASES["default"]["OPTIONS"]["server_side_binding"] = True
    DATABASES["default"]["OPTIONS"].setdefault("prepare_threshold", 5)

DATABASE_POOLER = env("DATABASE_POOLER", default="")
if DATABASE_POOLER not in ("", "pgbouncer"):
    raise ImproperlyConfigured(f"DATABASE_POOLER must be pgbouncer or unset, not {DATABASE_POOLER!r}")
# SQLite (development, the fast tests) has nothing to pool: there the setting changes nothing.
if DATABASE_POOLER == "pgbouncer" and DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Transaction mode: each transaction may run on another server connection, so nothing may
    # outlive one. A server-side cursor (QuerySet.iterator()) is a named cursor held in the server
    # session; a named prepared statement too (PgBouncer 1.18, Debian's, does not track them).
    # Server-side binding stays: its unnamed statement lives and dies within one request.
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
    DATABASES["default"]["OPTIONS"]["prepare_threshold"] = None

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's backend, its health check a poll of the socket instead of a SELECT 1 per request.
    DATABASES["default"]["ENGINE"] = "apps.core.postgresql"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Throttle counters must be shared by every worker: Redis when configured, otherwise a
# file cache that all processes on the machine see (never per-process memory).
if env("REDIS_URL", default=""):
    CACHES = {
        "default": {
            # Django's Redis backend, reusing its client between calls (see apps/core/cache.py).
            "BACKEND": "apps.core.cache.RedisCache",
            "LOCATION": env("REDIS_URL"),
            # Several deployments (or test runs) sharing one Redis database keep apart by prefix.
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default=""),
            # redis-py's connection pool. A Redis that is down or hangs costs a request at most
            # half a second per call (redis-py waits 5 s by default); a refused or dropped
            # connection is retried once at once, a timeout never (that would double the wait).
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "retry": Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,)),
            },
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(BASE_DIR / ".cache" / "django"),
        }
    }

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2 first; PBKDF2 stays so that hashes made before the switch still verify.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"

SITE_ID = 1

# A redirect would drop a POST body and answer HTML; a path without its slash is a JSON 404.
APPEND_SLASH = False

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
# Browsers hide response headers from scripts unless listed here.
CORS_EXPOSE_HEADERS = ["X-Request-ID"]

# EMAIL_BACKEND, EMAIL_HOST, EMAIL_PORT... all from one URL.
vars().update(env.email("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="no-reply@localhost")

PASSWORD_RESET_CONFIRM_URL = env(
    "PASSWORD_RESET_CONFIRM_URL", default="http://localhost:3000/reset-password/{uid}/{token}"
)
EMAIL_CONFIRM_URL = env("EMAIL_CONFIRM_URL", default="http://localhost:3000/verify-email/{key}")
# What the e-mails call the product, instead of the Site row's example.com (apps/accounts/adapter.py).
SITE_NAME = env("SITE_NAME", default="Token API")
SITE_DOMAIN = env("SITE_DOMAIN", default="localhost:8000")

REST_FRAMEWORK = {
    # Sessions and API keys (apps/keys), both sent as `Authorization: Token <key>`.
    "DEFAULT_AUTHENTICATION_CLASSES": ["apps.keys.authentication.KeyAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["apps.core.parsers.JSONParser"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "apps.core.negotiation.JSONFallbackNegotiation",
    "DEFAULT_PAGINATION_CLASS": "apps.core.pagination.CursorPagination",
    "PAGE_SIZE": 20,
    "DEFAULT_THROTTLE_CLASSES": [
        "apps.core.throttles.AnonRateThrottle",
        "apps.core.throttles.UserRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("THROTTLE_RATE_ANON", default="60/min"),
        "user": env("THROTTLE_RATE_USER", default="1000/min"),
        "auth": env("THROTTLE_RATE_AUTH", default="10/min"),
    },
    # With None DRF identifies a client by the whole X-Forwarded-For, which the client writes.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
    "EXCEPTION_HANDLER": "apps.core.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "apps.core.schema.AutoSchema",
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}

# Read once, at import: override_settings(REST_AUTH=...) changes nothing. A system check
# (apps/accounts/checks.py) refuses unknown keys, which dj-rest-auth would silently ignore.
REST_AUTH = {
    # dj-rest-auth reads SESSION_LOGIN, not REST_SESSION_LOGIN; the default True sets cookies.
    "SESSION_LOGIN": False,
    "USE_JWT": False,
    # Default False: a stolen token alone could change the password.
    "OLD_PASSWORD_FIELD_ENABLED": True,
    # Default False calls update_session_auth_hash, which writes a session; the view swaps tokens.
    "LOGOUT_ON_PASSWORD_CHANGE": True,
    "LOGIN_SERIALIZER": "apps.accounts.serializers.LoginSerializer",
    "REGISTER_SERIALIZER": "apps.accounts.serializers.RegisterSerializer",
    "USER_DETAILS_SERIALIZER": "apps.accounts.serializers.UserDetailsSerializer",
    "PASSWORD_RESET_SERIALIZER": "apps.accounts.serializers.PasswordResetSerializer",
    "PASSWORD_RESET_CONFIRM_SERIALIZER": "apps.accounts.serializers.PasswordResetConfirmSerializer",
    "PASSWORD_CHANGE_SERIALIZER": "apps.accounts.serializers.PasswordChangeSerializer",
    # A session per login (apps/keys), answered as {"key", "expires_at"}; never DRF's Token.
    "TOKEN_MODEL": "apps.keys.models.Key",
    "TOKEN_CREATOR": "apps.keys.services.session_create_for_login",
    "TOKEN_SERIALIZER": "apps.keys.serializers.IssuedKeySerializer",
    # MFA (apps/mfa): each code accepted once, failures counted against the account's lock.
    "MFA_TOTP_ISSUER": SITE_NAME,
    "MFA_TOTP_ACTIVATE_CONFIRM_SERIALIZER": "apps.mfa.serializers.TOTPActivateConfirmSerializer",
    "MFA_TOTP_DEACTIVATE_SERIALIZER": "apps.mfa.serializers.TOTPDeactivateSerializer",
    "MFA_VERIFY_SERIALIZER": "apps.mfa.serializers.MFAVerifySerializer",
}

# Sessions (apps/keys): idle and absolute lifetimes in seconds, and how many one user holds.
TOKEN_IDLE_TIMEOUT = env.int("TOKEN_IDLE_TIMEOUT", default=30 * 24 * 3600)
TOKEN_MAX_AGE = env.int("TOKEN_MAX_AGE", default=90 * 24 * 3600)
TOKEN_LIMIT_PER_USER = env.int("TOKEN_LIMIT_PER_USER", default=20)

ACCOUNT_ADAPTER = "apps.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = env("ACCOUNT_EMAIL_VERIFICATION", default="optional")
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_RATE_LIMITS = {
    # Failed logins per account, from any address (apps.accounts.serializers.LoginSerializer).
    # Per client, THROTTLE_RATE_AUTH is the one limit; allauth's 5 per 5 minutes would lock first.
    "login_failed": "10/15m/key",
    # Reset e-mails per address, known or not (apps.accounts.serializers.PasswordResetSerializer):
    # the cooldown of the verification e-mails. Per client, THROTTLE_RATE_AUTH.
    "reset_password": "1/3m/key",
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Token API",
    "DESCRIPTION": (
        "A token-only, stateless JSON API: accounts and posts. Register or log in for a key, then send "
        "`Authorization: Token <key>`. Every answer is JSON, errors in DRF's shapes: "
        '`{"detail": "..."}` or `{"<field>": ["..."]}`. No answer sets a cookie.'
    ),
    # The latest entry of CHANGELOG.md (a test keeps them equal).
    "VERSION": "1.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema and its pages are public: a stale token sent with them is ignored, not a 401.
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": r"/api/v[0-9]+",
    # Separate request and answer components: generated clients must not demand `id`, `author`
    # or the timestamps in a create body.
    "COMPONENT_SPLIT_REQUEST": True,
    # operationIds and tags from one table (apps/core/schema.py), after the enum hook.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "apps.core.schema.name_operations",
    ],
    # Swagger UI and ReDoc load their assets from our own /static/, never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SWAGGER_UI_SETTINGS": {
        "deepLinking": True,
        # Keep the token entered in Authorize across page reloads.
        "persistAuthorization": True,
        # Swagger UI would otherwise send the schema to validator.swagger.io.
        "validatorUrl": None,
    },
}

# `json`: one JSON object per line (production's default); `text` for a developer's terminal.
LOGGING = logging_config(env("LOG_FORMAT", default="text"))

# Who may read /metrics: addresses or networks, matched against the socket's peer address.
METRICS_ALLOWED_IPS = [
    ipaddress.ip_network(value, strict=False)
    for value in env.list("METRICS_ALLOWED_IPS", default=["127.0.0.1", "::1"])
]

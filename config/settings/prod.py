"""Production. Every secret comes from the environment; a missing one stops the start.

Run behind a TLS-terminating reverse proxy that sets ``X-Forwarded-Proto``; gunicorn serves
the application (see README).
"""

import os

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from .base import *


def require_env(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = require_env("SECRET_KEY")
ALLOWED_HOSTS = [host.strip() for host in require_env("ALLOWED_HOSTS").split(",") if host.strip()]
DATABASES = {
    "default": dj_database_url.parse(require_env("DATABASE_URL"), conn_max_age=60, conn_health_checks=True)
}
WB_ENCRYPTION_KEY = require_env("WB_ENCRYPTION_KEY")
if WB_ENCRYPTION_KEY == SECRET_KEY:
    raise ImproperlyConfigured("WB_ENCRYPTION_KEY must differ from SECRET_KEY.")

DEMO_DATA_ALLOWED = False

CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 31_536_000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "") == "1"
# A mail server that hangs must not hold a worker: the attempt fails and is retried later.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", DEFAULT_FROM_EMAIL)
# No ADMINS and no AdminEmailHandler: Django's error mails carry request data (POST bodies),
# which may hold citizens' personal data or whistleblower content.
ADMINS: list = []

# The throttles must count across gunicorn workers: Redis where REDIS_URL is set, otherwise a
# table in the database (`manage.py createcachetable` after `migrate`). Keys are hashes; no
# client address is stored.
SILENCED_SYSTEM_CHECKS = [c for c in SILENCED_SYSTEM_CHECKS if c != "axes.W001"]
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
else:
    # Django's database cache, with an atomic ``incr`` (core/cache.py): counts cannot be raced.
    CACHES = {"default": {"BACKEND": "core.cache.DatabaseCache", "LOCATION": "core_cache"}}

# Logs as JSON lines for the log collector (LOG_FORMAT=plain for a terminal).
if os.environ.get("LOG_FORMAT", "json") == "json":
    LOGGING = {
        **LOGGING,
        "formatters": {**LOGGING["formatters"], "json": {"()": "ops.logging.JsonFormatter"}},
        "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    }

# The identity provider: with a client id, everything else it needs must be there too.
if OIDC_ENABLED:
    for _name in (
        "OIDC_RP_CLIENT_SECRET",
        "OIDC_ISSUER",
        "OIDC_OP_AUTHORIZATION_ENDPOINT",
        "OIDC_OP_TOKEN_ENDPOINT",
        "OIDC_OP_USER_ENDPOINT",
        "OIDC_OP_JWKS_ENDPOINT",
    ):
        globals()[_name] = require_env(_name)

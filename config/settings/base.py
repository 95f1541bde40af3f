"""Settings shared by every environment.

Environment-specific modules (dev, test, prod) import everything from here and override
only what differs. The database is SQLite (a file in the project folder) unless
``DATABASE_URL`` names another one, e.g. ``postgres://user@host:5432/name``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# Overridden by every environment module; prod refuses to start without a real one.
SECRET_KEY = ""
DEBUG = False
ALLOWED_HOSTS: list[str] = []

# Key for whistleblower content at rest (Fernet). Deliberately NOT derived from SECRET_KEY:
# rotating the session secret must never make reports unreadable, and a leaked SECRET_KEY
# must not open them.
WB_ENCRYPTION_KEY = ""

# Demo users and data may only be created where this is True (never in production).
DEMO_DATA_ALLOWED = False

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "import_export",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "ops",
    "core",
    "complaints",
    "consultations",
    "supervision",
    "whistleblower",
    "stats",
    "annual_report",
    "retention",
]

MIDDLEWARE = [
    # One line per request with its route, never its path or query string (ops.middleware).
    "ops.middleware.AccessLogMiddleware",
    # Every answer of the whistleblower scheme is no-store, errors and redirects included.
    "whistleblower.middleware.NoStoreMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ops.middleware.SecurityHeadersMiddleware",
    "ops.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ops.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): the unit's second factor
    # Every view needs a signed-in user unless it is marked @login_not_required.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: answers a locked-out sign-in with its own page (429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
            ],
        },
    },
]


def database_from_env(default_sqlite: Path) -> dict:
    """The default database: ``DATABASE_URL`` if set, else a SQLite file."""
    config = dj_database_url.config(default=f"sqlite:///{default_sqlite}", conn_max_age=0)
    if config["ENGINE"] == "django.db.backends.sqlite3":
        # IMMEDIATE takes the write lock when a transaction starts, so two requests never
        # deadlock upgrading a read lock; WAL lets readers run beside one writer.
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    return config


DATABASES = {"default": database_from_env(BASE_DIR / "db.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LOGIN_URL = "login"

# Sign-in throttling (django-axes), for the login page and the admin's alike: five wrong
# passwords for one user name from one client lock that pair for 15 minutes. Counts live in
# the cache, never in the database; the client is the daily-salted hash of its address that
# the other throttles use, so no address is stored or logged, and axes' own log lines (which
# name the user) are silenced — core.signals logs the lockout without a name.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Passwords kept here: everybody in development; only BREAK_GLASS_USERS once the
    # municipality's identity provider is configured (core.oidc).
    "core.oidc.LocalPasswordBackend",
]
AXES_HANDLER = "axes.handlers.cache.AxesCacheHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The pause is 15 minutes from the lock, as the page says; trying again meanwhile does not
# lengthen it (an attacker still gets at most five guesses per 15 minutes).
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_CLIENT_IP_CALLABLE = "ops.throttle.client_fingerprint"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_ENABLE_ADMIN = False
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# The throttles (sign-in, public forms, receipt codes) count in the default cache. Here that is
# Django's local memory, right for one process (runserver, tests); production shares the count
# between gunicorn workers (config/settings/prod.py), which is what axes.W001 asks for.
SILENCED_SYSTEM_CHECKS = ["axes.W001"]
# Reverse proxies whose X-Forwarded-For names the client (addresses or networks, e.g.
# ["10.0.0.5"] or ["10.0.0.0/24"]). Empty: REMOTE_ADDR is the client (ops.throttle).
TRUSTED_PROXIES: list[str] = [
    p.strip() for p in os.environ.get("TRUSTED_PROXIES", "").split(",") if p.strip()
]
# Who is told the details of /healthz (outbox, jobs): these networks (the load balancer,
# monitoring) and signed-in staff. Everybody else gets one word.
HEALTH_DETAIL_NETWORKS: list[str] = [
    p.strip() for p in os.environ.get("HEALTH_DETAIL_NETWORKS", "127.0.0.0/8,::1/128").split(",") if p.strip()
]
LOGIN_REDIRECT_URL = "core:home"

# Sign-in through the municipality's identity provider (OpenID Connect, core.oidc): on when
# OIDC_RP_CLIENT_ID is set. The endpoints are the provider's (its discovery document lists them).
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
OIDC_ENABLED = bool(OIDC_RP_CLIENT_ID)
OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "oidc_callback"
LOGIN_REDIRECT_URL_FAILURE = "/log-ind/?kommunens-login=fejl"
# The claim with the person's groups, and which group gives which role, e.g.
# OIDC_ROLE_MAP="BR-Jurister=jurist,BR-Leder=head,BR-Udvalg=committee,BR-Sekretariat=secretariat,"
#               "BR-Whistleblower=whistleblower_unit" (one comma-separated value)
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
OIDC_ROLE_MAP = dict(
    pair.split("=", 1) for pair in os.environ.get("OIDC_ROLE_MAP", "").split(",") if "=" in pair
)
# Local accounts that may still sign in with a password when the identity provider is on.
BREAK_GLASS_USERS = [u.strip() for u in os.environ.get("BREAK_GLASS_USERS", "").split(",") if u.strip()]
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "core.oidc.OIDCBackend"]
LOGOUT_REDIRECT_URL = "login"

# A working day, and gone when the browser closes: shared office PCs are common.
SESSION_COOKIE_AGE = 10 * 60 * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Internationalisation: Danish first, English selectable (the language cookie only; the
# browser's Accept-Language is ignored on purpose, see ops.middleware.LanguageMiddleware).
LANGUAGE_CODE = "da"
LANGUAGES = [("da", _("Danish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Copenhagen"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    "stats.staticfinders.PlotlyFinder",  # plotly.js from the installed plotly package
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Private files (attachments, letters as sent, whistleblower files, editions, pending imports)
# live outside any URL the web server serves; they are only ever streamed through
# permission-checked views. PRIVATE_STORAGE=local keeps them in PRIVATE_MEDIA_ROOT on this
# machine (make run, the tests, one server); PRIVATE_STORAGE=s3 in a private S3-compatible
# bucket that several web servers and workers share (README, "Several web servers").
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
PRIVATE_STORAGE = os.environ.get("PRIVATE_STORAGE", "local")
if PRIVATE_STORAGE == "s3":
    if not os.environ.get("PRIVATE_S3_BUCKET"):
        raise ImproperlyConfigured("PRIVATE_STORAGE=s3 needs PRIVATE_S3_BUCKET.")
    STORAGES["private"] = {
        "BACKEND": "ops.s3.PrivateS3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["PRIVATE_S3_BUCKET"],
            "endpoint_url": os.environ.get("PRIVATE_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("PRIVATE_S3_REGION") or None,
            # Credentials: the standard AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (boto3 reads them).
            "default_acl": None,  # no ACL of ours: the bucket's private policy applies
            "querystring_auth": False,  # and no signed URLs (url() refuses anyway)
            "file_overwrite": False,  # a second file of the same name gets its own name, as on disk
        },
    }
elif PRIVATE_STORAGE == "local":
    STORAGES["private"] = {"BACKEND": "ops.uploads.PrivateStorage"}
else:
    raise ImproperlyConfigured("PRIVATE_STORAGE is 'local' or 's3'.")

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Sent e-mails stay in the outbox this long (ops.outbox), then they are deleted; a worker may
# take this long over one message before another may try it.
OUTBOX_KEEP_DAYS = 30
OUTBOX_LEASE_SECONDS = 300

# Background work: django-tasks (the backport of Django 6's tasks API) on its database backend —
# the database we already have, SQLite or PostgreSQL. `manage.py run_worker` runs the tasks,
# `manage.py run_scheduler` enqueues the periodic ones (ops.jobs).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
DEFAULT_FROM_EMAIL = "Borgerrådgiveren <borgerraadgiveren@kk.dk>"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Strict by default; nothing is loaded from another origin.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

# Logging never carries personal data or report content: messages are written by us;
# requests are logged by ops.middleware.AccessLogMiddleware as method, route, status and time
# (no client address, path or query string), and Django's own request loggers get the route
# in place of the path (ops.logging).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"route_only": {"()": "ops.logging.RouteOnlyFilter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        # Django's request loggers name the path (tokens, search words): the route instead.
        "django.request": {"filters": ["route_only"]},
        "django.server": {"filters": ["route_only"]},
        "django.security.DisallowedHost": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # django-axes names the user in its warnings; the lockout is logged without a name.
        "axes": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        # The PDF makers report each layout step and quote style sheets and image addresses:
        # only their errors, and those without content (ops.documents never logs a text).
        "weasyprint": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "fontTools": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "pikepdf": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}

# The address citizens reach the public pages at; links in e-mails start with it.
PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:8000")

# The report year (beretningsår) starts in this month: 4 = 1 April to 31 March (DOMAIN §6).
REPORT_YEAR_START_MONTH = 4

# The municipality's own closing days (month, day) every year, besides the public holidays
# (DOMAIN §9): Christmas Eve, New Year's Eve and Constitution Day. The secretariat adds days or
# opens one of these in a given year in the admin (core.models.ClosingDay).
MUNICIPAL_CLOSING_DAYS = ((12, 24), (12, 31), (6, 5))

# Whistleblower scheme: content of closed reports is deleted after this many days
# (statistics fields stay), see ``wb_purge``.
WB_RETENTION_DAYS = int(os.environ.get("WB_RETENTION_DAYS", str(5 * 365)))
OTP_TOTP_ISSUER = "Borgerrådgiveren"

"""Local development: SQLite by default, console e-mail, demo data allowed."""

from .base import *

DEBUG = True
SECRET_KEY = "dev-only-secret-key-not-for-production-7f3a1c9e5b2d4f6a8c0e1b3d5f7a9c1e3b5d7f9a"  # noqa: S105 - development only
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# A fixed Fernet key for development only; production reads its own from the environment.
WB_ENCRYPTION_KEY = "ZGV2LW9ubHktd2hpc3RsZWJsb3dlci1rZXktMzJieXQ="
DEMO_DATA_ALLOWED = True

# No collectstatic outside production: whitenoise serves straight from the app folders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

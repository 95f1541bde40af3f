"""Test runs (pytest). The same database switch as everywhere: DATABASE_URL or SQLite."""

import os
from pathlib import Path

if os.environ.get("PRIVATE_STORAGE") == "s3":
    # The bucket: a real S3-compatible server the tests start (tests/s3server.py).
    from tests.s3server import choose_address

    choose_address()

from .base import *

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production-2b4d6f8a0c2e4a6c8e0a2c4e6a8c0e2a4c6e8a0c"  # noqa: S105 - tests only
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
WB_ENCRYPTION_KEY = "dGVzdC1vbmx5LXdoaXN0bGVibG93ZXIta2V5LTMyYnk="
DEMO_DATA_ALLOWED = True

# Fast hashing: the suite creates many users; production keeps the slow default.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "test-private"))

# No collectstatic outside production: whitenoise serves straight from the app folders.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Tasks run at once, in the test's process; the fault tests give the real worker ("db") its
# tasks through the database backend.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "db": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}

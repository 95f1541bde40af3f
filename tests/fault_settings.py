"""Settings for the processes the fault tests start (a worker, the web server): the test
settings, pointed at the test database and at a local mail server by environment variables."""

import os

from config.settings.test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["FAULT_SMTP_PORT"])
EMAIL_TIMEOUT = 10
OUTBOX_LEASE_SECONDS = int(os.environ.get("FAULT_OUTBOX_LEASE_SECONDS", "2"))

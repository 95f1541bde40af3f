"""Settings for a real worker process a test starts (``run_worker --backend db``): the test
settings, on the test database (DATABASE_URL), with a short job lease so that a killed
worker's job can be run again within the test."""

import os

from config.settings.test import *  # noqa: F403

JOB_LEASE_SECONDS = int(os.environ.get("TEST_JOB_LEASE_SECONDS", "2"))
RETENTION_BATCH_SIZE = int(os.environ.get("TEST_RETENTION_BATCH_SIZE", "50"))

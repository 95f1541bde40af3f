"""Real processes the PostgreSQL tests start: a worker (``run_worker``) on the test database."""

import os
import subprocess
import sys
from pathlib import Path

from django.db import connection

ROOT = Path(__file__).resolve().parents[1]


def test_database_url() -> str:
    """The test database, for a process started by the test (it sees what the test commits)."""
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def start_worker(settings_module: str, env: dict, *, batch: bool) -> subprocess.Popen:
    """``run_worker`` on the "db" task backend, polling fast; ``--batch`` stops it once the
    queue is empty."""
    environment = {**os.environ, "DATABASE_URL": test_database_url(), "PYTHONPATH": str(ROOT), **env}
    args = [sys.executable, "manage.py", "run_worker", "--backend", "db", "--settings", settings_module]
    args += ["--no-startup-delay", "--interval", "0.2", "--no-reload"] + (["--batch"] if batch else [])
    return subprocess.Popen(
        args, cwd=ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )

"""`make restore-drill`: the backup and restore drill on PostgreSQL with the demo data.

Creates (once) the database in RESTORE_DRILL_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432/borger_drill), migrates it, seeds the demo data (cases from
2019 on, supervisions, whistleblower reports with a file) into it and its private folder
var/drill-private, and runs `manage.py restore_drill` there: pg_dump + tar of the private files,
restored into a fresh database and folder, and the two systems compared (README, "Backup and
restore")."""

import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.databases import ensure_database

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("RESTORE_DRILL_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/borger_drill")
ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.dev",
    "DATABASE_URL": DATABASE_URL,
    "PRIVATE_MEDIA_ROOT": str(ROOT / "var" / "drill-private"),
}


def manage(*args) -> None:
    # Our own interpreter and manage.py, with fixed arguments.
    subprocess.run([sys.executable, "manage.py", *args], env=ENV, cwd=ROOT, check=True)  # noqa: S603


if __name__ == "__main__":
    ensure_database(DATABASE_URL)
    manage("migrate", "--no-input", "-v", "0")
    manage("seed_demo")
    manage("restore_drill")

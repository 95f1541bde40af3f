"""The demo data (``seed_demo``, about 5 s) seeded once where tests only read it.

- ``seed_demo()`` for the transactional tests that walk the demo in a browser: on SQLite (one
  in-memory database per test process) the first seeding is copied aside with SQLite's backup
  API, and a later test that starts from the same empty database gets the copy back in
  milliseconds, provided the files the seeding stored are still where it stored them. Anywhere
  else — PostgreSQL, a bucket, a test that has written rows of its own first, another folder
  for the private files, another day — the command runs as it always does. What the seeding
  does outside the database (an e-mail sent at once) happens the first time only.
- ``demo_2023``, a module fixture for tests that only read the demo: seeded once in a
  transaction that is rolled back after the module's last test (each test still runs in a
  savepoint of its own).
"""

import datetime as dt
import sqlite3
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction

# The settings that change what the seeding writes: a test that changed one gets its own copy.
SETTINGS_SEEN = ("PRIVATE_MEDIA_ROOT", "WB_ENCRYPTION_KEY", "LANGUAGE_CODE", "TIME_ZONE")

# (seed, day, those settings, row counts) → (the database's copy, the files the seeding stored)
_copies: dict[tuple, tuple[sqlite3.Connection, set[Path]]] = {}


def _private_files() -> set[Path]:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def _row_counts() -> tuple:
    """Every table's row count: the fingerprint of "the empty database the migrations left"."""
    tables = sorted(connection.introspection.table_names())
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        counts = []
        for table in tables:  # names from the database's own catalogue, quoted
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608
            counts.append((table, cursor.fetchone()[0]))
    return tuple(counts)


def seed_demo(seed: int = 2023) -> None:
    """The database as ``manage.py seed_demo --seed <seed>`` leaves it."""
    copyable = (
        settings.DEMO_DATA_ALLOWED  # where it is off, the command refuses: let it
        and connection.vendor == "sqlite"
        and connection.is_in_memory_db()
        and not connection.in_atomic_block
        and settings.PRIVATE_STORAGE == "local"
    )
    if not copyable:
        call_command("seed_demo", seed=seed, stdout=StringIO())
        return
    connection.ensure_connection()
    key = (seed, dt.date.today(), *(repr(getattr(settings, name)) for name in SETTINGS_SEEN), _row_counts())
    copy, files = _copies.get(key, (None, set()))
    if copy is not None and all(path.is_file() for path in files):
        copy.backup(connection.connection)
        return
    before = _private_files()
    call_command("seed_demo", seed=seed, stdout=StringIO())
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(copy)
    _copies[key] = (copy, _private_files() - before)


@pytest.fixture(scope="module")
def demo_2023(django_db_setup, django_db_blocker):
    """The demo of seed 2023 (the published figures), for a module of tests that only read its
    rows: with ``PRIVATE_STORAGE=s3`` each test starts with an empty bucket, so the files the
    seeding stored are gone by then. Not for transactional tests (they flush the tables)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", seed=2023, stdout=StringIO())
        yield
        transaction.set_rollback(True)

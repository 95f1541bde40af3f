"""What the health check looks at (core.views.healthz): each answer is one word."""

import logging
import uuid

from django.core.cache import cache
from django.db import connection

log = logging.getLogger(__name__)


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:
        log.warning("Health: database %s", type(exc).__name__)
        return "down"
    return "ok"


def _cache() -> str:
    key, value = f"health:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, 10)
        ok = cache.get(key) == value
        cache.delete(key)
    except Exception as exc:
        log.warning("Health: cache %s", type(exc).__name__)
        return "down"
    return "ok" if ok else "down"


def _outbox() -> str:
    from .outbox import backlog

    try:
        counts = backlog()
    except Exception:
        return "unknown"
    if counts["failed"]:
        return "failed"
    return "backlog" if counts["late"] else "ok"


def _jobs() -> str:
    from .jobs import late_jobs

    try:
        return "late" if late_jobs() else "ok"
    except Exception:
        return "unknown"


def check() -> dict[str, str]:
    database = _database()
    return {
        "database": database,
        "cache": _cache(),
        "outbox": _outbox() if database == "ok" else "unknown",
        "jobs": _jobs() if database == "ok" else "unknown",
    }

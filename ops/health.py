"""What the health check looks at (core.views.healthz): each answer is one word.

Anybody may ask whether a node can serve (the database and the cache answer); only the internal
network (``HEALTH_DETAIL_NETWORKS``) and signed-in staff are told more — whether mail waits or
failed, whether the periodic jobs are late. That is monitoring, not a notice board: "outbox:
failed" tells an outsider that mail to citizens is not going out."""

import ipaddress
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import connection

from .jobs import late_jobs
from .outbox import backlog
from .throttle import client_address

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
    """One fixed key, written at most once a minute (not a new entry per check)."""
    try:
        ok = cache.get_or_set("health:probe", "ok", 60) == "ok"
    except Exception as exc:
        log.warning("Health: cache %s", type(exc).__name__)
        return "down"
    return "ok" if ok else "down"


def _outbox() -> str:
    try:
        counts = backlog()
    except Exception:
        return "unknown"
    if counts["failed"]:
        return "failed"
    return "backlog" if counts["late"] else "ok"


def _jobs() -> str:
    try:
        return "late" if late_jobs() else "ok"
    except Exception:
        return "unknown"


def check(*, details: bool = True) -> dict[str, str]:
    database = _database()
    status = {"database": database, "cache": _cache()}
    if details:
        status["outbox"] = _outbox() if database == "ok" else "unknown"
        status["jobs"] = _jobs() if database == "ok" else "unknown"
    return status


def may_see_details(request) -> bool:
    """The internal network (the load balancer, monitoring) or signed-in staff."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_staff:
        return True
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    networks = getattr(settings, "HEALTH_DETAIL_NETWORKS", ())
    return any(address in ipaddress.ip_network(network, strict=False) for network in networks)

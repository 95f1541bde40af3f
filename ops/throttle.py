"""A small fixed-window throttle for public forms, kept in Django's cache.

The client is identified by a keyed hash of its address that changes every day, held only
in memory (the cache): no client address is written to disk or to a log. An IPv6 client is
counted by its /64 network (``counted_address``). A throttle can also count per thing — a
report — whoever sends (``subject``).

Behind a reverse proxy every request comes from the proxy's address, and all citizens would
share one count. The client's address is then taken from the proxy's ``X-Forwarded-For`` —
but only when the request really comes from a proxy named in ``TRUSTED_PROXIES`` (addresses
or networks; empty by default, so a client can never choose its own address by sending the
header). The header is read from the right: the last entry was written by our own proxy, and
entries added by further trusted proxies are skipped.
"""

import contextlib
import hashlib
import hmac
import ipaddress
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]):
    return tuple(ipaddress.ip_network(p.strip(), strict=False) for p in proxies if p.strip())


def _is_trusted(address: str) -> bool:
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not networks:
        return False
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in networks)


def client_address(request) -> str:
    """The client's address: ``REMOTE_ADDR``, or — from a trusted proxy only — the nearest
    untrusted address in ``X-Forwarded-For``."""
    remote = request.META.get("REMOTE_ADDR", "")
    if not _is_trusted(remote):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            return remote  # a malformed header: count the proxy rather than trust garbage
        if not _is_trusted(hop):
            return hop
    return remote


def counted_address(address: str) -> str:
    """The unit a throttle counts: an IPv4 address, or an IPv6 client's /64 network — one
    subscriber is given a whole /64 and could otherwise take a fresh address for every try."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        if ip.ipv4_mapped is not None:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _keyed_hash(value: str) -> str:
    """A hash of ``value`` under a key that changes every day: the count can be kept, but the
    value (an address, a report) cannot be read back from the cache."""
    day = timezone.now().strftime("%Y-%m-%d")
    return hmac.new(f"{settings.SECRET_KEY}:{day}".encode(), value.encode(), hashlib.sha256).hexdigest()[:32]


def client_fingerprint(request) -> str:
    return _keyed_hash(counted_address(client_address(request)))


class Throttle:
    def __init__(self, scope: str, limit: int, window_seconds: int):
        self.scope, self.limit, self.window = scope, limit, window_seconds

    def _key(self, request, subject: str | None = None) -> str:
        """Per client, or — with ``subject`` — per thing (a report), whoever the client is."""
        bucket = int(timezone.now().timestamp()) // self.window
        who = client_fingerprint(request) if subject is None else _keyed_hash(f"{self.scope}:{subject}")
        return f"throttle:{self.scope}:{bucket}:{who}"

    def is_blocked(self, request) -> bool:
        return cache.get(self._key(request), 0) >= self.limit

    def hit(self, request, subject: str | None = None) -> int:
        """Count one attempt (atomically: add, then incr); the count so far."""
        key = self._key(request, subject)
        if cache.add(key, 1, self.window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, self.window)
            return 1

    def take(self, request, subject: str | None = None) -> bool:
        """Count the attempt before it is tried; False if that goes over the limit. Unlike
        ``is_blocked`` + ``hit``, parallel requests cannot all slip in under the limit."""
        return self.hit(request, subject) <= self.limit

    def give_back(self, request) -> None:
        """Undo ``take`` for an attempt that turned out to be legitimate."""
        with contextlib.suppress(ValueError):  # the window ended meanwhile
            cache.decr(self._key(request))

"""A small fixed-window throttle for public forms, kept in Django's cache.

The client is identified by a keyed hash of its address that changes every day, held only
in memory (the cache): no client address is written to disk or to a log.
"""

import contextlib
import hashlib
import hmac

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone


def client_fingerprint(request) -> str:
    address = request.META.get("REMOTE_ADDR", "")
    day = timezone.now().strftime("%Y-%m-%d")
    return hmac.new(f"{settings.SECRET_KEY}:{day}".encode(), address.encode(), hashlib.sha256).hexdigest()[
        :32
    ]


class Throttle:
    def __init__(self, scope: str, limit: int, window_seconds: int):
        self.scope, self.limit, self.window = scope, limit, window_seconds

    def _key(self, request) -> str:
        bucket = int(timezone.now().timestamp()) // self.window
        return f"throttle:{self.scope}:{bucket}:{client_fingerprint(request)}"

    def is_blocked(self, request) -> bool:
        return cache.get(self._key(request), 0) >= self.limit

    def hit(self, request) -> int:
        """Count one attempt (atomically: add, then incr); the count so far."""
        key = self._key(request)
        if cache.add(key, 1, self.window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, self.window)
            return 1

    def take(self, request) -> bool:
        """Count the attempt before it is tried; False if that goes over the limit. Unlike
        ``is_blocked`` + ``hit``, parallel requests cannot all slip in under the limit."""
        return self.hit(request) <= self.limit

    def give_back(self, request) -> None:
        """Undo ``take`` for an attempt that turned out to be legitimate."""
        with contextlib.suppress(ValueError):  # the window ended meanwhile
            cache.decr(self._key(request))

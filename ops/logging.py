"""Log filters: no path, query string or token in a log line — only the route.

Django's own request loggers write the path: ``django.request`` ("Not Found: /min-sag/<the
status link's token>/") and, under ``runserver``, ``django.server`` (the whole request line,
query string included: search words, i.e. citizens' names). These filters put the matched
route pattern in its place (``/min-sag/<str:token>/``), see ops.middleware.route_of.
"""

import json
import logging
import traceback

from django.http import HttpRequest


def _route_for_path(path: str) -> str:
    # here, not at the top: logging is configured from the settings, before the apps are ready
    from django.urls import Resolver404, resolve

    try:
        match = resolve(path)
    except (Resolver404, ValueError):
        return "-"
    return "/" + (match.route or "").lstrip("^")


class RouteOnlyFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if isinstance(request, HttpRequest):
            # here, not at the top: logging is configured from the settings, before the apps are ready
            from .middleware import route_of

            route = route_of(request)
            raw = {request.path, request.path_info, request.get_full_path()}
            record.args = tuple(route if isinstance(a, str) and a in raw else a for a in (record.args or ()))
        elif record.name == "django.server" and record.args and isinstance(record.args[0], str):
            # runserver: args are (request line, status, size); the line is "GET /path?q HTTP/1.1".
            method, _, rest = record.args[0].partition(" ")
            path, _, protocol = rest.partition(" ")
            line = f"{method} {_route_for_path(path.split('?', 1)[0])} {protocol}".strip()
            record.args = (line, *record.args[1:])
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line (production): time, level, logger, message — and for an
    exception its kind and where it happened (file, line, function), never its text, which may
    quote data."""

    def format(self, record: logging.LogRecord) -> str:

        entry = {
            "time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info and record.exc_info[0] is not None:
            kind, _value, tb = record.exc_info
            entry["exception"] = kind.__name__
            entry["where"] = [f"{f.filename}:{f.lineno} {f.name}" for f in traceback.extract_tb(tb)][-8:]
        return json.dumps(entry, ensure_ascii=False)

import logging
import time

from django.conf import settings
from django.urls import resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.views.defaults import bad_request

access_log = logging.getLogger("ops.access")


class LanguageMiddleware:
    """Danish unless the person chose another language with the switcher (a cookie).

    Django's LocaleMiddleware would also follow the browser's Accept-Language, so a jurist
    with an English browser would get an English UI by surprise. The system's language is
    Danish; English is an explicit choice.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        try:
            response = self.get_response(request)
        finally:
            # A worker thread must not carry one person's language into whatever it runs next.
            translation.activate(settings.LANGUAGE_CODE)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


class SecurityHeadersMiddleware:
    """A strict Content-Security-Policy on every response (nothing loads from elsewhere).

    A view may set its own, stricter or wider, header; this only fills it in when absent.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", settings.CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        return response


class RejectNulMiddleware:
    """A NUL character in the path or a query parameter (``/min-sag/%00/``, ``?state=%00``) is
    never valid, and PostgreSQL refuses it in a query (a 500): answer 400 before any view or
    lookup sees it. (Form fields refuse it themselves, naming the field.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.path or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return bad_request(request, exception=None)
        return self.get_response(request)


class AccessLogMiddleware:
    """One log line per request: method, route, status, duration — the route pattern
    (``min-sag/<str:token>/``), never the path or the query string, which carry status-link
    tokens and search words (citizens' names). Replaces the web server's access log."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        access_log.info(
            "%s %s %s %dms",
            request.method,
            route_of(request),
            response.status_code,
            (time.monotonic() - started) * 1000,
        )
        return response


def route_of(request) -> str:
    """The URL pattern a request matched, e.g. ``min-sag/<str:token>/``; ``-`` if none."""
    match = getattr(request, "resolver_match", None)
    if match is None and settings.STATIC_URL and request.path.startswith(settings.STATIC_URL):
        return settings.STATIC_URL + "…"
    if match is None:
        try:
            match = resolve(request.path_info)
        except Exception:
            return "-"
    return "/" + (match.route or "").lstrip("^")

"""Every URL pattern of the project as a concrete sample path, for tests that must cover all
pages (login required, and later the URL × role matrix). A new page is picked up by itself."""

import re
from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver

SAMPLE = "1"


@dataclass(frozen=True)
class UrlSample:
    name: str
    path: str
    params: tuple[str, ...] = ()


def _params(route: str) -> tuple[str, ...]:
    return tuple(re.findall(r"<(?:\w+:)?(\w+)>", route) + re.findall(r"\(\?P<(\w+)>", route))


SAMPLE_UUID = "00000000-0000-4000-8000-000000000001"


def _sample_from_route(route: str) -> str:
    route = re.sub(r"<uuid:\w+>", SAMPLE_UUID, route)
    return re.sub(r"<(?:\w+:)?\w+>", SAMPLE, route)


def _sample_from_regex(regex: str) -> str:
    regex = regex.lstrip("^").rstrip("$")
    # A named group with alternatives takes its first alternative; any other group a sample.
    regex = re.sub(r"\(\?P<\w+>([\w-]+)(?:\|[^)]*)?\)", r"\1", regex)
    regex = re.sub(r"\(\?P<\w+>[^)]*\)", "no-such-page/", regex)
    return regex.replace("\\", "")


def _walk(resolver: URLResolver, prefix: str, namespace: str, params: tuple[str, ...] = ()):
    for entry in resolver.url_patterns:
        pattern = entry.pattern
        raw = str(pattern)
        part = _sample_from_regex(raw) if hasattr(pattern, "regex") and not hasattr(pattern, "_route") else ""
        if hasattr(pattern, "_route"):
            part = _sample_from_route(pattern._route)
        if isinstance(entry, URLResolver):
            ns = (
                f"{namespace}:{entry.namespace}"
                if namespace and entry.namespace
                else (entry.namespace or namespace)
            )
            yield from _walk(entry, prefix + part, ns, params + _params(raw))
        elif isinstance(entry, URLPattern):
            name = entry.name or f"<unnamed {prefix + raw}>"
            yield UrlSample(
                name=f"{namespace}:{name}" if namespace else name,
                path="/" + prefix + part,
                params=params + _params(raw),
            )


def all_url_samples() -> list[UrlSample]:
    return list(_walk(get_resolver(), "", ""))

"""The navigation a signed-in person sees: only what their roles may use.

Apps contribute entries through a ``nav_items`` attribute on their AppConfig, so that core
never imports the apps above it. An entry is ``NavItem(label, url_name, allowed)`` where
``allowed(user)`` is the same predicate the app's permissions module uses for the page.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.urls import reverse


@dataclass(frozen=True)
class NavItem:
    label: str
    url_name: str
    allowed: Callable
    order: int = 100


def nav_items_for(user) -> list[dict]:
    items = []
    for config in apps.get_app_configs():
        for item in getattr(config, "nav_items", ()):
            if item.allowed(user):
                items.append((item.order, str(item.label), reverse(item.url_name)))
    return [{"label": label, "url": url} for _order, label, url in sorted(items)]

"""The restore drill's look at a system (``manage.py restore_drill``): what it shows, as
digests, to compare an original with its restored copy. ops imports no app of ours, so each
app that has something to show declares its part on its AppConfig
(``restore_drill_look = "<app>.drill.look"``): a function of the day that returns its keys
(``figures``, ``pages``, ``reports``, ``unreadable``)."""

import hashlib
import json

from django.apps import apps
from django.utils.module_loading import import_string


def digest(value) -> str:
    data = value if isinstance(value, bytes) else json.dumps(value, sort_keys=True, default=str).encode()
    return hashlib.sha256(data).hexdigest()


def look(today: str) -> dict:
    """What this system shows: figures, case pages, whistleblower content (as digests)."""
    result = {"figures": {}, "pages": {}, "reports": {}, "unreadable": 0}
    for config in apps.get_app_configs():
        part = getattr(config, "restore_drill_look", None)
        if part:
            result.update(import_string(part)(today))
    return result

"""Serves plotly.js from the installed plotly package as ``vendor/plotly.min.js``: the same
version as the Python library, nothing from a CDN, and no copy in the repository."""

from pathlib import Path

import plotly
from django.contrib.staticfiles.finders import BaseFinder
from django.core.files.storage import FileSystemStorage

PATH = "vendor/plotly.min.js"
SOURCE = Path(plotly.__file__).parent / "package_data" / "plotly.min.js"


class PlotlyFinder(BaseFinder):
    def check(self, **kwargs):
        return []

    def find(self, path, find_all=False, **kwargs):
        if path != PATH:
            return []
        return [str(SOURCE)] if (find_all or kwargs.get("all")) else str(SOURCE)

    def list(self, ignore_patterns):
        storage = FileSystemStorage(location=str(SOURCE.parent))
        storage.prefix = "vendor"
        yield SOURCE.name, storage

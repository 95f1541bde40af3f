"""The yearly report as a self-contained web edition (DOMAIN §7, issue 16): ``index.html`` and
``assets/`` (the style sheet and one SVG per chart), to publish on the municipality's website.

No request leaves the directory: no CDN, no font service, no script. The charts are the PDF's
own reportlab drawings rendered as SVG, each followed by a table of its numbers; every text is
escaped by Django's templates (``markup.to_html`` for the light markup).
"""

import io
import zipfile
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation
from reportlab.graphics import renderSVG

from . import content as c
from .pdf import chart_drawing

CSS = Path(__file__).parent / "web_assets" / "beretning.css"
CHART_WIDTH = 480


def _charts(report: c.Report) -> list[c.Chart]:
    charts = [f for f in report.figures if isinstance(f, c.Chart)]
    if report.whistleblower.themes:
        charts.append(report.whistleblower.themes)
    for d in report.departments:
        charts += [d.per_year, d.outcomes] + ([d.themes] if d.themes else [])
    return charts


def _svg(chart: c.Chart) -> bytes:
    """The chart as SVG. reportlab names its PDF fonts ("Helvetica-Bold"); a browser needs a
    family it has, and bold as a weight."""
    svg = renderSVG.drawToString(chart_drawing(chart, width=CHART_WIDTH))
    svg = svg.replace(
        "font-family: Helvetica-Bold", "font-family: Helvetica, Arial, sans-serif; font-weight: bold"
    )
    return svg.replace("font-family: Helvetica;", "font-family: Helvetica, Arial, sans-serif;").encode()


def files(report: c.Report) -> dict[str, bytes]:
    """{relative path: content} of the whole edition."""
    out = {"assets/beretning.css": CSS.read_bytes()}
    for n, chart in enumerate(_charts(report), start=1):
        chart.file = f"assets/figur-{n}.svg"
        out[chart.file] = _svg(chart)
    with translation.override("da"):
        html = render_to_string("annual_report/web/index.html", {"report": report, "parts": c.DEFAULT_PARTS})
    out["index.html"] = html.encode()
    return out


def write(report: c.Report, directory: Path) -> list[Path]:
    written = []
    for name, data in files(report).items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def build_zip(report: c.Report) -> bytes:
    buffer = io.BytesIO()
    folder = f"beretning-{report.year}"
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files(report).items():
            archive.writestr(f"{folder}/{name}", data)
    return buffer.getvalue()

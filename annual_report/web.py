"""The yearly report as a self-contained web edition (DOMAIN §7): ``index.html`` and
``assets/beretning.css``, to publish on the municipality's website. The PDF is made from the
same HTML (``pdf``), so the two cannot tell different stories.

No request leaves the directory: no CDN, no font service, no script. The charts are reportlab
drawings inline as SVG, each a figure with a caption, a text alternative that says its numbers
and its table behind "Vis tallene"; every text is escaped by Django's templates
(``markup.to_html`` for the light markup).
"""

import io
import zipfile
from pathlib import Path

from ops.documents import STATIC_DIR
from ops.documents import render_html as render_document

from . import content as c

CSS = STATIC_DIR / "css" / "beretning.css"


def render_html(
    report: c.Report,
    *,
    stylesheet: str = "assets/beretning.css",
    preview: bool = False,
    for_print: bool = False,
) -> str:
    """The edition's one page. ``for_print`` (the PDF's HTML) leaves out the charts' tables
    behind "Vis tallene": the print rules hide them (a chart's numbers are on its bars and in
    its text alternative), and a PDF is laid out faster without elements nobody sees."""
    return render_document(
        "annual_report/web/index.html",
        {"report": report, "stylesheet": stylesheet, "preview": preview, "for_print": for_print},
    )


def files(report: c.Report) -> dict[str, bytes]:
    """{relative path: content} of the whole edition."""
    return {"assets/beretning.css": CSS.read_bytes(), "index.html": render_html(report).encode()}


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

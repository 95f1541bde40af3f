"""Documents — letters, the case file, the whistleblower scheme's yearly account, the yearly
report — are written once, as HTML templates, and made into PDF from that same HTML.

``render_html`` fills a template in Danish (the documents' language, whatever the reader's);
``html_to_pdf`` lays the HTML out with WeasyPrint as **tagged PDF/UA-1**: a structure tree in
reading order (headings, paragraphs, lists, tables with header cells, figures with their
alternative text, links), the document's language and title (shown in the viewer's title bar),
XMP metadata, and every font embedded (DejaVu Sans, which has the Danish letters and "✓").
WeasyPrint maps HTML to PDF structure itself; this module adds what it leaves out — the scope
of each table header cell (a column's or a row's) — so that a screen reader can say which
header a number belongs to.

Why WeasyPrint: it writes PDF/UA-1 from HTML and CSS (paged media: running heads, page numbers,
page references, keep-with-next), is a pip install on Pango (in every Linux distribution) and
needs no browser. Compared: a headless Chromium prints tagged PDFs too, but through a browser
process per document (heavy in a web worker, and not PDF/UA: no header scope, no XMP); reportlab
cannot write a structure tree at all (the reason for this module); LaTeX needs a TeX
installation and a second source of every document.

``core.viewhelpers.download`` hands a document to the browser (file name, inline or attachment,
never cached).
"""

import atexit
import gc
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.template.loader import render_to_string
from django.utils import translation

# The sender's line at the foot of every page of a letter or a case file.
SENDER = "Borgerrådgiveren · Københavns Kommune · Rådhuspladsen 1 · 1599 København V · Tlf. 33 66 14 00"
FONT_DIR = Path(__file__).parent / "fonts"
STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
# The family every PDF is set in (declared below from the fonts in ``FONT_DIR``).
FONT_FAMILY = "Dokument"
FONT_FACES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)


def render_html(template: str, context: dict) -> str:
    """The document's HTML, in Danish."""
    with translation.override("da"):
        return render_to_string(template, context)


@lru_cache(maxsize=1)
def _fonts():
    """WeasyPrint's font configuration with the embedded family: made once per process (the
    fonts are read once, not per document)."""
    # lazy: WeasyPrint loads Pango and the fonts; only a process that makes a document pays
    from weasyprint import CSS

    # lazy: WeasyPrint loads Pango and the fonts; only a process that makes a document pays
    from weasyprint.text.fonts import FontConfiguration

    config = FontConfiguration()
    faces = "\n".join(
        f"@font-face {{ font-family: {FONT_FAMILY}; src: url({(FONT_DIR / name).as_uri()}); "
        f"font-weight: {weight}; font-style: {style}; }}"
        for name, weight, style in FONT_FACES
    )
    # The body family for every PDF, whatever the document's own style sheet says for screens.
    css = CSS(
        string=f"{faces}\nhtml, svg text {{ font-family: {FONT_FAMILY}, sans-serif; }}", font_config=config
    )
    return config, css


# Let the font configuration go while the interpreter still runs (its finaliser needs it).
atexit.register(_fonts.cache_clear)


@contextmanager
def _collecting_new_objects_only():
    """While a document is laid out, the garbage collector looks only at the objects made
    since: WeasyPrint makes hundreds of thousands (boxes, styles, text layouts), and each of
    the collector's full passes would otherwise walk every object of the process as well
    (Django, the templates, the app) — a tenth of a long document's time. The objects that
    existed before are left as they are (``gc.freeze``) and given back to it afterwards."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def html_to_pdf(html: str, *, stylesheets: tuple[Path, ...] = ()) -> bytes:
    """``html`` as a tagged PDF/UA-1. ``stylesheets`` are files to apply besides the ones the
    HTML links to (relative links resolve against ``static/``)."""
    # lazy: WeasyPrint loads Pango and the fonts; only a process that makes a document pays
    from weasyprint import CSS, HTML

    config, fonts = _fonts()
    with _collecting_new_objects_only():
        sheets = [fonts, *(CSS(filename=str(path), font_config=config) for path in stylesheets)]
        document = HTML(string=html, base_url=str(STATIC_DIR) + "/").render(
            stylesheets=sheets, font_config=config
        )
        return document.write_pdf(pdf_variant="pdf/ua-1", finisher=_header_scopes)


def render_pdf(template: str, context: dict, *, stylesheets: tuple[Path, ...] = ()) -> bytes:
    return html_to_pdf(render_html(template, context), stylesheets=stylesheets)


def _header_scopes(_document, pdf) -> None:
    """Give every table header cell (TH) its scope: a column's in a table head, a row's in the
    body. WeasyPrint ties data cells to their headers (``/Headers``) but leaves the headers
    without ``/Scope``, which PDF/UA checkers (and some screen readers) look for. Run as
    WeasyPrint's finisher, on its structure elements before the file is written (not by
    reading the written file back and writing it again)."""
    # lazy: with WeasyPrint (above)
    import pydyf

    elements = {
        element.reference: element
        for element in pdf.objects
        if isinstance(element, pydyf.Dictionary) and element.get("Type") == "/StructElem"
    }
    for element in elements.values():
        if element["S"] != "/TH":
            continue
        row = elements.get(element.get("P"))
        group = elements.get(row.get("P")) if row is not None else None
        in_head = group is not None and group["S"] == "/THead"
        attributes = element.get("A")
        if not isinstance(attributes, pydyf.Dictionary):
            attributes = element["A"] = pydyf.Dictionary({"O": "/Table"})
        attributes["Scope"] = "/Column" if in_head else "/Row"


# --- letters and the case file --------------------------------------------------------------


@dataclass
class Letter:
    title: str
    date_text: str
    reference: str
    recipient: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)


def render_letter(letter: Letter) -> bytes:
    """A letter (to a citizen, a department, a party to a hearing) as tagged PDF."""
    return render_pdf(
        "documents/letter.html",
        {"letter": letter, "document_title": letter.title, "sender": SENDER, "reference": letter.reference},
    )


@dataclass
class CaseFile:
    """A case's file as a document (sagens akter): facts, the numbered list of documents
    (aktliste) and the timeline."""

    title: str
    reference: str
    printed: str
    facts: list[tuple[str, str]] = field(default_factory=list)
    documents_heading: str = ""
    documents_header: list[str] = field(default_factory=list)
    documents: list[list[str]] = field(default_factory=list)
    timeline_heading: str = ""
    timeline_header: list[str] = field(default_factory=list)
    timeline: list[list[str]] = field(default_factory=list)
    empty: str = ""

    @property
    def sections(self) -> list[dict]:
        return [
            {
                "kind": "documents",
                "heading": self.documents_heading,
                "header": self.documents_header,
                "rows": self.documents,
            },
            {
                "kind": "timeline",
                "heading": self.timeline_heading,
                "header": self.timeline_header,
                "rows": self.timeline,
            },
        ]


def render_case_file(case_file: CaseFile) -> bytes:
    return render_pdf(
        "documents/case_file.html",
        {
            "case_file": case_file,
            "document_title": case_file.title,
            "sender": SENDER,
            "reference": case_file.reference,
        },
    )

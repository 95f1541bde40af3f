"""A plain A4 letter as a PDF (reportlab): letterhead, recipient, date, title, paragraphs,
signature, page numbers. Shared by the complaints and supervision letters."""

from dataclasses import dataclass, field
from io import BytesIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

SENDER = "Borgerrådgiveren · Københavns Kommune · Rådhuspladsen 1 · 1599 København V · Tlf. 33 66 14 00"

# The office's colours in every PDF it makes (letters, case files, the yearly report, the
# whistleblower scheme's account).
BRAND = colors.HexColor("#0b3a63")
GREY = colors.HexColor("#4a4a4a")
GRID = colors.HexColor("#9ca3af")


def escape_markup(value) -> str:
    """``value`` as the text of a reportlab ``Paragraph``, shown as written.

    A Paragraph parses a mini-markup: ``<b>``, ``<font>``, ``<a href>`` (a live link),
    ``<img src>`` (a file from the server), entities; an unclosed tag makes the whole build fail.
    Every text from the database passes here, once, where it enters a Paragraph or a table of
    contents (which parses its entries again). reportlab.graphics ``String`` is not parsed:
    text escaped for it would show "&amp;".
    """
    return escape(str(value))


@dataclass
class Letter:
    title: str
    date_text: str
    reference: str
    recipient: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)


def _styles():
    base = getSampleStyleSheet()
    return {
        "head": ParagraphStyle(
            "head",
            parent=base["Normal"],
            fontName="Helvetica-Bold",
            fontSize=14,
            textColor=BRAND,
            spaceAfter=2 * mm,
        ),
        "small": ParagraphStyle("small", parent=base["Normal"], fontSize=8, textColor=GREY),
        "body": ParagraphStyle("body", parent=base["Normal"], fontSize=10.5, leading=15, spaceAfter=3 * mm),
        "title": ParagraphStyle(
            "title",
            parent=base["Normal"],
            fontName="Helvetica-Bold",
            fontSize=12,
            spaceBefore=6 * mm,
            spaceAfter=4 * mm,
        ),
    }


def _footer(canvas, doc):
    canvas.saveState()
    canvas.setFont("Helvetica", 8)
    canvas.setFillColor(GREY)
    canvas.drawString(20 * mm, 12 * mm, SENDER)
    canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"Side {doc.page}")
    canvas.restoreState()


def _document(buffer, title: str, margin: float, top: float) -> SimpleDocTemplate:
    return SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=top,
        bottomMargin=22 * mm,
        title=title,
        author="Borgerrådgiveren",
    )


def _letterhead(s) -> list:
    return [Paragraph("Borgerrådgiveren", s["head"]), Paragraph("Københavns Kommune", s["small"])]


def render_letter(letter: Letter) -> bytes:
    """The letter as PDF bytes. All text is escaped: it is data, never reportlab markup."""
    buffer = BytesIO()
    doc = _document(buffer, letter.title, 25 * mm, 20 * mm)
    s = _styles()
    story = [*_letterhead(s), Spacer(1, 10 * mm)]
    story += [Paragraph(escape_markup(line), s["body"]) for line in letter.recipient]
    story += [
        Spacer(1, 4 * mm),
        Paragraph(escape_markup(f"{letter.date_text} · Sagsnr. {letter.reference}"), s["small"]),
    ]
    story.append(Paragraph(escape_markup(letter.title), s["title"]))
    for paragraph in letter.paragraphs:
        story.append(Paragraph(escape_markup(paragraph).replace("\n", "<br/>"), s["body"]))
    story.append(Spacer(1, 6 * mm))
    story += [Paragraph(escape_markup(line), s["body"]) for line in letter.signature]
    doc.build(story, onFirstPage=_footer, onLaterPages=_footer)
    return buffer.getvalue()


@dataclass
class CaseFile:
    """A case's file as a document (sagens akter): facts, the numbered list of documents
    (aktliste) and the timeline. Every text is data and is escaped."""

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


def _cell(value, style) -> Paragraph:
    return Paragraph(escape_markup(value).replace("\n", "<br/>"), style)


def _table(header: list[str] | None, rows: list[list[str]], widths, s):
    from reportlab.platypus import Table, TableStyle

    data = [[_cell(v, s["td"]) for v in row] for row in rows]
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.3, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        data.insert(0, [_cell(h, s["th"]) for h in header])
        style.append(("LINEBELOW", (0, 0), (-1, 0), 0.8, BRAND))
    # A cell may hold a long note or message: rows split across pages rather than fail.
    table = Table(data, colWidths=widths, repeatRows=1 if header else 0, splitInRow=1)
    table.setStyle(TableStyle(style))
    return table


def render_case_file(case_file: CaseFile) -> bytes:
    buffer = BytesIO()
    doc = _document(buffer, case_file.title, 20 * mm, 18 * mm)
    s = _styles()
    s["th"] = ParagraphStyle(
        "th", parent=s["body"], fontName="Helvetica-Bold", fontSize=9, leading=11, spaceAfter=0
    )
    s["td"] = ParagraphStyle("td", parent=s["body"], fontSize=9, leading=11.5, spaceAfter=0)
    width = A4[0] - 40 * mm
    story = [
        *_letterhead(s),
        Paragraph(escape_markup(case_file.title), s["title"]),
        Paragraph(escape_markup(case_file.printed), s["small"]),
        Spacer(1, 4 * mm),
    ]
    if case_file.facts:
        story.append(_table(None, [[k, v] for k, v in case_file.facts], [45 * mm, width - 45 * mm], s))
    sections = [
        (case_file.documents_heading, case_file.documents_header, case_file.documents, [12, 24, None, 45]),
        (case_file.timeline_heading, case_file.timeline_header, case_file.timeline, [30, 45, None]),
    ]
    for heading, header, rows, widths_mm in sections:
        story.append(Paragraph(escape_markup(heading), s["title"]))
        if not rows:
            story.append(Paragraph(escape_markup(case_file.empty), s["body"]))
            continue
        rest = width - sum(w for w in widths_mm if w) * mm  # the free-text column takes the rest
        story.append(_table(header, rows, [w * mm if w else rest for w in widths_mm], s))

    def footer(canvas, doc):
        _footer(canvas, doc)
        canvas.saveState()
        canvas.setFont("Helvetica", 8)
        canvas.drawRightString(A4[0] - 20 * mm, 16 * mm, f"Sagsnr. {case_file.reference}")
        canvas.restoreState()

    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()

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
            textColor=colors.HexColor("#0b3a63"),
            spaceAfter=2 * mm,
        ),
        "small": ParagraphStyle(
            "small", parent=base["Normal"], fontSize=8, textColor=colors.HexColor("#4a4a4a")
        ),
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
    canvas.setFillColor(colors.HexColor("#4a4a4a"))
    canvas.drawString(20 * mm, 12 * mm, SENDER)
    canvas.drawRightString(A4[0] - 20 * mm, 12 * mm, f"Side {doc.page}")
    canvas.restoreState()


def render_letter(letter: Letter) -> bytes:
    """The letter as PDF bytes. All text is escaped: it is data, never reportlab markup."""
    buffer = BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=25 * mm,
        rightMargin=25 * mm,
        topMargin=20 * mm,
        bottomMargin=22 * mm,
        title=letter.title,
        author="Borgerrådgiveren",
    )
    s = _styles()
    story = [
        Paragraph("Borgerrådgiveren", s["head"]),
        Paragraph("Københavns Kommune", s["small"]),
        Spacer(1, 10 * mm),
    ]
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

"""The yearly report as an A4 PDF publication (reportlab), DOMAIN §7.

Lays out ``content.Report``: a cover with the year and the office, the contents, the foreword,
the edition's chapters with the generated parts where they place them, and two appendices — the
tables behind the charts, and the departments. Every text from the database enters a
``Paragraph`` through ``markup`` or ``escape_markup``; chart labels are drawn, not parsed.

Charts are drawn with ``reportlab.graphics`` from the same numbers as the dashboard's plotly
charts; the web edition renders the very same drawings as SVG (``chart_drawing``).
"""

from io import BytesIO
from pathlib import Path

from django.utils import translation
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    ListFlowable,
    ListItem,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from core.pdf import BRAND, GREY, GRID, escape_markup
from stats import formatting as fmt
from supervision.models import FindingValue

from . import content as c
from . import markup

LIGHT = colors.HexColor("#3f76b0")
GREEN = colors.HexColor("#1e6b30")
COLORS = {"brand": BRAND, "light": LIGHT, "green": GREEN}
PAGE_W, PAGE_H = A4
MARGIN = 22 * mm
WIDTH = PAGE_W - 2 * MARGIN
CHART_FONT = 9  # every label in a chart: axes, categories, values (issue 16: at least 9 pt)

# The check mark of the findings tables: Helvetica has no "✓"; DejaVu Sans (Bitstream Vera
# licence, in fonts/) is embedded for that one glyph.
SYMBOL_FONT = "DejaVuSans"
pdfmetrics.registerFont(TTFont(SYMBOL_FONT, str(Path(__file__).parent / "fonts" / "DejaVuSans.ttf")))
CHECK = f'<font name="{SYMBOL_FONT}">✓</font>'


def _styles():
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "body", parent=base["Normal"], fontName="Helvetica", fontSize=10.5, leading=15, spaceAfter=6
    )

    def style(name, **kw):
        return ParagraphStyle(name, parent=body, **kw)

    return {
        "body": body,
        "h1": style(
            "h1",
            fontName="Helvetica-Bold",
            fontSize=20,
            leading=24,
            textColor=BRAND,
            spaceAfter=12,
            keepWithNext=1,
        ),
        "h2": style(
            "h2",
            fontName="Helvetica-Bold",
            fontSize=13,
            leading=17,
            textColor=BRAND,
            spaceBefore=10,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h3": style("h3", fontName="Helvetica-Bold", fontSize=11, leading=15, spaceBefore=6, keepWithNext=1),
        "caption": style(
            "caption", fontName="Helvetica-Bold", fontSize=10, leading=13, textColor=BRAND, keepWithNext=1
        ),
        "quote": style("quote", fontName="Helvetica-Oblique", leftIndent=14, textColor=GREY),
        "pull": style(
            "pull",
            fontName="Helvetica-Oblique",
            fontSize=14,
            leading=19,
            textColor=BRAND,
            leftIndent=14,
            borderPadding=(4, 0, 4, 10),
            spaceBefore=4,
            spaceAfter=10,
        ),
        "meta": style("meta", fontSize=9.5, leading=13, textColor=GREY, spaceAfter=4, keepWithNext=1),
        "small": style("small", fontSize=9, leading=12, textColor=GREY),
        "cell": style("cell", fontSize=9.5, leading=12, spaceAfter=0),
        "cover_title": style(
            "ct", fontName="Helvetica-Bold", fontSize=40, leading=46, textColor=colors.white
        ),
        "cover_sub": style("cs", fontSize=15, leading=21, textColor=colors.white),
        "cover_small": style("cm", fontSize=11, leading=16, textColor=colors.white),
        "toc0": style("toc0", fontName="Helvetica-Bold", fontSize=11, leading=17, alignment=TA_LEFT),
        "toc1": style("toc1", fontSize=10, leftIndent=14, leading=14),
    }


class ReportDoc(BaseDocTemplate):
    """A cover on a coloured ground without a footer; every other page numbered. Headings feed
    the contents and the PDF's bookmarks."""

    def __init__(self, buffer, title):
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
            title=title,
            author=f"{c.OFFICE}, {c.MUNICIPALITY}",
            subject=title,
            creator="Borgerrådgiverens sagssystem",
            lang="da-DK",
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates(
            [
                PageTemplate(id="cover", frames=[frame], onPage=self._cover),
                PageTemplate(id="page", frames=[frame], onPage=self._footer),
            ]
        )

    def _cover(self, canvas, doc):
        canvas.saveState()
        canvas.setFillColor(BRAND)
        canvas.rect(0, 0, PAGE_W, PAGE_H, stroke=0, fill=1)
        canvas.setFillColor(LIGHT)
        canvas.rect(0, PAGE_H * 0.38, PAGE_W, 6 * mm, stroke=0, fill=1)
        canvas.restoreState()

    def _footer(self, canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 9)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, 11 * mm, f"{self.title} · {c.OFFICE}")
        canvas.drawRightString(PAGE_W - MARGIN, 11 * mm, f"Side {doc.page}")
        canvas.restoreState()

    def beforeDocument(self):
        self._outline_level = -1

    def afterFlowable(self, flowable):
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            # The PDF's outline may not skip a level (an example placed right under a chapter).
            level = min(level, self._outline_level + 1)
            self._outline_level = level
            self.canv.addOutlineEntry(flowable.toc_text, key, level=level, closed=level > 0)
            if flowable.in_contents:
                # The contents parse each entry as markup again: the entry is the heading's own
                # text, escaped (getPlainText() would hand back "<b>" unescaped).
                self.notify("TOCEntry", (level, escape_markup(flowable.toc_text), self.page, key))


def _heading(text, style, level, contents=True):
    """A heading in the PDF's bookmarks at ``level`` and, if ``contents``, in the contents
    (chapters and their sections; a recommendation, an example or a department is a bookmark
    only, so that the contents fit on one page)."""
    paragraph = Paragraph(escape_markup(text), style)
    paragraph.toc_level = level
    paragraph.toc_text = text
    paragraph.in_contents = contents
    return paragraph


def _blocks(blocks, s, parts=None) -> list:
    """Flowables for markup blocks; an "insert" block becomes its part (``parts[name]()``)."""
    out = []
    for block in blocks:
        if block.kind == "p":
            out.append(Paragraph(markup.to_reportlab(block), s["body"]))
        elif block.kind == "h":
            out.append(_heading(block.plain, s["h2"], 1))
        elif block.kind == "quote":
            out.append(Paragraph(markup.to_reportlab(block), s["quote"]))
        elif block.kind == "ul":
            out.append(
                ListFlowable(
                    [ListItem(Paragraph(markup.line_to_reportlab(line), s["body"])) for line in block.lines],
                    bulletType="bullet",
                    start="•",
                    leftIndent=14,
                )
            )
        elif block.kind == "insert" and parts is not None:
            out += parts[block.name]()
    return out


def _table(rows, widths, header=None, s=None, bold_last=False):
    """Cells are Paragraphs (wrapping, escaped) for the first column, plain strings (drawn as
    they are) for figures. A header row repeats on a new page."""
    s = s or _styles()
    data = [[Paragraph(escape_markup(first), s["cell"]), *rest] for first, *rest in rows]
    if header:
        data.insert(0, header)
    table = Table(data, colWidths=[WIDTH * w for w in widths], hAlign="LEFT", repeatRows=1 if header else 0)
    style = [
        ("FONT", (0, 0), (-1, -1), "Helvetica", 9.5),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, GRID),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style += [("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9.5), ("LINEBELOW", (0, 0), (-1, 0), 1, BRAND)]
    if bold_last:
        style += [
            ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9.5),
            ("LINEABOVE", (0, -1), (-1, -1), 1, BRAND),
        ]
    table.setStyle(TableStyle(style))
    return table


def _stats_table(table, s, note=""):
    """A figures table with its caption, kept on one page (they are short)."""
    rows = [(r.label, r.text) for r in table.rows]
    parts = [Paragraph(escape_markup(table.title), s["caption"]), _table(rows, (0.72, 0.28), s=s)]
    if note:
        parts.append(Paragraph(escape_markup(note), s["small"]))
    parts.append(Spacer(1, 8))
    return [KeepTogether(parts)]


# Charts ------------------------------------------------------------------------------------


def _value_axis(values) -> tuple[float, float | None]:
    """(max, step): room beyond the longest bar for its label; whole-number steps for counts."""
    top = max([v for v in values if v is not None] or [0])
    if all(float(v).is_integer() for v in values):
        step = 1
        for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000):
            step = candidate
            if top / candidate <= 6:
                break
        return step * (int(top * 1.15 / step) + 1), step
    return max(1, top * 1.2 + 1), None


def _wrap(label: str, width: float) -> str:
    """A category label broken onto two lines where it is wider than ``width``."""
    if stringWidth(label, "Helvetica", CHART_FONT) <= width or " " not in label:
        return label
    words, first = label.split(" "), []
    while words and stringWidth(" ".join([*first, words[0]]), "Helvetica", CHART_FONT) <= width:
        first.append(words.pop(0))
    return " ".join(first or [words.pop(0)]) + "\n" + " ".join(words)


def chart_drawing(chart: c.Chart, width: float = WIDTH) -> Drawing:
    """A bar chart whose value axis starts at 0 and whose labels (9 pt) stay inside the
    drawing; its title is drawn at the top, so it needs no heading of its own."""
    values = [v or 0 for v in chart.values]
    number = (
        (lambda v: fmt.percent(v))
        if chart.percent
        else (lambda v: fmt.number(int(v)) if float(v).is_integer() else fmt.decimal(v))
    )
    if chart.horizontal:
        label_w = min(
            width * 0.42,
            max([stringWidth(str(lab), "Helvetica", CHART_FONT) for lab in chart.labels] or [40]) + 6,
        )
        labels = [_wrap(str(lab), label_w) for lab in chart.labels]
        row_h = 26 if any("\n" in lab for lab in labels) else 18
        height = 40 + row_h * len(labels)
        drawing = Drawing(width, height)
        bars = HorizontalBarChart()
        bars.x, bars.y = label_w + 8, 14
        bars.width, bars.height = width - label_w - 60, height - 40
        bars.categoryAxis.labels.boxAnchor = "e"
        bars.categoryAxis.labels.dx = -4
        bars.categoryAxis.labels.textAnchor = "end"
        bars.categoryAxis.reverseDirection = True
        bars.barLabels.boxAnchor = "w"
        bars.barLabels.dx = 3
        bars.valueAxis.visible = False
    else:
        height = 190
        labels = [str(lab) for lab in chart.labels]
        drawing = Drawing(width, height)
        bars = VerticalBarChart()
        bars.x, bars.y = 44, 24
        bars.width, bars.height = width - 60, height - 58
        bars.categoryAxis.labels.boxAnchor = "n"
        bars.categoryAxis.labels.dy = -3
        bars.barLabels.boxAnchor = "s"
        bars.barLabels.dy = 2
        bars.valueAxis.labels.fontName = "Helvetica"
        bars.valueAxis.labels.fontSize = CHART_FONT
        bars.valueAxis.labelTextFormat = number
        bars.valueAxis.visibleGrid = True
        bars.valueAxis.gridStrokeColor = colors.HexColor("#e5e7eb")
    bars.data = [values]
    bars.categoryAxis.categoryNames = labels
    bars.categoryAxis.labels.fontName = "Helvetica"
    bars.categoryAxis.labels.fontSize = CHART_FONT
    bars.categoryAxis.labels.leading = CHART_FONT + 1.5
    bars.valueAxis.valueMin = 0
    bars.valueAxis.valueMax, step = _value_axis(values)
    if step:
        bars.valueAxis.valueStep = step
    bars.bars[0].fillColor = COLORS[chart.color]
    bars.bars[0].strokeColor = None
    bars.barLabelFormat = number
    bars.barLabels.fontName = "Helvetica"
    bars.barLabels.fontSize = CHART_FONT
    drawing.add(bars)
    drawing.add(
        String(0, drawing.height - 13, chart.title, fontName="Helvetica-Bold", fontSize=11, fillColor=BRAND)
    )
    return drawing


def _chart(chart: c.Chart, s, appendix_no: int | None = None):
    parts = [chart_drawing(chart)]
    if chart.note:
        parts.append(Paragraph(escape_markup(chart.note), s["small"]))
    if appendix_no:
        parts.append(Paragraph(f"Tallene står også i tabel {appendix_no} i bilag 1.", s["small"]))
    parts.append(Spacer(1, 10))
    return [KeepTogether(parts)]


# The parts ---------------------------------------------------------------------------------


def _part_figures(report: c.Report, s):
    out, n = [], 0
    for figure in report.figures:
        if isinstance(figure, c.Chart):
            n += 1
            out += _chart(figure, s, n)
        else:
            out += _stats_table(figure.table, s, figure.note)
    return out


def _part_recommendations(report: c.Report, s):
    out = []
    for r in report.recommendations:
        out.append(_heading(f"Anbefaling {r.number}: {r.heading}", s["h2"], 2, contents=False))
        if r.addressed:
            out.append(Paragraph(escape_markup(f"Til {r.addressed}"), s["meta"]))
        out += _blocks(r.blocks, s)
        if r.comments:
            out.append(Paragraph("Forvaltningernes bemærkninger", s["h3"]))
            for department, blocks in r.comments:
                out.append(Paragraph(f"<b>{escape_markup(department)}</b>", s["body"]))
                out += _blocks(blocks, s)
    return out


def _part_examples(report: c.Report, s):
    out = []
    for e in report.examples:
        out.append(_heading(e.heading, s["h2"], 2, contents=False))
        meta = " · ".join(x for x in (e.category, e.departments) if x)
        out.append(Paragraph(escape_markup(meta), s["meta"]))
        if e.pull_quote:
            out.append(Paragraph(escape_markup(f"»{e.pull_quote}«"), s["pull"]))
        out += _blocks(e.blocks, s)
        if e.reference:
            out.append(Paragraph(escape_markup(e.reference), s["small"]))
    return out


def _part_results(report: c.Report, s):
    out = []
    for category, items in report.results:
        out.append(_heading(category, s["h2"], 2, contents=False))
        out.append(
            ListFlowable(
                [
                    ListItem(
                        Paragraph(
                            escape_markup(
                                " ".join(
                                    x
                                    for x in (
                                        item.heading,
                                        f"({item.departments})" if item.departments else "",
                                        item.reference,
                                    )
                                    if x
                                )
                            ),
                            s["body"],
                        )
                    )
                    for item in items
                ],
                bulletType="bullet",
                start="•",
                leftIndent=14,
            )
        )
    return out


def _part_investigations(report: c.Report, s):
    out = []
    for inv in report.investigations:
        out.append(_heading(inv.title, s["h2"], 2, contents=False))
        notes = any(note for *_rest, note in inv.rows)
        rows = [
            (
                name,
                Paragraph(CHECK if value == FindingValue.MEETS else escape_markup(text), s["cell"]),
                *([Paragraph(escape_markup(note), s["cell"])] if notes else []),
            )
            for name, value, text, note in inv.rows
        ]
        header = ["Forvaltning", "Konklusion", *(["Bemærkning"] if notes else [])]
        legend = escape_markup(f"✓ betyder, at forvaltningen opfylder beslutningen ({inv.case_number}).")
        out.append(
            KeepTogether(
                [
                    _table(rows, (0.45, 0.2, 0.35) if notes else (0.6, 0.4), header=header, s=s),
                    Paragraph(legend.replace("✓", CHECK), s["small"]),
                    Spacer(1, 8),
                ]
            )
        )
    return out


def _part_whistleblower(report: c.Report, s):
    wb = report.whistleblower
    out = [
        Paragraph(f"Whistleblowerordningens tal opgøres for kalenderåret {wb.calendar_year}.", s["meta"]),
        *_stats_table(wb.table, s),
    ]
    if wb.themes:
        out += _chart(
            wb.themes,
            s,
            report.appendix.index(wb.themes.table) + 1 if wb.themes.table in report.appendix else None,
        )
    else:
        out += _stats_table(wb.themes_table, s)
    account = wb.account
    if account is None:
        return out
    out.append(Paragraph("Undersøgte og afviste indberetninger", s["h3"]))
    out.append(
        Paragraph(
            escape_markup(
                f"I {wb.calendar_year} afsluttede enheden undersøgelsen af "
                f"{fmt.number(account.investigated)} indberetninger "
                f"og afviste {fmt.number(account.rejected)}."
            ),
            s["body"],
        )
    )
    if account.reasons:
        out += [
            _table(
                [(label, fmt.number(n)) for label, n in account.reasons],
                (0.72, 0.28),
                header=["Begrundelse for afvisningen", "Indberetninger"],
                s=s,
            ),
            Spacer(1, 8),
        ]
    for heading, lines, missing in (
        ("Emner, der er undersøgt", account.investigated_subjects, account.investigated_without_summary),
        ("Emner, der er afvist", account.rejected_subjects, account.rejected_without_summary),
    ):
        if not (lines or missing):
            continue
        out.append(Paragraph(heading, s["h3"]))
        if lines:
            out.append(
                ListFlowable(
                    [ListItem(Paragraph(escape_markup(line), s["body"])) for line in lines],
                    bulletType="bullet",
                    start="•",
                    leftIndent=14,
                )
            )
        if missing:
            out.append(
                Paragraph(escape_markup(f"Hertil kommer {_reports(missing)} uden resumé."), s["small"])
            )
    return out


def _reports(n: int) -> str:
    return f"{fmt.number(n)} indberetning" + ("" if n == 1 else "er")


PARTS = {
    "tal": _part_figures,
    "anbefalinger": _part_recommendations,
    "eksempler": _part_examples,
    "resultater": _part_results,
    "undersoegelser": _part_investigations,
    "whistleblower": _part_whistleblower,
}


def _appendix_tables(report: c.Report, s):
    out = [PageBreak(), _heading("Bilag 1. Tabeller til figurerne", s["h1"], 0)]
    for n, table in enumerate(report.appendix, start=1):
        rows = [(r.label, r.text) for r in table.rows]
        out.append(
            KeepTogether(
                [
                    Paragraph(escape_markup(f"Tabel {n}. {table.title}"), s["caption"]),
                    _table(rows, (0.72, 0.28), s=s),
                    Spacer(1, 10),
                ]
            )
        )
    return out


def _appendix_departments(report: c.Report, s):
    out = [
        PageBreak(),
        _heading("Bilag 2. Forvaltningerne", s["h1"], 0),
        Paragraph(escape_markup(report.caveat), s["body"]),
        Paragraph(
            "Tallene tæller klager efter samme regel som årets samlede tal, så forvaltningernes "
            "klager i beretningsåret tilsammen giver det samlede antal.",
            s["body"],
        ),
        _table(
            [(d.name, fmt.number(d.received)) for d in report.departments]
            + [("I alt", fmt.number(report.department_total))],
            (0.72, 0.28),
            header=["Forvaltning", f"Klager {report.year}"],
            s=s,
            bold_last=True,
        ),
    ]
    for d in report.departments:
        out += [PageBreak(), _heading(d.name, s["h2"], 1, contents=False)]
        out.append(
            Paragraph(
                escape_markup(f"Klager modtaget i beretningsåret {report.year}: {fmt.number(d.received)}"),
                s["meta"],
            )
        )
        out.append(chart_drawing(d.per_year))
        out.append(chart_drawing(d.outcomes))
        if d.not_assessed:
            out.append(
                Paragraph(
                    escape_markup(
                        f"Desuden {fmt.number(d.not_assessed)} afsluttede klager uden vurdering af "
                        "forvaltningens behandling (fx vejledning, videresendelse eller afvisning)."
                    ),
                    s["small"],
                )
            )
        if d.themes:
            out += [Spacer(1, 6), chart_drawing(d.themes)]
        else:
            out.append(Paragraph("Ingen klager med temaer i beretningsåret.", s["small"]))
    return out


def build_report(year: int, edition=None) -> bytes:
    """The report for ``year`` (with ``edition``'s words, if given) as PDF bytes."""
    with translation.override("da"):
        return render(c.build(year, edition))


def render(report: c.Report) -> bytes:
    s = _styles()
    buffer = BytesIO()
    doc = ReportDoc(buffer, report.full_title)
    period = report.period
    story = [
        Spacer(1, 60 * mm),
        Paragraph(escape_markup(report.full_title), s["cover_title"]),
        Spacer(1, 6 * mm),
        Paragraph(escape_markup(f"{c.OFFICE} · {c.MUNICIPALITY}"), s["cover_sub"]),
        Spacer(1, 50 * mm),
        Paragraph(
            escape_markup(
                f"Beretningsåret {report.year}: {fmt.long_date(period.start)} – {fmt.long_date(period.end)}"
            ),
            s["cover_small"],
        ),
    ]
    if report.publication_date:
        story.append(
            Paragraph(escape_markup(f"Udgivet {fmt.long_date(report.publication_date)}"), s["cover_small"])
        )
    story += [NextPageTemplate("page"), PageBreak()]

    toc = TableOfContents(dotsMinLevel=0)
    toc.levelStyles = [s["toc0"], s["toc1"]]
    story += [Paragraph("Indhold", s["h1"]), toc]

    if report.foreword:
        story += [PageBreak(), _heading("Forord", s["h1"], 0), *_blocks(report.foreword, s)]

    parts = {name: (lambda fn=fn: fn(report, s)) for name, fn in PARTS.items()}
    for number, chapter in enumerate(report.chapters, start=1):
        story += [PageBreak(), _heading(f"{number}. {chapter.heading}", s["h1"], 0)]
        story += _blocks(chapter.blocks, s, parts)

    story += _appendix_tables(report, s)
    story += _appendix_departments(report, s)
    doc.multiBuild(story)
    return buffer.getvalue()

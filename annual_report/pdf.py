"""The yearly report as an A4 PDF (reportlab), DOMAIN §7.

Every number comes from ``stats`` (``year_figures``, ``build_tables``, ``department_figures``);
this module only lays them out. Charts are drawn with ``reportlab.graphics`` — offline, no
browser — from the same numbers the dashboard's plotly charts use. Axes start at zero and the
value axis leaves room so that value labels stay inside the plot.
"""

from dataclasses import dataclass
from io import BytesIO

from django.utils import translation
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from complaints.models import Outcome
from core.models import Department
from core.pdf import escape_markup
from core.periods import Period
from stats import formatting as fmt
from stats.selectors import department_figures, year_figures
from stats.tables import build_tables

BRAND = colors.HexColor("#0b3a63")
LIGHT = colors.HexColor("#5b8fc7")
GREEN = colors.HexColor("#1e6b30")
GRID = colors.HexColor("#9ca3af")
PAGE_W, PAGE_H = A4
MARGIN = 22 * mm
WIDTH = PAGE_W - 2 * MARGIN


@dataclass
class ReportContent:
    """What an edition adds to the figures: its words, its examples, its results."""

    title: str = "Beretning"
    foreword: str = ""
    publication_date: object = None
    examples: list = None  # [(heading, narrative, case_number)]
    results: list = None  # [(text, department name, case_number)]


def _styles():
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "body", parent=base["Normal"], fontName="Helvetica", fontSize=10.5, leading=15, spaceAfter=6
    )
    return {
        "body": body,
        "h1": ParagraphStyle(
            "h1",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=18,
            leading=22,
            textColor=BRAND,
            spaceBefore=4,
            spaceAfter=10,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=13,
            leading=17,
            textColor=BRAND,
            spaceBefore=10,
            spaceAfter=6,
        ),
        "cover_title": ParagraphStyle(
            "ct",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=34,
            leading=40,
            textColor=BRAND,
            alignment=TA_CENTER,
        ),
        "cover_sub": ParagraphStyle("cs", parent=body, fontSize=14, leading=20, alignment=TA_CENTER),
        "small": ParagraphStyle(
            "small", parent=body, fontSize=9, leading=12, textColor=colors.HexColor("#4a4a4a")
        ),
        "cell": ParagraphStyle("cell", parent=body, fontSize=9.5, leading=12, spaceAfter=0),
        "toc1": ParagraphStyle("toc1", parent=body, fontSize=11, leftIndent=0, leading=16),
        "toc2": ParagraphStyle("toc2", parent=body, fontSize=10, leftIndent=14, leading=14),
    }


class ReportDoc(BaseDocTemplate):
    """Cover page without a footer; every other page numbered. Headings feed the contents."""

    def __init__(self, buffer, title):
        super().__init__(
            buffer,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
            title=title,
            author="Borgerrådgiveren, Københavns Kommune",
            subject=title,
            creator="Borgerrådgiverens sagssystem",
        )
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body")
        self.addPageTemplates(
            [
                PageTemplate(id="cover", frames=[frame]),
                PageTemplate(id="page", frames=[frame], onPage=self._footer),
            ]
        )

    def _footer(self, canvas, doc):
        canvas.saveState()
        canvas.setFont("Helvetica", 8.5)
        canvas.setFillColor(colors.HexColor("#4a4a4a"))
        canvas.drawString(MARGIN, 11 * mm, self.title)
        canvas.drawRightString(PAGE_W - MARGIN, 11 * mm, f"Side {doc.page}")
        canvas.restoreState()

    def afterFlowable(self, flowable):
        level = getattr(flowable, "toc_level", None)
        if level is not None:
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            # The contents parse each entry as markup again: the entry is the heading's own
            # text, escaped (getPlainText() would hand back "<b>" unescaped).
            self.notify("TOCEntry", (level, escape_markup(flowable.toc_text), self.page, key))


def _heading(text, style, level):
    """A heading that is listed in the contents at ``level``."""
    paragraph = Paragraph(escape_markup(text), style)
    paragraph.toc_level = level
    paragraph.toc_text = text
    return paragraph


def _table(rows, widths=(0.72, 0.28), header=None):
    s = _styles()
    # Labels wrap, so they are Paragraphs (escaped); values and the header stay plain strings,
    # which a Table draws as they are, without parsing.
    data = [[Paragraph(escape_markup(label), s["cell"]), value] for label, value in rows]
    if header:
        data.insert(0, header)
    table = Table(data, colWidths=[WIDTH * w for w in widths], hAlign="LEFT")
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
    table.setStyle(TableStyle(style))
    return table


def _value_axis(values) -> tuple[float, float]:
    """(max, step): room above the tallest bar for its label; whole-number steps for counts."""
    top = max([v for v in values if v is not None] or [0])
    if all(float(v).is_integer() for v in values):
        step = 1
        for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000):
            step = candidate
            if top / candidate <= 6:
                break
        return step * (int(top * 1.15 / step) + 1), step
    return max(1, top * 1.15 + 1), None


def bar_chart(labels, values, title, color=BRAND, horizontal=False, height=190):
    """A bar chart whose value axis starts at 0 and whose labels stay inside the drawing."""
    values = [v or 0 for v in values]
    drawing = Drawing(WIDTH, height + (14 * len(labels) if horizontal else 0))
    chart = HorizontalBarChart() if horizontal else VerticalBarChart()
    if horizontal:
        chart.x, chart.y = 200, 20
        chart.width, chart.height = WIDTH - 220, drawing.height - 50
        chart.categoryAxis.labels.boxAnchor = "e"
        chart.categoryAxis.labels.dx = -4
        chart.categoryAxis.reverseDirection = True
        chart.barLabels.boxAnchor = "w"
        chart.barLabels.dx = 3
    else:
        chart.x, chart.y = 40, 35
        chart.width, chart.height = WIDTH - 60, height - 70
        chart.categoryAxis.labels.boxAnchor = "n"
        chart.categoryAxis.labels.dy = -3
        chart.barLabels.boxAnchor = "s"
        chart.barLabels.dy = 2
    chart.data = [values]
    chart.categoryAxis.categoryNames = [str(label)[:46] for label in labels]
    chart.categoryAxis.labels.fontName = "Helvetica"
    chart.categoryAxis.labels.fontSize = 7.5
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax, step = _value_axis(values)
    if step:
        chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = "Helvetica"
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labelTextFormat = lambda v: (
        fmt.number(int(v)) if float(v).is_integer() else fmt.decimal(v)
    )
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#e5e7eb")
    chart.bars[0].fillColor = color
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda v: fmt.number(int(v)) if float(v).is_integer() else fmt.decimal(v)
    chart.barLabels.fontName = "Helvetica"
    chart.barLabels.fontSize = 8
    drawing.add(chart)
    drawing.add(
        String(0, drawing.height - 12, title, fontName="Helvetica-Bold", fontSize=10, fillColor=BRAND)
    )
    return drawing


def _paragraphs(text, style):
    return [
        Paragraph(escape_markup(p.strip()).replace("\n", "<br/>"), style)
        for p in (text or "").split("\n\n")
        if p.strip()
    ]


def build_report(year: int, content: ReportContent | None = None) -> bytes:
    """The report for ``year`` as PDF bytes."""
    content = content or ReportContent()
    with translation.override("da"):
        return _build(year, content)


def _build(year: int, content: ReportContent) -> bytes:
    s = _styles()
    figures = year_figures(year)
    data = figures.data
    tables = {t.key: t for t in build_tables(figures)}
    period = Period.report_year(year)
    title = f"{content.title} {year}"
    buffer = BytesIO()
    doc = ReportDoc(buffer, title)
    story = []

    # Cover
    story += [
        Spacer(1, 70 * mm),
        Paragraph(escape_markup(content.title), s["cover_title"]),
        Spacer(1, 8 * mm),
        Paragraph(escape_markup("Borgerrådgiveren · Københavns Kommune"), s["cover_sub"]),
        Spacer(1, 4 * mm),
        Paragraph(
            escape_markup(
                f"Beretningsåret {year}: {fmt.long_date(period.start)} – {fmt.long_date(period.end)}"
            ),
            s["cover_sub"],
        ),
    ]
    if content.publication_date:
        story += [
            Spacer(1, 4 * mm),
            Paragraph(escape_markup(f"Udgivet {fmt.long_date(content.publication_date)}"), s["cover_sub"]),
        ]
    story += [NextPageTemplate("page"), PageBreak()]

    # Contents
    toc = TableOfContents()
    toc.levelStyles = [s["toc1"], s["toc2"]]
    story += [Paragraph("Indhold", s["h1"]), toc, PageBreak()]

    # Foreword
    if content.foreword.strip():
        story.append(_heading("Forord", s["h1"], 0))
        story += _paragraphs(content.foreword, s["body"])
        story.append(PageBreak())

    # The year in figures
    story.append(_heading("Året i tal", s["h1"], 0))
    inquiries = tables["inquiries"]
    story += [
        _heading("Henvendelser til Borgerrådgiveren i beretningsåret", s["h2"], 1),
        _table([(r.label, r.text) for r in inquiries.rows]),
    ]
    per_year = data["complaints_per_report_year"]
    story += [Spacer(1, 6), bar_chart(list(per_year), list(per_year.values()), "Klager pr. beretningsår")]
    names = dict(Department.objects.values_list("code", "name"))
    per_dep = data["complaints_per_department"]
    story += [
        CondPageBreak(90 * mm),
        _heading("Klager pr. forvaltning", s["h2"], 1),
        bar_chart(
            [names[c] for c in per_dep], list(per_dep.values()), "Klager pr. forvaltning", horizontal=True
        ),
        _table([(r.label, r.text) for r in tables["per_department"].rows]),
    ]
    efforts = tables["efforts"]
    story += [
        CondPageBreak(100 * mm),
        _heading("Fordeling af indsatser", s["h2"], 1),
        bar_chart(
            [r.label for r in efforts.rows],
            [r.value for r in efforts.rows],
            "Fordeling af indsatser",
            color=LIGHT,
            horizontal=True,
        ),
        _table([(r.label, r.text) for r in efforts.rows]),
    ]
    story += [
        CondPageBreak(50 * mm),
        _heading("Sagsbehandlingstid", s["h2"], 1),
        _table([(r.label, r.text) for r in tables["processing"].rows]),
    ]
    story += [
        CondPageBreak(80 * mm),
        _heading("Medhold, løste sager og tilfredshed", s["h2"], 1),
        _table([(r.label, r.text) for r in tables["results"].rows]),
    ]
    story += [
        CondPageBreak(70 * mm),
        _heading("Klager om diskrimination", s["h2"], 1),
        _table([(r.label, r.text) for r in tables["discrimination"].rows]),
    ]

    # One section per department
    story += [PageBreak(), _heading("Forvaltningerne", s["h1"], 0)]
    for department in Department.objects.order_by("position"):
        dep = department_figures(department.code, year)
        outcomes = dep["outcomes"]
        themes = dep["themes"][:10]
        section = [
            _heading(department.name, s["h2"], 1),
            bar_chart(
                list(dep["per_report_year"]),
                list(dep["per_report_year"].values()),
                "Klager pr. beretningsår",
                height=150,
            ),
            bar_chart(
                [Outcome(o).label for o in outcomes],
                list(outcomes.values()),
                "Udfald af de afsluttede klager",
                color=GREEN,
                height=150,
            ),
        ]
        if themes:
            section.append(
                bar_chart(
                    [t["label"] for t in themes],
                    [t["cases"] for t in themes],
                    "Klagernes temaer",
                    color=LIGHT,
                    horizontal=True,
                    height=60,
                )
            )
        else:
            section.append(Paragraph("Ingen klager med temaer i beretningsåret.", s["small"]))
        story += [CondPageBreak(120 * mm), KeepTogether(section[:2]), *section[2:]]

    # Whistleblower chapter (calendar year)
    wb = tables["whistleblower"]
    story += [
        PageBreak(),
        _heading(f"Whistleblowerordningen i {year}", s["h1"], 0),
        Paragraph("Tallene for whistleblowerordningen opgøres for kalenderåret.", s["small"]),
        _table([(r.label, r.text) for r in wb.rows]),
        _heading("Forhold fordelt på temaer", s["h2"], 1),
        _table(
            [(r.label, r.text) for r in tables["whistleblower_themes"].rows],
            header=["Tema", "Andel af forholdene"],
        ),
    ]

    # Examples and results
    if content.examples:
        story += [PageBreak(), _heading("Eksempler fra årets sager", s["h1"], 0)]
        for heading, narrative, case_number in content.examples:
            story.append(_heading(heading, s["h2"], 1))
            story += _paragraphs(narrative, s["body"])
            story.append(Paragraph(escape_markup(f"({case_number})"), s["small"]))
    if content.results:
        story += [CondPageBreak(60 * mm), _heading("Udvalgte resultater", s["h1"], 0)]
        story.append(
            _table(
                [
                    (f"{text} ({department})", case_number)
                    for text, department, case_number in content.results
                ],
                widths=(0.75, 0.25),
            )
        )

    doc.multiBuild(story)
    return buffer.getvalue()

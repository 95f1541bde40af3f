"""The yearly report's parts, as plain data the templates lay out (``content`` builds them):
charts and tables, recommendations, examples and results, investigations, the departments'
sections, the whistleblower account, chapters, appendices and the report itself."""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from core.periods import Period
from stats.tables import Table

from . import charts, markup

DEPARTMENT_CAVEAT = (
    "Fordelingen af klager på forvaltningerne siger ikke i sig selv noget om, hvor godt en "
    "forvaltning behandler borgerne. Forvaltningerne er forskellige i størrelse, i antallet af "
    "afgørelser, de træffer, og i hvor direkte deres opgaver berører den enkelte borger."
)


def join_da(items) -> str:
    """["a", "b", "c"] → "a, b og c"."""
    items = [str(i) for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"


@dataclass
class Chart:
    """A bar chart (reportlab, as inline SVG: ``charts``) and the table of the same numbers —
    one figure, one set of numbers, whatever the output."""

    key: str
    title: str
    labels: list[str]
    values: list[float]
    table: Table
    horizontal: bool = False
    color: str = "brand"
    note: str = ""
    label_header: str = "Kategori"
    value_header: str = "Antal"
    unit: str = ""  # said after each number in the alternative text ("klager")

    @property
    def anchor(self) -> str:
        return "figur-" + self.key.replace("_", "-")

    @cached_property
    def svg(self):
        return charts.svg(
            self.anchor,
            self.title,
            self.labels,
            self.values,
            [row.text for row in self.table.rows],
            horizontal=self.horizontal,
            color=self.color,
            unit=self.unit,
        )


@dataclass
class TableFigure:
    table: Table
    note: str = ""
    label_header: str = "Opgørelse"
    value_header: str = "Tal"

    @property
    def key(self) -> str:
        return self.table.key

    @property
    def anchor(self) -> str:
        return "figur-" + self.table.key.replace("_", "-")

    @property
    def title(self) -> str:
        return self.table.title


@dataclass
class PrintedRecommendation:
    number: int
    heading: str
    blocks: list
    addressed: str
    comments: list  # [(department name, blocks)]: a separate document, never in the report

    @property
    def anchor(self) -> str:
        return f"anbefaling-{self.number}"


@dataclass
class CaseItem:
    """An example or a result."""

    heading: str  # the example's heading or the result's line
    blocks: list
    pull_quote: str
    case_numbers: list[str]
    departments: str
    category: str
    anchor: str = ""

    @property
    def reference(self) -> str:
        """ "(2023-0323054 og 2023-0312583)", or "" without cases."""
        return f"({join_da(self.case_numbers)})" if self.case_numbers else ""


@dataclass
class Investigation:
    title: str
    case_number: str
    rows: list  # [(department name, value code, text, note)]


@dataclass
class DepartmentSection:
    code: str
    name: str
    per_year: Chart
    outcomes: Chart
    not_assessed: int
    themes: Chart | None

    @property
    def anchor(self) -> str:
        return f"forvaltning-{self.code.lower().translate(markup._DANISH)}"


@dataclass
class WhistleblowerAccount:
    """What the unit decided in the calendar year, from ``whistleblower.published.annual_account``: reports
    investigated and rejected (with the reasons), and the unit's anonymised one-line subjects,
    written to be published."""

    reports: int
    investigated: int
    investigated_subjects: list[str]
    investigated_without_summary: int
    rejected: int
    reasons: list[tuple[str, int]]
    rejected_subjects: list[str]
    rejected_without_summary: int


@dataclass
class Whistleblower:
    calendar_year: int
    table: TableFigure
    themes: Chart | TableFigure  # a chart once the year has ended; until then the table says so
    account: WhistleblowerAccount | None  # None until the calendar year has ended


@dataclass
class PrintedChapter:
    heading: str
    blocks: list  # markup.Block; "insert" blocks name a part or a figure
    anchor: str = ""
    number: int = 0
    sections: list = field(default_factory=list)  # [(anchor, heading)] of its ## headings


@dataclass
class Appendix:
    """The departments' comments on an earlier edition's recommendations, attached to this one."""

    year: int
    recommendations: list[PrintedRecommendation]


@dataclass
class Report:
    year: int
    title: str
    period: Period
    publication_date: date | None
    foreword: list
    chapters: list[PrintedChapter]
    figures: dict  # key → Chart | TableFigure, in the order of DOMAIN §6
    recommendations: list[PrintedRecommendation]
    examples: list[CaseItem]
    results: list[tuple[str, list[CaseItem]]]  # by category
    investigations: list[Investigation]
    whistleblower: Whistleblower
    departments: list[DepartmentSection]
    caveat: str = DEPARTMENT_CAVEAT
    comments_appendix: Appendix | None = None
    anchors: dict = field(default_factory=dict)  # anchor → heading, for [[side:…]] references
    unplaced_figures: list = field(default_factory=list)  # what [[tal]] prints

    @property
    def full_title(self) -> str:
        return f"{self.title} {self.year}"

    def has_part(self, name: str) -> bool:
        return bool(
            {
                "tal": True,
                "anbefalinger": self.recommendations,
                "eksempler": self.examples,
                "resultater": self.results,
                "undersoegelser": self.investigations,
                "whistleblower": True,
            }[name]
        )

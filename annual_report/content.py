"""The yearly report as content: what the PDF (``pdf``) and the web edition (``web``) both lay
out. Every figure comes from ``stats`` (``year_figures``, ``build_tables``,
``department_figures``); the words come from the edition. The report is Danish, whatever the
reader's language.

An edition's chapters place the generated parts with ``[[name]]`` (``markup.INSERTS``). A part
no chapter places is printed after the chapters under its own heading, so that every figure,
recommendation, example and result appears exactly once.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import translation

from complaints.models import Outcome
from core.models import Department
from core.periods import Period
from stats import formatting as fmt
from stats.selectors import department_figures, year_figures
from stats.tables import Row, Table, build_tables
from supervision.models import Finding, FindingValue, Supervision
from supervision.selectors import results_for_report_year
from whistleblower.annual import annual_account
from whistleblower.models import RejectionReason

from . import markup
from .models import Category, Edition

OFFICE = "Borgerrådgiveren"
MUNICIPALITY = "Københavns Kommune"

# Where a part goes when no chapter places it, with the heading it then gets.
DEFAULT_PARTS = {
    "tal": "Året i tal",
    "anbefalinger": "Anbefalinger til kommunen",
    "eksempler": "Eksempler fra årets sager",
    "resultater": "Udvalgte resultater",
    "undersoegelser": "Undersøgelser på tværs af forvaltningerne",
    "whistleblower": "Whistleblowerordningen",
}

DEPARTMENT_CAVEAT = (
    "Fordelingen af klager på forvaltningerne siger ikke i sig selv noget om, hvor godt en "
    "forvaltning behandler borgerne. Forvaltningerne er forskellige i størrelse, i antallet af "
    "afgørelser, de træffer, og i hvor direkte deres opgaver berører den enkelte borger."
)

FINDING_TEXT = {
    FindingValue.MEETS: "Opfylder",
    FindingValue.PARTLY_MEETS: "Opfylder delvist",
    FindingValue.DOES_NOT_MEET: "Opfylder ikke",
}


def join_da(items) -> str:
    """["a", "b", "c"] → "a, b og c"."""
    items = [str(i) for i in items if i]
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} og {items[-1]}"


@dataclass
class Chart:
    """A bar chart and the table of its numbers (the PDF prints the table in the appendix, the
    web edition beside the chart)."""

    key: str
    title: str
    labels: list[str]
    values: list[float]
    table: Table
    horizontal: bool = False
    percent: bool = False
    color: str = "brand"
    note: str = ""
    file: str = ""  # the web edition's SVG, once written


@dataclass
class TableFigure:
    table: Table
    note: str = ""


@dataclass
class Recommendation:
    number: int
    heading: str
    blocks: list
    addressed: str
    comments: list  # [(department name, blocks)]


@dataclass
class CaseItem:
    """An example or a result."""

    heading: str  # the example's heading or the result's line
    blocks: list
    pull_quote: str
    case_numbers: list[str]
    departments: str
    category: str

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
    received: int
    per_year: Chart
    outcomes: Chart
    not_assessed: int
    themes: Chart | None


@dataclass
class WhistleblowerAccount:
    """What the unit decided in the calendar year, from ``whistleblower.annual``: reports
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
    table: Table
    themes: Chart | None
    themes_table: Table
    account: WhistleblowerAccount | None  # None until the calendar year has ended


@dataclass
class Chapter:
    heading: str
    blocks: list  # markup.Block; "insert" blocks name a part
    anchor: str = ""


@dataclass
class Report:
    year: int
    title: str
    period: Period
    publication_date: date | None
    foreword: list
    chapters: list[Chapter]
    figures: list  # [Chart | TableFigure], the part "tal"
    recommendations: list[Recommendation]
    examples: list[CaseItem]
    results: list[tuple[str, list[CaseItem]]]  # by category
    investigations: list[Investigation]
    whistleblower: Whistleblower
    departments: list[DepartmentSection]
    department_total: int
    caveat: str = DEPARTMENT_CAVEAT
    appendix: list[Table] = field(default_factory=list)

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


def build(year: int, edition: Edition | None = None) -> Report:
    with translation.override("da"):
        return _build(year, edition)


def _build(year: int, edition: Edition | None) -> Report:
    figures = year_figures(year)
    tables = {t.key: t for t in build_tables(figures)}
    data = figures.data
    names = dict(Department.objects.values_list("code", "name"))
    charts = _figures(data, tables, names)
    departments = _departments(year, names)
    report = Report(
        year=year,
        title=(edition.title if edition else "") or "Beretning",
        period=Period.report_year(year),
        publication_date=edition.publication_date if edition else None,
        foreword=markup.parse(edition.foreword) if edition else [],
        chapters=[],
        figures=charts,
        recommendations=_recommendations(edition) if edition else [],
        examples=_examples(edition, len(names)) if edition else [],
        results=_results(year, edition, len(names)),
        investigations=_investigations(year),
        whistleblower=_whistleblower(year, data, tables),
        departments=departments,
        department_total=sum(data["complaints_per_department"].values()),
        appendix=[f.table for f in charts if isinstance(f, Chart)],
    )
    report.chapters = _chapters(report, edition)
    return report


def _chapters(report: Report, edition: Edition | None) -> list[Chapter]:
    chapters = [Chapter(c.heading, markup.parse(c.body)) for c in (edition.chapters.all() if edition else [])]
    placed = {b.name for c in chapters for b in c.blocks if b.kind == "insert"}
    for name, heading in DEFAULT_PARTS.items():
        if name not in placed and report.has_part(name):
            chapters.append(Chapter(heading, [markup.Block("insert", name=name)]))
    seen = set()
    for i, chapter in enumerate(chapters, start=1):
        chapter.anchor = f"kapitel-{i}"
        # A part placed twice (the form refuses it; an old text might not) is printed once.
        chapter.blocks = [
            b
            for b in chapter.blocks
            if b.kind != "insert"
            or (b.name in markup.INSERTS and b.name not in seen and not seen.add(b.name))
        ]
    return chapters


def _figures(data: dict, tables: dict, names: dict) -> list:
    per_year = data["complaints_per_report_year"]
    per_dep = data["complaints_per_department"]
    efforts = tables["efforts"]
    inquiries = tables["inquiries"]
    forwarded = inquiries.rows[-1]
    inquiries_main = Table(inquiries.key, inquiries.title, inquiries.rows[:-1])
    return [
        TableFigure(
            inquiries_main,
            # Not a summand of the table: said beneath it, and only when there are any.
            note=(
                f"Derudover blev {forwarded.text} klager, der kom via den digitale klageformular, "
                "sendt direkte videre til forvaltningerne. De indgår ikke i tallene ovenfor."
            )
            if forwarded.value
            else "",
        ),
        Chart(
            "per_year", "Klager pr. beretningsår", list(per_year), list(per_year.values()), tables["per_year"]
        ),
        Chart(
            "per_department",
            "Klager pr. forvaltning",
            [names.get(c, c) for c in per_dep],
            list(per_dep.values()),
            tables["per_department"],
            horizontal=True,
            note=DEPARTMENT_CAVEAT,
        ),
        Chart(
            "efforts",
            "Fordeling af indsatser",
            [r.label for r in efforts.rows],
            [r.value for r in efforts.rows],
            efforts,
            horizontal=True,
            color="light",
        ),
        TableFigure(tables["processing"]),
        TableFigure(tables["activities"]),
        TableFigure(tables["results"]),
        TableFigure(tables["satisfaction"]),
        TableFigure(tables["systemic"]),
        TableFigure(tables["discrimination"]),
    ]


def _outcomes_chart(outcomes: dict, name: str) -> Chart:
    """The assessed outcomes only: "not assessed" (advice, forwarding, rejection) is said in a
    line beneath, not drawn as a bar that dwarfs the others."""
    assessed = ("upheld", "partly_upheld", "not_upheld")
    labels = [str(Outcome(o).label) for o in assessed]
    values = [outcomes[o] for o in assessed]
    table = Table(
        "outcomes",
        f"Udfald af de afsluttede klager – {name}",
        [Row(label, value, fmt.number(value)) for label, value in zip(labels, values, strict=True)]
        + [
            Row(
                str(Outcome.NOT_ASSESSED.label),
                outcomes["not_assessed"],
                fmt.number(outcomes["not_assessed"]),
            )
        ],
    )
    return Chart("outcomes", "Udfald af de vurderede klager", labels, values, table, color="green")


def _departments(year: int, names: dict) -> list[DepartmentSection]:
    sections = []
    for code, name in names.items():
        dep = department_figures(code, year)
        per_year = dep["per_report_year"]
        themes = dep["themes"][:10]
        sections.append(
            DepartmentSection(
                code=code,
                name=name,
                received=per_year[str(year)],
                per_year=Chart(
                    f"per_year_{code}",
                    "Klager pr. beretningsår",
                    list(per_year),
                    list(per_year.values()),
                    Table(
                        "per_year",
                        f"Klager pr. beretningsår – {name}",
                        [Row(y, n, fmt.number(n)) for y, n in per_year.items()],
                    ),
                ),
                outcomes=_outcomes_chart(dep["outcomes"], name),
                not_assessed=dep["outcomes"]["not_assessed"],
                themes=Chart(
                    f"themes_{code}",
                    "De hyppigste temaer i klagerne",
                    [t["label"] for t in themes],
                    [t["cases"] for t in themes],
                    Table(
                        "themes",
                        f"De hyppigste temaer i klagerne – {name}",
                        [Row(t["label"], t["cases"], fmt.number(t["cases"])) for t in themes],
                    ),
                    horizontal=True,
                    color="light",
                )
                if themes
                else None,
            )
        )
    return sections


def _whistleblower(year: int, data: dict, tables: dict) -> Whistleblower:
    themes_table = tables["whistleblower_themes"]
    released = data["whistleblower"]["matters"] is not None
    themes = None
    if released:
        rows = sorted(themes_table.rows, key=lambda r: -(r.value or 0))
        themes = Chart(
            "whistleblower_themes",
            f"Forhold fordelt på temaer {year}",
            [r.label for r in rows],
            [r.value for r in rows],
            Table(themes_table.key, themes_table.title, rows),
            horizontal=True,
            percent=True,
            color="light",
        )
    account = annual_account(year)
    if account["released"]:
        rejected, investigated = account["rejected"], account["investigated"]
        account = WhistleblowerAccount(
            reports=account["reports"],
            investigated=investigated["reports"],
            investigated_subjects=investigated["summaries"],
            investigated_without_summary=investigated["without_summary"],
            rejected=rejected["reports"],
            reasons=[(str(RejectionReason(r).label), n) for r, n in rejected["by_reason"].items() if n],
            rejected_subjects=rejected["summaries"],
            rejected_without_summary=rejected["without_summary"],
        )
    else:
        account = None
    return Whistleblower(year, tables["whistleblower"], themes, themes_table, account)


def _departments_text(item, total: int) -> str:
    """ "alle forvaltninger", or the departments named (or those of the cases), in the
    official order."""
    if item.all_departments:
        return "alle forvaltninger"
    named = list(item.departments.all())
    if not named:
        found = {c.department for c in item.complaints.all() if c.department}
        found |= {c.department for c in item.consultations.all() if c.department}
        found |= {d for s in item.supervisions.all() for d in s.departments.all()}
        named = list(found)
    if len(named) == total:
        return "alle forvaltninger"
    return join_da(d.name for d in sorted(named, key=lambda d: d.position))


CASE_PREFETCH = (
    "departments",
    "complaints__department",
    "consultations__department",
    "supervisions__departments",
)


def _case_item(item, heading, blocks, total: int, pull_quote="") -> CaseItem:
    return CaseItem(
        heading=heading,
        blocks=blocks,
        pull_quote=pull_quote,
        case_numbers=item.case_numbers(),
        departments=_departments_text(item, total),
        category=str(Category(item.category).label),
    )


def _examples(edition: Edition, total: int) -> list[CaseItem]:
    return [
        _case_item(e, e.heading, markup.parse(e.narrative), total, e.pull_quote)
        for e in edition.examples.prefetch_related(*CASE_PREFETCH)
    ]


def _recommendations(edition: Edition) -> list[Recommendation]:
    out = []
    for r in edition.recommendations.prefetch_related("departments", "comments__department"):
        addressed = (
            "alle forvaltninger" if r.all_departments else join_da(d.name for d in r.departments.all())
        )
        out.append(
            Recommendation(
                r.number,
                r.heading,
                markup.parse(r.text),
                addressed,
                [(c.department.name, markup.parse(c.text)) for c in r.comments.all()],
            )
        )
    return out


def _results(year: int, edition: Edition | None, total: int) -> list[tuple[str, list[CaseItem]]]:
    """The supervisions' selected results of the year (less those the edition leaves out) and
    the edition's own, grouped by category in the order supervision, consultative assistance,
    complaint."""
    excluded = set(edition.excluded_results.values_list("pk", flat=True)) if edition else set()
    grouped = {c: [] for c in (Category.SUPERVISION, Category.CONSULTATION, Category.COMPLAINT)}
    for r in results_for_report_year(year):
        if r.pk not in excluded:
            grouped[Category.SUPERVISION].append(
                CaseItem(r.text, [], "", [r.case_number], r.department.name, str(Category.SUPERVISION.label))
            )
    if edition:
        for r in edition.results.prefetch_related(*CASE_PREFETCH):
            grouped[Category(r.category)].append(_case_item(r, r.text, [], total))
    return [(str(category.label), items) for category, items in grouped.items() if items]


def _investigations(year: int) -> list[Investigation]:
    """Supervisions concluded in the report year with a finding per department, e.g. whether
    each department meets the decision on mandatory courses."""
    period = Period.report_year(year)
    supervisions = (
        Supervision.objects.filter(period.q("concluded_on"), findings__isnull=False)
        .distinct()
        .order_by("concluded_on", "case_number")
        .prefetch_related(Prefetch("findings", queryset=Finding.objects.select_related("department")))
    )
    return [
        Investigation(
            s.title,
            s.case_number,
            [
                (f.department.name, f.value, FINDING_TEXT[FindingValue(f.value)], f.note)
                for f in s.findings.all()
            ],
        )
        for s in supervisions
    ]

"""The yearly report as content: what the PDF (``pdf``) and the web edition (``web``) both lay
out. Every figure comes from ``stats`` (``year_figures``, ``build_tables``,
``department_figures``); the words come from the edition. The report is Danish, whatever the
reader's language.

An edition's chapters place the generated parts and the figures with ``[[name]]`` and
``[[figur:name]]`` (``markup.PARTS``, ``markup.FIGURES``). A part no chapter places is printed
after the chapters under its own heading (the figures no chapter places, with ``[[tal]]``), so
that every figure, recommendation, example and result appears exactly once. The departments'
comments on the recommendations are a separate document (``build_recommendations`` and
``services.comments_pdf``), attached to a later edition as an appendix when it asks for them.
"""

from django.db.models import Prefetch
from django.utils import translation

from complaints.models import Outcome
from core import formatting as fmt
from core.models import Department
from core.periods import Period
from stats.departments import department_figures
from stats.selectors import year_figures
from stats.tables import Row, Table, build_tables
from supervision.models import Finding, FindingValue, Supervision
from supervision.selectors import results_for_report_year
from whistleblower import published as whistleblower

from . import markup
from .models import Category, Edition
from .parts import (
    DEPARTMENT_CAVEAT,
    Appendix,
    CaseItem,
    Chart,
    DepartmentSection,
    Investigation,
    PrintedChapter,
    PrintedRecommendation,
    Report,
    TableFigure,
    Whistleblower,
    WhistleblowerAccount,
    join_da,
)

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


FINDING_TEXT = {
    FindingValue.MEETS: "Opfylder",
    FindingValue.PARTLY_MEETS: "Opfylder delvist",
    FindingValue.DOES_NOT_MEET: "Opfylder ikke",
}


def build(year: int, edition: Edition | None = None) -> Report:
    with translation.override("da"):
        return _build(year, edition)


def _build(year: int, edition: Edition | None) -> Report:
    figures = year_figures(year)
    tables = {t.key: t for t in build_tables(figures)}
    names = dict(Department.objects.values_list("code", "name"))
    report = Report(
        year=year,
        title=(edition.title if edition else "") or "Beretning",
        period=Period.report_year(year),
        publication_date=edition.printed_date if edition else None,
        foreword=markup.assign_levels(markup.parse(edition.foreword), 2) if edition else [],
        chapters=[],
        figures=_figures(year, figures.data, tables, names),
        recommendations=_recommendations(edition) if edition else [],
        examples=_examples(edition, len(names)) if edition else [],
        results=_results(year, edition, len(names)),
        investigations=_investigations(year),
        whistleblower=_whistleblower(year, figures.data, tables),
        departments=_departments(year, names),
        comments_appendix=_comments_appendix(edition),
    )
    report.chapters = _chapters(report, edition)
    report.anchors = _anchors(report)
    # The texts inside the parts take their heading levels from where the part stands.
    levels = {
        b.name: b.html_level for c in report.chapters for b in markup.walk(c.blocks) if b.kind == "insert"
    }
    for example in report.examples:
        markup.assign_levels(example.blocks, levels.get("eksempler", 3))
    for recommendation in report.recommendations:
        markup.assign_levels(recommendation.blocks, levels.get("anbefalinger", 3))
    if report.comments_appendix:
        for recommendation in report.comments_appendix.recommendations:
            for _department, blocks in recommendation.comments:
                markup.assign_levels(blocks, 4)
    return report


def _chapters(report: Report, edition: Edition | None) -> list[PrintedChapter]:
    chapters = [
        PrintedChapter(c.heading, markup.assign_levels(markup.parse(c.body), 2))
        for c in (edition.chapters.all() if edition else [])
    ]
    placed = {b.name for c in chapters for b in markup.walk(c.blocks) if b.kind == "insert"}
    placed_figures = {b.figure for c in chapters for b in markup.walk(c.blocks) if b.figure}
    for name, heading in DEFAULT_PARTS.items():
        if name == "tal" and set(report.figures) <= placed_figures:
            continue  # every figure stands where a chapter placed it
        if name not in placed and report.has_part(name):
            chapters.append(PrintedChapter(heading, [markup.Block("insert", name=name, html_level=3)]))
    seen = set()
    known = markup.insert_names()

    def once(blocks):
        # A part placed twice — in two chapters, or in a fact box — is printed once, where it
        # is placed first (the form refuses it within a text; two texts can still do it).
        kept = []
        for b in blocks:
            if b.kind == "insert":
                if b.name not in known or b.name in seen:
                    continue
                seen.add(b.name)
            b.children = once(b.children)
            kept.append(b)
        return kept

    for number, chapter in enumerate(chapters, start=1):
        chapter.number, chapter.anchor = number, f"kapitel-{number}"
        chapter.blocks = once(chapter.blocks)
    _unique_heading_ids(report, chapters)
    for chapter in chapters:
        chapter.sections = [(b.anchor, b.plain) for b in chapter.blocks if b.kind == "h" and b.level == 2]
    # [[tal]] places the figures no chapter placed one by one.
    report.unplaced_figures = [f for key, f in report.figures.items() if key not in placed_figures]
    return chapters


def _unique_heading_ids(report: Report, chapters: list[PrintedChapter]) -> None:
    """Every heading written in a text gets an id of its own: its words' slug, numbered on when
    another heading (or a place the report makes itself) has it already."""
    taken = {
        "top",
        "indhold",
        "toc-h",
        "forord",
        "anbefalinger",
        "bilag-forvaltninger",
        "bilag-bemaerkninger",
    }
    taken |= {c.anchor for c in chapters} | {f.anchor for f in report.figures.values()}
    taken |= {e.anchor for e in report.examples} | {r.anchor for r in report.recommendations}
    taken |= {d.anchor for d in report.departments}
    texts = [report.foreword, *(c.blocks for c in chapters), *(e.blocks for e in report.examples)]
    texts += [r.blocks for r in report.recommendations]
    for blocks in texts:
        for block in markup.walk(blocks):
            if block.kind != "h":
                continue
            base = markup.slug(block.plain) or "afsnit"
            anchor, n = base, 1
            while anchor in taken:
                n += 1
                anchor = f"{base}-{n}"
            block.id = anchor
            taken.add(anchor)


def _anchors(report: Report) -> dict[str, str]:
    """Every place a text may refer to with [[side:…]]: anchor → its heading."""
    anchors = {}
    for chapter in report.chapters:
        anchors[chapter.anchor] = f"{chapter.number}. {chapter.heading}"
        for block in markup.walk(chapter.blocks):
            if block.kind == "h":
                anchors.setdefault(block.anchor, block.plain)
    if report.recommendations:
        anchors.setdefault("anbefalinger", "Anbefalinger")
    for recommendation in report.recommendations:
        anchors[recommendation.anchor] = f"Anbefaling {recommendation.number}: {recommendation.heading}"
    for example in report.examples:
        anchors[example.anchor] = example.heading
    for figure in report.figures.values():
        anchors[figure.anchor] = figure.title
    for department in report.departments:
        anchors[department.anchor] = department.name
    return anchors


def _figures(year: int, data: dict, tables: dict, names: dict) -> dict:
    per_year = data["complaints_per_report_year"]
    per_dep = data["complaints_per_department"]
    efforts = tables["efforts"]
    inquiries = tables["inquiries"]
    forwarded = inquiries.rows[-1]
    inquiries_main = Table(inquiries.key, inquiries.title, inquiries.rows[:-1])
    figures = [
        TableFigure(
            inquiries_main,
            # Not a summand of the table: said beneath it, and only when there are any.
            note=(
                f"Derudover blev {forwarded.text} klager, der kom via den digitale klageformular, "
                "sendt direkte videre til forvaltningerne. De indgår ikke i tallene ovenfor."
            )
            if forwarded.value
            else "",
            value_header="Henvendelser",
        ),
        Chart(
            "per_year",
            "Klager pr. beretningsår",
            list(per_year),
            list(per_year.values()),
            tables["per_year"],
            label_header="Beretningsår",
            value_header="Klager",
            unit="klager",
        ),
        Chart(
            "per_department",
            f"Klager pr. forvaltning i beretningsåret {year}",
            [names.get(c, c) for c in per_dep],
            list(per_dep.values()),
            tables["per_department"],
            horizontal=True,
            note=DEPARTMENT_CAVEAT,
            label_header="Forvaltning",
            value_header="Klager",
            unit="klager",
        ),
        Chart(
            "efforts",
            f"Sager afsluttet i beretningsåret {year}, fordelt på indsats",
            [r.label for r in efforts.rows],
            [r.value for r in efforts.rows],
            efforts,
            horizontal=True,
            color="light",
            label_header="Indsats",
            value_header="Afsluttede sager",
            unit="sager",
        ),
        TableFigure(tables["processing"], value_header="Gennemsnit"),
        TableFigure(tables["activities"], value_header="Antal"),
        TableFigure(tables["results"], value_header="Andel"),
        TableFigure(tables["satisfaction"], label_header="Tilfredshedsundersøgelsen", value_header="Tal"),
        TableFigure(tables["systemic"], value_header="Antal"),
        TableFigure(tables["discrimination"], label_header="Diskriminationsgrund", value_header="Klager"),
    ]
    return {f.key: f for f in figures}


def _outcomes_chart(outcomes: dict, code: str, name: str) -> Chart:
    """The assessed outcomes only: "not assessed" (advice, forwarding, rejection) is said in a
    line beneath, not drawn as a bar that dwarfs the others."""
    assessed = ("upheld", "partly_upheld", "not_upheld")
    labels = [str(Outcome(o).label) for o in assessed]
    values = [outcomes[o] for o in assessed]
    table = Table(
        f"outcomes_{code}",
        f"Udfald af de vurderede klager – {name}",
        [Row(label, value, fmt.number(value)) for label, value in zip(labels, values, strict=True)],
    )
    return Chart(
        f"outcomes_{code}",
        f"Udfald af de vurderede klager – {name}",
        labels,
        values,
        table,
        color="green",
        label_header="Udfald",
        value_header="Klager",
        unit="klager",
    )


def _departments(year: int, names: dict) -> list[DepartmentSection]:
    sections = []
    for code, name in names.items():
        dep = department_figures(code, year)
        per_year = dep["per_report_year"]
        themes = dep["themes"][:10]
        key = code.lower().translate(markup._DANISH)
        sections.append(
            DepartmentSection(
                code=code,
                name=name,
                per_year=Chart(
                    f"per_year_{key}",
                    f"Klager pr. beretningsår – {name}",
                    list(per_year),
                    list(per_year.values()),
                    Table(
                        f"per_year_{key}",
                        f"Klager pr. beretningsår – {name}",
                        [Row(y, n, fmt.number(n)) for y, n in per_year.items()],
                    ),
                    label_header="Beretningsår",
                    value_header="Klager",
                    unit="klager",
                ),
                outcomes=_outcomes_chart(dep["outcomes"], key, name),
                not_assessed=dep["outcomes"]["not_assessed"],
                themes=Chart(
                    f"themes_{key}",
                    f"De hyppigste temaer i klagerne – {name}",
                    [t["label"] for t in themes],
                    [t["cases"] for t in themes],
                    Table(
                        f"themes_{key}",
                        f"De hyppigste temaer i klagerne – {name}",
                        [Row(t["label"], t["cases"], fmt.number(t["cases"])) for t in themes],
                    ),
                    horizontal=True,
                    color="light",
                    label_header="Tema",
                    value_header="Klager",
                    unit="klager",
                )
                if themes
                else None,
            )
        )
    return sections


def _whistleblower(year: int, data: dict, tables: dict) -> Whistleblower:
    themes_table = tables["whistleblower_themes"]
    released = data["whistleblower"]["matters"] is not None
    if released:
        rows = sorted(themes_table.rows, key=lambda r: -(r.value or 0))
        themes = Chart(
            "whistleblower_themes",
            f"Indberettede forhold fordelt på temaer i {year}",
            [r.label for r in rows],
            [r.value for r in rows],
            Table(themes_table.key, themes_table.title, rows),
            horizontal=True,
            color="light",
            label_header="Tema",
            value_header="Andel af forholdene",
        )
    else:
        themes = TableFigure(themes_table, label_header="Tema", value_header="Andel af forholdene")
    account = whistleblower.annual_account(year)
    reason_labels = whistleblower.rejection_reason_labels()
    if account["released"]:
        rejected, investigated = account["rejected"], account["investigated"]
        account = WhistleblowerAccount(
            reports=account["reports"],
            investigated=investigated["reports"],
            investigated_subjects=investigated["summaries"],
            investigated_without_summary=investigated["without_summary"],
            rejected=rejected["reports"],
            reasons=[(str(reason_labels[r]), n) for r, n in rejected["by_reason"].items() if n],
            rejected_subjects=rejected["summaries"],
            rejected_without_summary=rejected["without_summary"],
        )
    else:
        account = None
    table = TableFigure(tables["whistleblower"], value_header="Antal")
    return Whistleblower(year, table, themes, account)


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


def _case_item(item, heading, blocks, total: int, pull_quote="", anchor="") -> CaseItem:
    return CaseItem(
        heading=heading,
        blocks=blocks,
        pull_quote=pull_quote,
        case_numbers=item.case_numbers(),
        departments=_departments_text(item, total),
        category=str(Category(item.category).label),
        anchor=anchor,
    )


def _examples(edition: Edition, total: int) -> list[CaseItem]:
    return [
        _case_item(e, e.heading, markup.parse(e.narrative), total, e.pull_quote, anchor=f"eksempel-{n}")
        for n, e in enumerate(edition.examples.prefetch_related(*CASE_PREFETCH), start=1)
    ]


def build_recommendations(edition: Edition) -> list[PrintedRecommendation]:
    """The edition's recommendations with the departments' comments (for their own document)."""
    with translation.override("da"):
        recommendations = _recommendations(edition)
    for recommendation in recommendations:
        markup.assign_levels(recommendation.blocks, 2)
        for _department, blocks in recommendation.comments:
            markup.assign_levels(blocks, 3)
    return recommendations


def _recommendations(edition: Edition) -> list[PrintedRecommendation]:
    out = []
    for r in edition.recommendations.prefetch_related("departments", "comments__department"):
        addressed = (
            "alle forvaltninger" if r.all_departments else join_da(d.name for d in r.departments.all())
        )
        out.append(
            PrintedRecommendation(
                r.number,
                r.heading,
                markup.parse(r.text),
                addressed,
                [(c.department.name, markup.parse(c.text)) for c in r.comments.all()],
            )
        )
    return out


def _comments_appendix(edition: Edition | None) -> Appendix | None:
    """The departments' comments on the previous edition's recommendations, when this edition
    attaches them (they are written months after that edition was published)."""
    if edition is None or not edition.attach_previous_comments:
        return None
    previous = Edition.objects.filter(year=edition.year - 1).first()
    if previous is None:
        return None
    recommendations = [r for r in _recommendations(previous) if r.comments]
    return Appendix(previous.year, recommendations) if recommendations else None


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

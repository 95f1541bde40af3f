"""The committee's dashboard, the department pages and the exports of the year's tables.
Audience, declared on each view: ``@statistics_required`` (committee, head, secretariat,
jurists). Aggregates only."""

import csv
import io

import tablib
from django.contrib import messages
from django.core.cache import cache
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from core.exports import escape_formula
from core.models import Department
from core.periods import latest_finished_report_year
from core.viewhelpers import EXPORT_CONTENT_TYPES, download

from . import charts
from .departments import department_figures
from .permissions import statistics_required
from .selectors import year_figures
from .tables import build_tables

FIRST_YEAR = 2000


def _year(request) -> int:
    default = latest_finished_report_year()
    raw = request.GET.get("year")
    if raw is None:
        return default
    try:
        year = int(raw)
    except ValueError:
        year = None
    if year is None or not FIRST_YEAR <= year <= default + 1:
        messages.error(
            request, _("There are no figures for that year; showing %(year)s instead.") % {"year": default}
        )
        return default
    return year


# The pages' figures are computed in the database (~0.1–0.3 s for a year at 100,000
# complaints) and then kept this long, so a committee meeting's worth of readers costs one
# computation; the page says when they were computed. Exports always compute afresh.
FIGURES_SECONDS = 60


def _cached(key: str, build):
    """``(build(), computed at)``, from the cache while it is younger than FIGURES_SECONDS."""
    hit = cache.get(key)
    if hit is None:
        hit = (build(), timezone.now())
        cache.set(key, hit, FIGURES_SECONDS)
    return hit


def _years() -> list[int]:
    return list(range(latest_finished_report_year() + 1, FIRST_YEAR + 14, -1))


# The tables a chart stands in for on the dashboard (the exports keep every table), and the
# chart that follows a table.
CHART_FOR_TABLE = {"per_year": "per-year", "per_department": "per-department", "efforts": "efforts"}
CHART_AFTER_TABLE = {"results": "outcomes"}


def _sections(tables, year_charts) -> list[dict]:
    charts = {chart["id"]: chart for chart in year_charts}
    sections = []
    for table in tables:
        if table.key in CHART_FOR_TABLE:
            sections.append({"chart": charts[CHART_FOR_TABLE[table.key]]})
            continue
        sections.append({"table": table})
        if table.key in CHART_AFTER_TABLE:
            sections.append({"chart": charts[CHART_AFTER_TABLE[table.key]]})
    return sections


@statistics_required
@require_GET
def dashboard(request):
    year = _year(request)
    # Which whistleblower figures are released depends on the date (see year_figures): the
    # date is part of the key, so figures kept from before midnight are never shown after it.
    today = timezone.localdate()

    def build():
        figures = year_figures(year, today)
        return build_tables(figures), charts.year_charts(figures)

    (tables, year_charts), computed_at = _cached(f"stats:dashboard:{year}:{today.isoformat()}", build)
    return render(
        request,
        "stats/dashboard.html",
        {
            "year": year,
            "years": _years(),
            "sections": _sections(tables, year_charts),
            "computed_at": computed_at,
            "departments": Department.objects.all(),
        },
    )


@statistics_required
@require_GET
def department(request, code):
    dep = get_object_or_404(Department, code=code)
    year = _year(request)
    department_charts, computed_at = _cached(
        f"stats:department:{dep.code}:{year}",
        lambda: charts.department_charts(dep, department_figures(dep.code, year)),
    )
    return render(
        request,
        "stats/department.html",
        {
            "year": year,
            "years": _years(),
            "department": dep,
            "charts": department_charts,
            "computed_at": computed_at,
            "departments": Department.objects.all(),
        },
    )


@statistics_required
@require_GET
def export(request, fmt):
    year = _year(request)
    tables = build_tables(year_figures(year))
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        for table in tables:
            writer.writerow([escape_formula(table.title)])
            for row in table.rows:
                writer.writerow([escape_formula(row.label), escape_formula(row.text)])
            writer.writerow([])
        body = "\ufeff" + buffer.getvalue()
    else:
        book = tablib.Databook()
        for table in tables:
            sheet = tablib.Dataset(title=table.key[:31], headers=[_("Figure"), _("Value")])
            for row in table.rows:
                # A figure not yet counted is the text saying so, never an empty or 0 cell.
                value = escape_formula(row.text) if row.pending else row.value
                sheet.append([escape_formula(row.label), value])
            book.add_sheet(sheet)
        body = book.export("xlsx")
    return download(body, f"beretning-{year}.{fmt}", EXPORT_CONTENT_TYPES[fmt])

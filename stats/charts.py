"""plotly figures for the dashboard, built from the same numbers as the tables and the PDF.

Each chart is returned as a plain dict (``data`` + ``layout``) that the page hands to
plotly.js through ``json_script``; every chart's numbers are also shown as a table.
"""

import plotly.graph_objects as go
from django.utils import translation
from django.utils.translation import gettext as _

from complaints.models import Outcome, Track
from core.models import Department

from .selectors import YearFigures

BLUE, LIGHT, GREEN, GREY = "#0b3a63", "#5b8fc7", "#1e6b30", "#6b7280"


def _spec(fig: go.Figure) -> dict:
    # No plot title: the section's heading names the chart (and is what screen readers find).
    fig.update_layout(
        template="none",
        margin={"l": 20, "r": 20, "t": 20, "b": 40},
        height=360,
        font={"family": "system-ui, Arial, sans-serif", "size": 13, "color": "#1a1a1a"},
        separators=",.",  # Danish: decimal comma, thousands dot
    )
    fig.update_yaxes(rangemode="tozero", automargin=True)
    fig.update_xaxes(automargin=True)
    return fig.to_plotly_json()


def _bar(labels, values, color=BLUE, horizontal=False) -> dict:
    labels, values = [str(x) for x in labels], list(values)
    trace = (
        go.Bar(y=labels, x=values, orientation="h", marker_color=color, text=values, textposition="auto")
        if horizontal
        else go.Bar(x=labels, y=values, marker_color=color, text=values, textposition="auto")
    )
    fig = go.Figure(trace)
    if horizontal:
        fig.update_yaxes(autorange="reversed")
        fig.update_xaxes(rangemode="tozero")
    return _spec(fig)


def year_charts(figures: YearFigures) -> list[dict]:
    """The dashboard's charts: {"id", "title", "spec", "table"} with (label, value) rows."""
    with translation.override("da"):
        d = figures.data
        names = dict(Department.objects.values_list("code", "name"))
        per_year = list(d["complaints_per_report_year"].items())
        per_dep = [(names.get(code, code), n) for code, n in d["complaints_per_department"].items()]
        efforts = [
            (Track(t).label, d["efforts"][t])
            for t in ("advice", "forwarded", "rejected", "telephone", "written", "mediation", "supervision")
        ]
        efforts += [
            (_("Supervisions on own initiative and inspections"), d["efforts"]["own_initiative_supervision"]),
            (_("Consultations"), d["efforts"]["consultation"]),
        ]
        outcomes = [(Outcome(o).label, n) for o, n in figures.extra["outcomes"].items()]
        shares = [
            (_("Upheld or partly upheld"), d["upheld_pct"]),
            (_("Solved or partly solved"), d["solved_pct"]),
        ]
        charts = [
            ("per-year", _("Complaints per report year"), per_year, BLUE, False),
            ("per-department", _("Complaints per department"), per_dep, BLUE, True),
            ("efforts", _("Distribution of efforts"), efforts, LIGHT, True),
            ("outcomes", _("Outcomes of the closed complaints"), outcomes, GREEN, False),
            ("shares", _("Upheld and solved (per cent)"), [(k, v or 0) for k, v in shares], GREY, False),
        ]
        return [
            {
                "id": cid,
                "title": str(title),
                "spec": _bar([r[0] for r in rows], [r[1] for r in rows], color, horizontal),
                "rows": rows if cid != "shares" else shares,
            }
            for cid, title, rows, color, horizontal in charts
        ]


def department_charts(department: Department, figures: dict) -> list[dict]:
    with translation.override("da"):
        per_year = list(figures["per_report_year"].items())
        outcomes = [(Outcome(o).label, n) for o, n in figures["outcomes"].items()]
        themes = [(t["label"], t["cases"]) for t in figures["themes"]]
        charts = [
            ("dep-per-year", _("Complaints per report year"), per_year, BLUE, False),
            ("dep-outcomes", _("Outcomes of the closed complaints"), outcomes, GREEN, False),
            ("dep-themes", _("Themes of the complaints"), themes, LIGHT, True),
        ]
        return [
            {
                "id": cid,
                "title": str(title),
                "spec": _bar([r[0] for r in rows], [r[1] for r in rows], color, horizontal),
                "rows": rows,
            }
            for cid, title, rows, color, horizontal in charts
        ]

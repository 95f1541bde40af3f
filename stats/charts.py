"""plotly figures for the dashboard, built from the same numbers as the tables and the PDF.

Each chart is returned as a plain dict (``data`` + ``layout``) that the page hands to
plotly.js through ``json_script``; every chart's numbers are also shown as a table.
"""

import plotly.graph_objects as go
from django.utils import translation
from django.utils.translation import gettext as _

from complaints import selectors as complaint_selectors
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


def _charts(charts) -> list[dict]:
    """{"id", "title", "spec", "rows", "columns"} per chart: (label, value) rows, and the
    headings of its table of numbers naming what is counted."""
    return [
        {
            "id": cid,
            "title": str(title),
            "spec": _bar([r[0] for r in rows], [r[1] for r in rows], color, horizontal),
            "rows": rows,
            "columns": (str(label_heading), str(value_heading)),
        }
        for cid, title, rows, color, horizontal, (label_heading, value_heading) in charts
    ]


def year_charts(figures: YearFigures) -> list[dict]:
    """The dashboard's charts, each standing in for the table of the same numbers (the shares
    upheld and solved are a table of their own: a chart of two percentages adds nothing)."""
    with translation.override("da"):
        d = figures.data
        names = dict(Department.objects.values_list("code", "name"))
        per_year = list(d["complaints_per_report_year"].items())
        per_dep = [(names.get(code, code), n) for code, n in d["complaints_per_department"].items()]
        efforts = [
            (complaint_selectors.statistics_labels()["track"][t], d["efforts"][t])
            for t in ("advice", "forwarded", "rejected", "telephone", "written", "mediation", "supervision")
        ]
        efforts += [
            (_("Supervisions on own initiative and inspections"), d["efforts"]["own_initiative_supervision"]),
            (_("Consultations closed"), d["efforts"]["consultation"]),
        ]
        outcomes = [
            (complaint_selectors.statistics_labels()["outcome"][o], n)
            for o, n in figures.extra["outcomes"].items()
        ]
        complaints = _("Complaints")
        return _charts(
            [
                (
                    "per-year",
                    _("Complaints per report year"),
                    per_year,
                    BLUE,
                    False,
                    (_("Report year"), complaints),
                ),
                (
                    "per-department",
                    _("Complaints per department"),
                    per_dep,
                    BLUE,
                    True,
                    (_("Department"), complaints),
                ),
                ("efforts", _("Distribution of efforts"), efforts, LIGHT, True, (_("Effort"), _("Cases"))),
                (
                    "outcomes",
                    _("Outcomes of the closed complaints"),
                    outcomes,
                    GREEN,
                    False,
                    (_("Outcome"), _("Closed complaints")),
                ),
            ]
        )


def department_charts(department: Department, figures: dict) -> list[dict]:
    with translation.override("da"):
        per_year = list(figures["per_report_year"].items())
        outcomes = [
            (complaint_selectors.statistics_labels()["outcome"][o], n) for o, n in figures["outcomes"].items()
        ]
        themes = [(t["label"], t["cases"]) for t in figures["themes"]]
        complaints = _("Complaints")
        return _charts(
            [
                (
                    "dep-per-year",
                    _("Complaints per report year"),
                    per_year,
                    BLUE,
                    False,
                    (_("Report year"), complaints),
                ),
                (
                    "dep-outcomes",
                    _("Outcomes of the closed complaints"),
                    outcomes,
                    GREEN,
                    False,
                    (_("Outcome"), _("Closed complaints")),
                ),
                ("dep-themes", _("Themes of the complaints"), themes, LIGHT, True, (_("Theme"), complaints)),
            ]
        )

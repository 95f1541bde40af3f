"""The yearly report's tables, built from ``year_figures`` once and rendered by the text
command, the dashboard, the exports and the PDF alike."""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from complaints import selectors as complaint_selectors
from core import formatting as fmt
from core.models import Department
from core.periods import Period
from whistleblower import published as whistleblower_published

from .selectors import YearFigures


@dataclass
class Row:
    label: str
    value: object  # the raw number (None = no denominator, or not yet counted)
    text: str  # as printed
    pending: bool = False  # not yet counted: the period has not ended; ``text`` says so


@dataclass
class Table:
    key: str
    title: str
    rows: list[Row]


def _count(label, value):
    return Row(str(label), value, fmt.number(value))


NOT_RECORDED = "ikke registreret"


def _recorded_count(label, value, recorded: bool, text=fmt.number):
    """A figure that may not have been recorded in the period at all (an imported year without
    the question): then it says so — never a 0 that would pass for a measurement."""
    return Row(str(label), value, text(value)) if recorded else Row(str(label), None, NOT_RECORDED)


def _whistleblower_count(label, value, not_yet: str):
    """A whistleblower count, or ``not_yet`` while its period runs (the figure is None then,
    and only then): a text, never a 0 or a dash that could pass for a figure."""
    if value is None:
        return Row(str(label), None, not_yet, pending=True)
    return _count(label, value)


def build_tables(figures: YearFigures) -> list[Table]:
    """The tables in Danish (the report's language), whatever the reader's UI language."""
    with translation.override("da"):
        return _tables(figures.data, figures.extra.get("recorded", {}))


def _tables(d: dict, recorded: dict) -> list[Table]:
    year = d["report_year"]
    period = Period.report_year(year)
    inq, eff, disc, sat, wb = (
        d["inquiries"],
        d["efforts"],
        d["discrimination"],
        d["satisfaction"],
        d["whistleblower"],
    )
    names = dict(Department.objects.values_list("code", "name"))
    grounds = complaint_selectors.statistics_labels()["discrimination_ground"]
    year_not_over = _("Counted when the calendar year has ended")
    quarter_not_over = _("Counted when the quarter has ended")
    return [
        Table(
            "inquiries",
            _("Inquiries to the Borgerrådgiver in the report year %(year)s (%(start)s – %(end)s)")
            % {"year": year, "start": fmt.danish_date(period.start), "end": fmt.danish_date(period.end)},
            [
                _count(
                    _("Complaints and other inquiries and supervisions"),
                    inq["complaints_inquiries_supervisions"],
                ),
                _count(_("Consultations and teaching"), inq["consultations_teaching"]),
                _count(_("In all"), inq["total"]),
                _count(
                    _("Digital complaints forwarded to the department (not included)"),
                    inq["digital_form_forwarded"],
                ),
            ],
        ),
        Table(
            "per_year",
            _("Complaints per report year"),
            [_count(y, n) for y, n in d["complaints_per_report_year"].items()],
        ),
        Table(
            "per_department",
            _("Complaints per department"),
            [_count(names.get(code, code), n) for code, n in d["complaints_per_department"].items()],
        ),
        Table(
            "efforts",
            _("Distribution of efforts"),
            [
                *[
                    _count(complaint_selectors.statistics_labels()["track"][t], eff[t])
                    for t in (
                        "advice",
                        "forwarded",
                        "rejected",
                        "telephone",
                        "written",
                        "mediation",
                        "supervision",
                    )
                ],
                _count(
                    _("Supervisions on own initiative and inspections"), eff["own_initiative_supervision"]
                ),
                _count(_("Consultations closed"), eff["consultation"]),
            ],
        ),
        Table(
            "processing",
            _("Processing times"),
            [
                Row(
                    _("Complaints and other inquiries"),
                    d["avg_processing_days"]["cases"],
                    fmt.days(d["avg_processing_days"]["cases"]),
                ),
                Row(
                    _("Consultations"),
                    d["avg_processing_days"]["consultations"],
                    fmt.days(d["avg_processing_days"]["consultations"]),
                ),
                _recorded_count(
                    _("Written cases answered within 10 working days"),
                    d["reply_within_10_working_days_pct"],
                    recorded.get("reply_within_10_working_days_pct", True),
                    fmt.percent,
                ),
            ],
        ),
        Table(
            "activities",
            _("Activities"),
            [
                _count(_("Solved by telephone"), d["telephone_resolved"]),
                _count(_("Consultations received"), d["consultations"]),
                _count(_("Teaching sessions"), d["teaching"]),
            ],
        ),
        Table(
            "results",
            _("Results"),
            [
                Row(_("Upheld or partly upheld"), d["upheld_pct"], fmt.percent(d["upheld_pct"])),
                Row(
                    _("Of those: the error could affect the legality of a decision"),
                    d["legality_error_pct"],
                    fmt.percent(d["legality_error_pct"]),
                ),
                Row(_("Solved or partly solved"), d["solved_pct"], fmt.percent(d["solved_pct"])),
            ],
        ),
        Table(
            "satisfaction",
            _("Satisfaction"),
            [
                _count(_("Answers to the satisfaction survey"), sat["responses"]),
                Row(_("Satisfied"), sat["satisfied_pct"], fmt.percent(sat["satisfied_pct"])),
                Row(_("Dissatisfied"), sat["dissatisfied_pct"], fmt.percent(sat["dissatisfied_pct"])),
            ],
        ),
        Table(
            "systemic",
            _("Errors that reach further"),
            [
                _recorded_count(
                    _("Cases that revealed a general problem"),
                    d["systemic_cases"],
                    recorded.get("systemic_cases", True),
                ),
                _recorded_count(
                    _("Citizens affected (estimates)"),
                    d["citizens_affected"],
                    recorded.get("citizens_affected", True),
                ),
                _recorded_count(
                    _("Shuttle contacts between citizen and department"),
                    d["mediation_shuttle_contacts"],
                    recorded.get("mediation_shuttle_contacts", True),
                ),
            ],
        ),
        Table(
            "discrimination",
            _("Complaints about discrimination"),
            [
                *[
                    _count(grounds[g], disc[g])
                    for g in ("disability", "origin", "gender", "sexual_orientation")
                ],
                _count(_("Other grounds"), disc["other"]),
                _count(_("In all"), disc["total"]),
            ],
        ),
        Table(
            "whistleblower",
            _("The whistleblower scheme in %(year)s") % {"year": year},
            [
                _whistleblower_count(_("Reports"), wb["reports"], year_not_over),
                _whistleblower_count(_("Matters"), wb["matters"], year_not_over),
                _whistleblower_count(
                    _("Reports in %(year)s") % {"year": year - 1}, wb["reports_previous_year"], year_not_over
                ),
                _whistleblower_count(
                    _("Reports 1 January – 31 March %(year)s") % {"year": year + 1},
                    wb["next_year_q1"]["reports"],
                    quarter_not_over,
                ),
                _whistleblower_count(
                    _("Matters 1 January – 31 March %(year)s") % {"year": year + 1},
                    wb["next_year_q1"]["matters"],
                    quarter_not_over,
                ),
            ],
        ),
        Table(
            "whistleblower_themes",
            _("Matters by theme %(year)s") % {"year": year},
            [
                Row(str(whistleblower_published.theme_labels()[code]), None, year_not_over, pending=True)
                if wb["matters"] is None
                else Row(str(whistleblower_published.theme_labels()[code]), share, fmt.percent(share))
                for code, share in wb["themes_pct"].items()
            ],
        ),
    ]

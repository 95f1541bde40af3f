"""The yearly figures of DOMAIN §6, each defined once.

Every figure is one small function named after its key in ``beretning_stats``'s JSON, with
its definition as docstring. It returns database aggregates (conditional ``Count``/``Sum``)
and, where the figure is a share or a mean, how to finish it. ``year_figures`` collects the
aggregates per source table and runs ONE query per table, so the number of queries does not
depend on the amount of data. The JSON command, the dashboard, the exports and the PDF all
call ``year_figures``.

The stats app reads the case apps only through their selectors, and the whistleblower
scheme only as dates, channels and themes. A whistleblower figure is released only once the
period it counts has ended (Copenhagen's date): until then it is None and not even queried,
so a running year's count cannot be watched rising report by report.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, Sum
from django.utils import timezone

from complaints import selectors as complaint_selectors
from consultations import selectors as consultation_selectors
from core.models import Department
from core.periods import Period
from supervision import selectors as supervision_selectors
from whistleblower import published as whistleblower_published

from .year import COMPLAINT_KIND, FIGURES, Year, counted, days_between, figure, mean_days, pct

TRACKS = ["advice", "forwarded", "rejected", "telephone", "written", "mediation", "supervision"]
HANDLED_TRACKS = ["telephone", "written", "mediation", "supervision"]
OUTCOMES = ["upheld", "partly_upheld", "not_upheld", "not_assessed"]
OWN_INITIATIVE = ["own_initiative_case", "own_initiative_general", "inspection"]
WB_THEMES = [
    "work_environment",
    "legal_requirements",
    "finances",
    "neglect",
    "criminal_offences",
    "internal_rules",
    "citizen_service",
    "public_health",
    "data_protection",
    "environmental_hazard",
    "other",
]
DISCRIMINATION_OTHER = ["age", "religion_belief", "political_opinion", "other"]

# --- henvendelser -------------------------------------------------------------------------


@figure("inquiries.complaints_inquiries_supervisions", "counted")
def complaints_inquiries_supervisions_complaints(y: Year):
    """Counted complaints received in the period (the first part of the figure)."""
    return Count("pk", filter=y.received())


@figure("inquiries.own_initiative_opened", "supervisions")
def complaints_inquiries_supervisions_supervisions(y: Year):
    """Supervisions of kinds own_initiative_case, own_initiative_general and inspection opened
    in the period (the second part of ``complaints_inquiries_supervisions``)."""
    return Count("pk", filter=Q(kind__in=OWN_INITIATIVE) & y.period.q("opened_on"))


@figure("inquiries.consultations_teaching", "consultations")
def consultations_teaching(y: Year):
    """Consultations and teaching received in the period."""
    return Count("pk", filter=y.received())


@figure("inquiries.digital_form_forwarded", "complaints")
def digital_form_forwarded(y: Year):
    """Kind complaint/inquiry, channel digital_form, track forwarded, received in the period."""
    return Count(
        "pk",
        filter=Q(kind__in=["complaint", "inquiry"], channel="digital_form", track="forwarded") & y.received(),
    )


@figure("complaints_per_report_year", "counted")
def complaints_per_report_year(y: Year):
    """``{"Y-4": n, …, "Y": n}``: counted complaints of kind complaint received in each of the
    five report years."""
    years = range(y.year - 4, y.year + 1)
    aggregates = {
        f"y{year}": Count("pk", filter=COMPLAINT_KIND & Period.report_year(year).q("received_on"))
        for year in years
    }
    return aggregates, lambda v: {str(year): v[f"y{year}"] for year in years}


@figure("complaints_per_department", "counted")
def complaints_per_department(y: Year):
    """``{"ØKF": n, …, "TMF": n}`` (all seven): counted complaints of kind complaint received in
    the period."""
    departments = list(Department.objects.order_by("position").values_list("pk", "code"))
    aggregates = {
        f"d{pk}": Count("pk", filter=COMPLAINT_KIND & y.received() & Q(department_id=pk))
        for pk, _code in departments
    }
    return aggregates, lambda v: {code: v[f"d{pk}"] for pk, code in departments}


@figure("efforts", "counted")
def efforts(y: Year):
    """Counted complaints closed in the period by track (advice, forwarded, rejected,
    telephone, written, mediation, supervision)."""
    return {t: Count("pk", filter=y.closed() & Q(track=t)) for t in TRACKS}


@figure("efforts.own_initiative_supervision", "supervisions")
def own_initiative_supervision(y: Year):
    """Own-initiative kinds and inspections closed in the period."""
    return Count("pk", filter=Q(kind__in=OWN_INITIATIVE) & y.period.q("closed_on"))


@figure("efforts.consultation", "consultations")
def consultation(y: Year):
    """Consultations (kind consultation) closed in the period."""
    return Count("pk", filter=Q(kind="consultation") & y.closed())


@figure("avg_processing_days.cases", "counted")
def avg_processing_days_cases(y: Year):
    """Mean of (closed − received) in calendar days over counted complaints closed in the period."""
    closed = y.closed()
    return (
        {
            "days": Sum(days_between("closed_on", "received_on"), filter=closed),
            "n": Count("pk", filter=closed),
        },
        lambda v: mean_days(v["days"], v["n"]),
    )


@figure("avg_processing_days.consultations", "consultations")
def avg_processing_days_consultations(y: Year):
    """The same over consultations (kind consultation) closed in the period."""
    closed = Q(kind="consultation") & y.closed()
    return (
        {
            "days": Sum(days_between("closed_on", "received_on"), filter=closed),
            "n": Count("pk", filter=closed),
        },
        lambda v: mean_days(v["days"], v["n"]),
    )


@figure("telephone_resolved", "counted")
def telephone_resolved(y: Year):
    """Counted complaints closed in the period with track telephone."""
    return Count("pk", filter=y.closed() & Q(track="telephone"))


@figure("consultations", "consultations")
def consultations(y: Year):
    """Consultations (kind consultation) received in the period."""
    return Count("pk", filter=Q(kind="consultation") & y.received())


@figure("teaching", "consultations")
def teaching(y: Year):
    """Teaching received in the period."""
    return Count("pk", filter=Q(kind="teaching") & y.received())


@figure("upheld_pct", "counted")
def upheld_pct(y: Year):
    """(upheld + partly_upheld) / (upheld + partly_upheld + not_upheld) × 100 over counted
    complaints of kind complaint closed in the period."""
    base = COMPLAINT_KIND & y.closed()
    return (
        {o: Count("pk", filter=base & Q(outcome=o)) for o in ("upheld", "partly_upheld", "not_upheld")},
        lambda v: pct(v["upheld"] + v["partly_upheld"], v["upheld"] + v["partly_upheld"] + v["not_upheld"]),
    )


@figure("solved_pct", "counted")
def solved_pct(y: Year):
    """(solved + partly_solved) / (solved + partly_solved + not_solved) × 100 over counted
    complaints closed in the period with track telephone, written, mediation or supervision."""
    base = y.closed() & Q(track__in=HANDLED_TRACKS)
    return (
        {s: Count("pk", filter=base & Q(solved=s)) for s in ("solved", "partly_solved", "not_solved")},
        lambda v: pct(v["solved"] + v["partly_solved"], v["solved"] + v["partly_solved"] + v["not_solved"]),
    )


@figure("satisfaction", "counted")
def satisfaction(y: Year):
    """``responses``, ``satisfied_pct``, ``dissatisfied_pct`` over counted complaints closed in
    the period with a survey answer."""
    base = y.closed() & ~Q(satisfaction="")
    return (
        {
            "responses": Count("pk", filter=base),
            "satisfied": Count("pk", filter=base & Q(satisfaction="satisfied")),
            "dissatisfied": Count("pk", filter=base & Q(satisfaction="dissatisfied")),
        },
        lambda v: {
            "responses": v["responses"],
            "satisfied_pct": pct(v["satisfied"], v["responses"]),
            "dissatisfied_pct": pct(v["dissatisfied"], v["responses"]),
        },
    )


@figure("discrimination", "counted")
def discrimination(y: Year):
    """Counted complaints received in the period, by ground: disability, origin, gender,
    sexual_orientation, other (= age, religion_belief, political_opinion, other), and total."""
    base = y.received()
    aggregates = {
        g: Count("pk", filter=base & Q(discrimination_ground=g))
        for g in ("disability", "origin", "gender", "sexual_orientation")
    }
    aggregates["other"] = Count("pk", filter=base & Q(discrimination_ground__in=DISCRIMINATION_OTHER))
    return aggregates, lambda v: {**v, "total": sum(v.values())}


# --- second round: errors that reach further (DOMAIN §6, "Added in the second round") -------


@figure("legality_error_pct", "counted")
def legality_error_pct(y: Year):
    """legality_error / (upheld + partly_upheld) × 100 over counted complaints of kind complaint
    closed in the period with outcome upheld or partly_upheld."""
    base = COMPLAINT_KIND & y.closed() & Q(outcome__in=["upheld", "partly_upheld"])
    return (
        {"upheld": Count("pk", filter=base), "legality": Count("pk", filter=base & Q(legality_error=True))},
        lambda v: pct(v["legality"], v["upheld"]),
    )


@figure("systemic.complaints", "counted")
def systemic_complaints(y: Year):
    """Counted complaints closed in the period marked as revealing a general problem, and the
    citizens they affect (the first part of ``systemic_cases`` and ``citizens_affected``)."""
    base = y.closed() & Q(general_problem=True)
    return {"cases": Count("pk", filter=base), "citizens": Sum("citizens_affected", filter=base)}


@figure("systemic.supervisions", "supervisions")
def systemic_supervisions(y: Year):
    """Supervisions closed in the period marked as revealing a general problem, and the citizens
    they affect (the second part)."""
    base = y.period.q("closed_on") & Q(general_problem=True)
    return {"cases": Count("pk", filter=base), "citizens": Sum("citizens_affected", filter=base)}


@figure("extra.recorded.complaints", "counted")
def recorded_complaints(y: Year):
    """Whether the period's figures on general problems were recorded at all: counted
    complaints closed in the period whose general-problem question has an answer (an import
    without the column leaves it unanswered), and the general problems with an estimate of the
    citizens affected. A period where nobody recorded them prints "ikke registreret", not 0."""
    answered = y.closed() & Q(general_problem__isnull=False)
    estimated = y.closed() & Q(general_problem=True, citizens_affected__isnull=False)
    return {
        "closed": Count("pk", filter=y.closed()),
        "answered": Count("pk", filter=answered),
        "estimated": Count("pk", filter=estimated),
    }


@figure("extra.recorded.supervisions", "supervisions")
def recorded_supervisions(y: Year):
    """The same for the supervisions closed in the period."""
    closed = y.period.q("closed_on")
    answered = closed & Q(general_problem__isnull=False)
    estimated = closed & Q(general_problem=True, citizens_affected__isnull=False)
    return {
        "closed": Count("pk", filter=closed),
        "answered": Count("pk", filter=answered),
        "estimated": Count("pk", filter=estimated),
    }


@figure("mediation_shuttle_contacts", "shuttle_contacts")
def mediation_shuttle_contacts(y: Year):
    """Shuttle contacts (pendulmægling) recorded in the period on any complaint, whatever its
    track."""
    return Count("pk", filter=y.period.q("held_on"))


# --- third round: the reply guarantee (DOMAIN §9) -------------------------------------------


@figure("reply_within_10_working_days_pct", "counted")
def reply_within_10_working_days_pct(y: Year):
    """Among the report year's counted complaints and inquiries received through a written
    channel (digital form, e-mail, letter), the share whose first letter to the citizen is dated
    on or before ``add_working_days(received_on, 10)``; one decimal."""
    base = y.received() & complaint_selectors.received_in_writing()
    in_time = base & Q(complaint_selectors.replied_in_time())
    return (
        {"received": Count("pk", filter=base), "in_time": Count("pk", filter=in_time)},
        lambda v: pct(v["in_time"], v["received"]),
    )


@figure("extra.recorded.replies", "counted")
def recorded_replies(y: Year):
    """Whether the letters to the citizens of those cases were recorded at all: the cases
    registered in this system, not imported from the old statistics (which kept no letters)."""
    base = y.received() & complaint_selectors.received_in_writing()
    return {
        "received": Count("pk", filter=base),
        "registered": Count("pk", filter=base & ~Q(complaint_selectors.imported())),
    }


# --- whistleblower: calendar years ----------------------------------------------------------


def _released_only(y: Year, aggregates: dict) -> tuple[dict, Callable]:
    """Keep only the aggregates whose period has ended; the others finish as None. An
    aggregate's name starts with its period's name in ``Year.wb_periods``."""
    released = y.wb_released()
    kept = {name: agg for name, agg in aggregates.items() if released[name.split("__")[0]]}
    return kept, lambda v: {name: v.get(name) for name in aggregates}


@figure("whistleblower.reports", "reports")
def whistleblower_reports(y: Year):
    """Reports received in calendar year Y; reports received in Y−1 (``reports_previous_year``);
    reports received 1 January – 31 March of Y+1 (``next_year_q1.reports``). Each is None
    until its period has ended."""
    return _released_only(
        y, {name: whistleblower_published.reports_received(p) for name, p in y.wb_periods().items()}
    )


@figure("whistleblower.matters", "matters")
def whistleblower_matters(y: Year):
    """The matters of the reports received in Y; the matters of those received in Q1 of Y+1;
    and ``themes_pct``: for all eleven theme codes, the share of the matters of reports
    received in Y. Each is None until its period has ended."""
    periods = y.wb_periods()
    in_year = periods["year"].q("report__received_on")
    aggregates = {
        "year": whistleblower_published.matters_of_reports_received(periods["year"]),
        "next_q1": whistleblower_published.matters_of_reports_received(periods["next_q1"]),
    }
    aggregates.update({f"year__{t}": Count("theme", filter=in_year & Q(theme=t)) for t in WB_THEMES})
    return _released_only(y, aggregates)


# --- figures the charts need beyond the JSON ------------------------------------------------


@figure("extra.outcomes", "counted")
def outcomes(y: Year):
    """Counted complaints of kind complaint closed in the period, by outcome (a chart)."""
    return {o: Count("pk", filter=COMPLAINT_KIND & y.closed() & Q(outcome=o)) for o in OUTCOMES}


def counted_complaints(y: Year):
    """Counted complaints that can matter for year ``y``: received in one of the five report
    years shown, or closed in the period. The condition sits in the WHERE clause once instead
    of in every aggregate."""
    relevant = (
        Q(received_on__gte=Period.report_year(y.year - 4).start, received_on__lte=y.period.end) | y.closed()
    )
    return counted().filter(relevant)


SOURCES = {
    "counted": counted_complaints,
    "complaints": lambda y: complaint_selectors.statistics_complaints().filter(y.received()),
    "consultations": lambda y: consultation_selectors.statistics_consultations(),
    "supervisions": lambda y: supervision_selectors.statistics_supervisions(),
    "shuttle_contacts": lambda y: complaint_selectors.statistics_shuttle_contacts(),
    "reports": lambda y: whistleblower_published.statistics_reports(),
    "matters": lambda y: whistleblower_published.statistics_matters(),
}


def _raw(y: Year) -> dict[str, object]:
    """Run one aggregate query per source; return each figure's finished value by key."""
    by_source = defaultdict(list)
    for fig in FIGURES:
        aggregates, finish = fig.parts(y)
        by_source[fig.source].append((fig.key, aggregates, finish))
    values = {}
    for source, figures in by_source.items():
        aliases, same_as, seen = {}, {}, {}
        for key, aggregates, _finish in figures:
            for name, aggregate in aggregates.items():
                alias = f"{key.replace('.', '__')}__{name}"
                # Two figures may need the same number (the telephone track and
                # telephone_resolved): compute it once.
                if aggregate in seen:
                    same_as[alias] = seen[aggregate]
                else:
                    seen[aggregate] = alias
                    aliases[alias] = aggregate
        # A source with nothing to compute (the whistleblower tables while no period has
        # ended) is not queried at all.
        row = SOURCES[source](y).aggregate(**aliases) if aliases else {}
        row.update({alias: row[original] for alias, original in same_as.items()})
        for key, aggregates, finish in figures:
            prefix = f"{key.replace('.', '__')}__"
            values[key] = finish({name: row[prefix + name] for name in aggregates})
    return values


@dataclass
class YearFigures:
    data: dict  # exactly the structure of DOMAIN §6 (the JSON)
    extra: dict  # further numbers the charts use, and which figures were recorded at all


def year_figures(year: int, today: date | None = None) -> YearFigures:
    """The whole report year, as DOMAIN §6 defines it, as known on ``today`` (default: today
    in Copenhagen). Everything else calls this.

    A whistleblower figure is None (JSON null) until the period it counts has ended:
    ``reports``, ``matters`` and ``themes_pct`` after 31 December Y, ``reports_previous_year``
    after 31 December Y−1, ``next_year_q1`` after 31 March Y+1."""
    y = Year(year, today or timezone.localdate())
    v = _raw(y)
    complaints_part = v["inquiries.complaints_inquiries_supervisions"] + v["inquiries.own_initiative_opened"]
    wb_reports, wb_matters = v["whistleblower.reports"], v["whistleblower.matters"]
    data = {
        "report_year": year,
        "period": {"start": y.period.start.isoformat(), "end": y.period.end.isoformat()},
        "inquiries": {
            "complaints_inquiries_supervisions": complaints_part,
            "consultations_teaching": v["inquiries.consultations_teaching"],
            "total": complaints_part + v["inquiries.consultations_teaching"],
            "digital_form_forwarded": v["inquiries.digital_form_forwarded"],
        },
        "complaints_per_report_year": v["complaints_per_report_year"],
        "complaints_per_department": v["complaints_per_department"],
        "efforts": {
            **v["efforts"],
            "own_initiative_supervision": v["efforts.own_initiative_supervision"],
            "consultation": v["efforts.consultation"],
        },
        "avg_processing_days": {
            "cases": v["avg_processing_days.cases"],
            "consultations": v["avg_processing_days.consultations"],
        },
        "telephone_resolved": v["telephone_resolved"],
        "consultations": v["consultations"],
        "teaching": v["teaching"],
        "upheld_pct": v["upheld_pct"],
        "solved_pct": v["solved_pct"],
        "satisfaction": v["satisfaction"],
        "discrimination": v["discrimination"],
        "legality_error_pct": v["legality_error_pct"],
        "systemic_cases": v["systemic.complaints"]["cases"] + v["systemic.supervisions"]["cases"],
        # Cases without an estimate count 0.
        "citizens_affected": (v["systemic.complaints"]["citizens"] or 0)
        + (v["systemic.supervisions"]["citizens"] or 0),
        "mediation_shuttle_contacts": v["mediation_shuttle_contacts"],
        "reply_within_10_working_days_pct": v["reply_within_10_working_days_pct"],
        "whistleblower": {
            "calendar_year": year,
            "reports": wb_reports["year"],
            "matters": wb_matters["year"],
            "reports_previous_year": wb_reports["previous"],
            "next_year_q1": {"reports": wb_reports["next_q1"], "matters": wb_matters["next_q1"]},
            "themes_pct": {
                t: None if wb_matters["year"] is None else pct(wb_matters[f"year__{t}"], wb_matters["year"])
                for t in WB_THEMES
            },
        },
    }
    return YearFigures(data=data, extra={"outcomes": v["extra.outcomes"], "recorded": _recorded(v, data)})


def _recorded(v: dict, data: dict) -> dict[str, bool]:
    """Which of the figures on errors that reach further were recorded in the period (DOMAIN §6
    counts them as 0 otherwise; the report prints "ikke registreret"): recorded when the
    question was answered for at least half the cases closed in the period — a year of imported
    cases with one of them edited since is still a year nobody recorded. Shuttle contacts are
    recorded in this system only, alongside the general-problem question."""
    parts = (v["extra.recorded.complaints"], v["extra.recorded.supervisions"])
    closed, answered, estimated = (sum(p[key] for p in parts) for key in ("closed", "answered", "estimated"))
    systemic = answered > 0 and 2 * answered >= closed
    replies = v["extra.recorded.replies"]
    return {
        "systemic_cases": systemic,
        "citizens_affected": systemic and (data["systemic_cases"] == 0 or estimated > 0),
        "mediation_shuttle_contacts": systemic or data["mediation_shuttle_contacts"] > 0,
        # Letters are kept by this system only: recorded when at least half the written cases
        # of the period were registered here.
        "reply_within_10_working_days_pct": replies["registered"] > 0
        and 2 * replies["registered"] >= replies["received"],
    }

"""The reads the stats app and the secretariat's exports make: the rows the yearly figures
aggregate and the labels they print."""

from django.db.models import (
    Case,
    CharField,
    Q,
    Value,
    When,
)

from core.periods import Period

from ..models import (
    Complaint,
    ComplaintPoint,
    DiscriminationGround,
    MediationRound,
    Outcome,
    Track,
)

# --- for the yearly statistics (the stats app reads complaints only through these) ---------


def statistics_labels() -> dict[str, dict]:
    """The names the statistics print for the complaints' codes (tracks, outcomes, grounds of
    discrimination), so that stats never reads the models."""
    return {
        "track": dict(Track.choices),
        "outcome": dict(Outcome.choices),
        "discrimination_ground": dict(DiscriminationGround.choices),
    }


def statistics_complaints():
    """Every complaint and inquiry; the stats app aggregates over it in the database."""
    return Complaint.objects.all()


def statistics_complaint_points():
    """Complaint points with their case, for counting cases by theme."""
    return ComplaintPoint.objects.all()


def statistics_shuttle_contacts():
    """Every shuttle contact (pendulmægling) recorded on a complaint, for counting by date."""
    return MediationRound.objects.all()


def department_export_cases(department, year: int):
    """A department's cases received in report year ``year``, with their themes prefetched."""
    period = Period.report_year(year)
    secondary = Complaint.other_departments.through.objects.filter(department=department)
    return (
        Complaint.objects.filter(received_on__gte=period.start, received_on__lte=period.end)
        .filter(Q(department=department) | Q(pk__in=secondary.values("complaint_id")))
        .annotate(
            department_role=Case(
                When(department=department, then=Value("primary")),
                default=Value("secondary"),
                output_field=CharField(),
            )
        )
        .prefetch_related("points__theme")
        .order_by("case_number")
    )

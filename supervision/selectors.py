"""Reads for supervisions. Lists and the learning tracker compute deadlines and counts in the
database, so their query counts do not grow with the data."""

from django.db.models import Count, Exists, F, Min, OuterRef, Q
from django.db.models.functions import Coalesce, Least
from django.utils import timezone
from django.utils.translation import gettext as _

from core import search
from core.access import CaseDocument
from core.disqualification import case_or_404
from core.formatting import long_date
from core.models import Department
from core.notes import notes_of

from .models import (
    OPEN_STATES,
    FindingValue,
    FollowUpStatus,
    HearingRound,
    Recommendation,
    Result,
    Supervision,
)
from .permissions import supervisions_visible_to


def supervision_queue(user, *, scope: str = "open", kind: str = "", department: str = ""):
    today = timezone.localdate()
    qs = supervisions_visible_to(user).select_related("responsible", "source_complaint")
    qs = qs.prefetch_related("departments")
    qs = qs.annotate(
        hearing_due=Min("hearing_rounds__due_on", filter=Q(hearing_rounds__answered_on__isnull=True)),
        # The jurist's own follow-up date counts as a deadline too.
        next_deadline=Least(
            Coalesce(F("hearing_due"), F("follow_up_on")), Coalesce(F("follow_up_on"), F("hearing_due"))
        ),
        follow_up_due=Q(state__in=OPEN_STATES, follow_up_on__lte=today),
        hearing_overdue=Exists(
            HearingRound.objects.filter(
                supervision=OuterRef("pk"), answered_on__isnull=True, due_on__lt=today
            )
        ),
        follow_up_overdue=Exists(
            Recommendation.objects.filter(
                supervision=OuterRef("pk"), status=FollowUpStatus.OPEN, due_on__lt=today
            )
        ),
    )
    if scope == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    if kind:
        qs = qs.filter(kind=kind)
    if department:
        qs = qs.filter(departments__code=department).distinct()
    return qs.order_by("-opened_on", "-id")


def supervisions_found(user, q: str):
    """The search page's supervisions (``/soeg/``): number, subject, summary, notes."""
    return search.matching(
        supervisions_visible_to(user).prefetch_related("departments"),
        q,
        words=("title", "summary", "follow_up_reason"),
        identifiers=("case_number",),
        note_field="supervision",
    ).order_by("-opened_on", "-id")


def supervision_for_user_or_404(user, pk: int) -> Supervision:
    return case_or_404(
        supervisions_visible_to(user).select_related("source_complaint", "responsible"), user, pk=pk
    )


def findings_matrix(supervision: Supervision) -> list[dict]:
    """One row per department of the supervision: its finding (or none yet) and note."""
    findings = {f.department_id: f for f in supervision.findings.select_related("department")}
    return [
        {"department": d, "finding": findings.get(d.pk)} for d in supervision.departments.order_by("position")
    ]


def findings_summary(supervision: Supervision) -> dict[str, int]:
    """How many departments meet, partly meet or do not meet (counted in the database)."""
    counts = supervision.findings.aggregate(
        **{value: Count("id", filter=Q(value=value)) for value in FindingValue.values}
    )
    return counts


def recommendations_tracker(
    user, *, status: str = "", department: str = "", year: int | None = None, overdue: bool = False
):
    """The learning tracker: every recommendation and formal request across departments."""
    today = timezone.localdate()
    qs = Recommendation.objects.filter(supervision__in=supervisions_visible_to(user))
    qs = qs.select_related("supervision", "department")
    if status:
        qs = qs.filter(status=status)
    if department:
        qs = qs.filter(department__code=department)
    if year:
        qs = qs.filter(supervision__concluded_on__year=year)
    if overdue:
        qs = qs.filter(status=FollowUpStatus.OPEN, due_on__lt=today)
    return qs.order_by("due_on", "id")


def tracker_counts(user, *, year: int | None = None) -> list[dict]:
    """Per department (all seven, official order): open, overdue, implemented, partly, declined."""
    today = timezone.localdate()
    scope = Q(recommendations__supervision__in=supervisions_visible_to(user))
    if year:
        scope &= Q(recommendations__supervision__concluded_on__year=year)

    def count(extra=None):
        return Count("recommendations", filter=scope & extra if extra is not None else scope)

    rows = Department.objects.annotate(
        open=count(Q(recommendations__status=FollowUpStatus.OPEN)),
        overdue=count(Q(recommendations__status=FollowUpStatus.OPEN, recommendations__due_on__lt=today)),
        implemented=count(Q(recommendations__status=FollowUpStatus.IMPLEMENTED)),
        partly=count(Q(recommendations__status=FollowUpStatus.PARTLY)),
        declined=count(Q(recommendations__status=FollowUpStatus.DECLINED)),
        total=count(),
    ).order_by("position")
    return list(rows.values("code", "name", "open", "overdue", "implemented", "partly", "declined", "total"))


def statistics_supervisions():
    """Every supervision; the stats app aggregates over it in the database."""
    return Supervision.objects.all()


def results_for_report_year(year: int):
    """The selected results (udvalgte resultater) the yearly report lists for ``year``."""
    return Result.objects.filter(report_year=year).select_related("department")


def access_documents(supervision: Supervision) -> list:
    """The supervision's documents for a request for access (core.access): the case as opened,
    the hearing letters with their questions and the departments' answers, and the working
    documents (notes and calls), marked internal."""
    rows = [
        (
            supervision.opened_on,
            CaseDocument("supervision", supervision.title, supervision.opened_on, supervision.summary),
        )
    ]
    for hearing in supervision.hearing_rounds.select_related("department"):
        title = _("Hearing letter to %(department)s, deadline %(date)s") % {
            "department": hearing.department.name,
            "date": long_date(hearing.due_on),
        }
        rows.append(
            (
                hearing.sent_on,
                CaseDocument(f"hearing:{hearing.pk}", title, hearing.sent_on, hearing.questions),
            )
        )
        if hearing.answered_on:
            title = _("Answer from %(department)s to the hearing") % {"department": hearing.department.name}
            rows.append(
                (
                    hearing.answered_on,
                    CaseDocument(f"answer:{hearing.pk}", title, hearing.answered_on, separate=True),
                )
            )
    for note in notes_of("supervision", supervision).filter(system=False):
        day = timezone.localtime(note.occurred_at).date()
        rows.append(
            (day, CaseDocument(f"note:{note.pk}", str(note.action_label), day, text=note.text, internal=True))
        )
    rows.sort(key=lambda row: row[0])
    return [document for _day, document in rows]

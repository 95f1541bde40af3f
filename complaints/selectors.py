"""Reads for complaints and consultations. Query counts do not grow with the data: lists
select their related rows in the same query and compute "overdue" in the database."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Least
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import search
from core.roles import Role

from .models import (
    OPEN_STATES,
    CaseEvent,
    Complaint,
    Consultation,
    Incoming,
    OutgoingLetter,
    State,
    WrittenInquiry,
    normalise_cpr,
)
from .permissions import complaints_visible_to, consultations_visible_to

OLD_CASE_DAYS = 30
PAGE_SIZE = 25

SORTS = {
    # What is due first; cases without a deadline after them, newest first.
    "due": (F("next_deadline").asc(nulls_last=True), "-received_on", "-id"),
    "received": ("received_on", "id"),
    "-received": ("-received_on", "-id"),
    "number": ("case_number",),
    "-number": ("-case_number",),
    "department": ("department__position", "-received_on"),
    "state": ("state", "-received_on"),
}

# What the complainant reads on the status page: plain language, no internal detail.
PUBLIC_STAGE = {
    State.RECEIVED: _("We have received your inquiry."),
    State.SCREENING: _("We are looking at your inquiry to decide how it is best handled."),
    State.TELEPHONE: _("We are in contact with the department by telephone to solve the matter."),
    State.WRITTEN: _("We have written to the department and are waiting for its answer."),
    State.MEDIATION: _("We are mediating between you and the department."),
    State.SUPERVISION: _("We are examining the case in a formal supervision."),
    State.ADVISED: _("We have given you guidance, and the case is closed."),
    State.FORWARDED: _("We have sent your complaint to the department, which must handle it first."),
    State.REJECTED: _("We could not take up your complaint. You have received a letter with the reason."),
    State.CLOSED: _("Your case is closed."),
}


# The outcome of a closed case in the citizen's words (the status page).
PUBLIC_OUTCOME = {
    "upheld": _("We found that you were right in your complaint."),
    "partly_upheld": _("We found that you were partly right in your complaint."),
    "not_upheld": _("We did not find that the department had done anything wrong."),
}
PUBLIC_SOLVED = {
    "solved": _("The problem has been solved."),
    "partly_solved": _("The problem has been partly solved."),
    "not_solved": _("The problem has not been solved."),
}


def public_outcome(complaint: Complaint) -> list[str]:
    """What a closed case came to, in plain words; nothing while it is open."""
    if complaint.state != State.CLOSED:
        return []
    return [
        str(text)
        for text in (PUBLIC_OUTCOME.get(complaint.outcome), PUBLIC_SOLVED.get(complaint.solved))
        if text
    ]


def overdue_reply_exists():
    return Exists(
        WrittenInquiry.objects.filter(
            complaint=OuterRef("pk"), answered_on__isnull=True, due_on__lt=timezone.localdate()
        )
    )


def next_reply_due():
    """The earliest reply deadline the department has not yet met, per complaint."""
    return Subquery(
        WrittenInquiry.objects.filter(complaint=OuterRef("pk"), answered_on__isnull=True)
        .order_by("due_on")
        .values("due_on")[:1]
    )


def earliest(a: str, b: str):
    """The earlier of two nullable dates (SQL's LEAST is NULL with a NULL on SQLite)."""
    return Least(Coalesce(a, b), Coalesce(b, a))


def complaint_queue(
    user,
    *,
    scope: str = "mine",
    state: str = "",
    department: str = "",
    kind: str = "",
    overdue: bool = False,
    search: str = "",
    sort: str = "due",
):
    """The jurist's queue: "mine" (I am responsible, open), "unassigned" (open, nobody's),
    "open" (all open) or "all"."""
    qs = complaints_visible_to(user).select_related("department", "responsible")
    old = timezone.localdate() - timedelta(days=OLD_CASE_DAYS)
    today = timezone.localdate()
    qs = qs.annotate(reply_due=next_reply_due()).annotate(
        next_deadline=Case(
            When(state__in=OPEN_STATES, then=earliest("follow_up_on", "reply_due")), default=None
        ),
        follow_up_due=Q(state__in=OPEN_STATES, follow_up_on__lte=today),
        has_new_message=Exists(Incoming.objects.filter(complaint=OuterRef("pk"), seen_at__isnull=True)),
        has_overdue_reply=overdue_reply_exists(),
        is_old=Case(
            When(state__in=OPEN_STATES, received_on__lt=old, then=True),
            default=False,
            output_field=BooleanField(),
        ),
    )
    if scope == "mine":
        qs = qs.filter(responsible=user, state__in=OPEN_STATES)
    elif scope == "unassigned":
        # Nobody's yet: every jurist sees them (a digital-form complaint arrives here).
        qs = qs.filter(responsible__isnull=True, state__in=OPEN_STATES)
    elif scope == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    if state:
        qs = qs.filter(state=state)
    if department:
        # The primary department or one of the others the complaint concerns.
        qs = qs.filter(
            Q(department__code=department)
            | Q(
                pk__in=Complaint.other_departments.through.objects.filter(department__code=department).values(
                    "complaint_id"
                )
            )
        )
    if kind:
        qs = qs.filter(kind=kind)
    if overdue:
        qs = qs.filter(Q(has_overdue_reply=True) | Q(is_old=True))
    if search.strip():
        qs = complaints_matching(qs, search)
    return qs.order_by(*SORTS.get(sort, SORTS["due"]))


def caseworkers():
    """The people who can be responsible for a case: active jurists and the head, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.JURIST, Role.HEAD])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


def workload() -> dict:
    """Open complaints and the overdue among them (a reply past its deadline, or open longer
    than ``OLD_CASE_DAYS``) per caseworker, and the unassigned: two queries, whatever the data."""
    old = timezone.localdate() - timedelta(days=OLD_CASE_DAYS)
    counts = {
        row["responsible"]: row
        for row in Complaint.objects.filter(state__in=OPEN_STATES)
        .values("responsible")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(overdue_reply_exists()) | Q(received_on__lt=old)),
        )
        .order_by()
    }
    empty = {"open": 0, "overdue": 0}
    people = [{"person": person, **counts.get(person.pk, empty)} for person in caseworkers()]
    # Cases whose responsible person has left (inactive, or no longer a caseworker): shown
    # together, to be handed on.
    listed = {row["person"].pk for row in people} | {None}
    left = {
        "open": sum(row["open"] for pk, row in counts.items() if pk not in listed),
        "overdue": sum(row["overdue"] for pk, row in counts.items() if pk not in listed),
    }
    return {"people": people, "unassigned": counts.get(None, empty), "left": left, "old_days": OLD_CASE_DAYS}


def complaints_matching(qs, q: str):
    """The complaints whose number, e-mail, CPR number (written in full), names, summary or
    notes match ``q`` (core.search)."""
    try:
        cpr = Q(person_cpr=normalise_cpr(q))
    except ValidationError:
        cpr = None
    return search.matching(
        qs,
        q,
        words=("person_name", "representative_name", "summary", "follow_up_reason"),
        identifiers=("case_number", "contact_email"),
        note_field="complaint",
        texts=[
            (OutgoingLetter.objects.all(), "complaint", "body"),
            (Incoming.objects.all(), "complaint", "text"),
        ],
        also=cpr,
    )


def complaints_found(user, q: str):
    """The search page's complaints (``/soeg/``)."""
    return complaints_matching(
        complaints_visible_to(user).select_related("department", "responsible"), q
    ).order_by("-received_on", "-id")


def consultations_found(user, q: str):
    """The search page's consultations and teaching cases."""
    return search.matching(
        consultations_visible_to(user).select_related("department"),
        q,
        words=("topic", "follow_up_reason"),
        identifiers=("case_number",),
        note_field="consultation",
    ).order_by("-received_on", "-id")


def complaint_for_user_or_404(user, pk: int) -> Complaint:
    return get_object_or_404(
        complaints_visible_to(user).select_related("department", "unit", "responsible"), pk=pk
    )


def complaint_by_token_or_404(token: str) -> Complaint:
    if not token or len(token) > 64:
        raise Http404
    return get_object_or_404(Complaint.objects.select_related("responsible"), public_token=token)


def complaint_timeline(complaint: Complaint):
    return complaint.events.select_related("actor").order_by("at", "id")


# Events that are no change of stage but that the citizen is told of (without any note).
PUBLIC_EVENTS = {
    "message_received": _("We have received your message."),
    "taken": _("A caseworker has taken your case."),
    "reassigned": _("Your case has a new caseworker."),
}


def public_timeline(complaint: Complaint) -> list[dict]:
    """The status page's timeline: dates and plain-language stages — never notes or staff."""
    events = (
        CaseEvent.objects.filter(complaint=complaint)
        .filter(Q(action__in=["created", "imported", *PUBLIC_EVENTS]) | ~Q(from_state=F("to_state")))
        .order_by("at", "id")
        .values_list("at", "action", "to_state")
    )
    timeline = []
    for at, action, to_state in events:
        text = PUBLIC_EVENTS.get(action) or (PUBLIC_STAGE.get(State(to_state), "") if to_state else "")
        if text:
            timeline.append({"at": at, "text": text})
    return timeline


def public_next_step(complaint: Complaint):
    """The next step the citizen can expect, with its date, where there is one: the reply the
    department has been asked for."""
    if complaint.is_final:
        return None
    due = (
        complaint.inquiries.filter(answered_on__isnull=True)
        .order_by("due_on")
        .values_list("due_on", flat=True)
        .first()
    )
    return due


def is_old(complaint: Complaint) -> bool:
    return (
        complaint.state in OPEN_STATES and (timezone.localdate() - complaint.received_on).days > OLD_CASE_DAYS
    )


def consultation_list(user, *, state: str = "", kind: str = ""):
    qs = consultations_visible_to(user).select_related("department", "responsible")
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-received_on", "-id")


def consultation_for_user_or_404(user, pk: int) -> Consultation:
    return get_object_or_404(consultations_visible_to(user).select_related("department"), pk=pk)


# --- for the yearly statistics (the stats app reads complaints only through these) ---------


def statistics_complaints():
    """Every complaint and inquiry; the stats app aggregates over it in the database."""
    return Complaint.objects.all()


def statistics_complaint_points():
    """Complaint points with their case, for counting cases by theme."""
    from .models import ComplaintPoint

    return ComplaintPoint.objects.all()


def statistics_shuttle_contacts():
    """Every shuttle contact (pendulmægling) recorded on a complaint, for counting by date."""
    from .models import MediationRound

    return MediationRound.objects.all()


def statistics_consultations():
    """Every consultation and teaching case."""
    return Consultation.objects.all()


def department_export_cases(department, year: int):
    """A department's cases received in report year ``year``, with their themes prefetched."""
    from core.periods import Period

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

"""The jurists' lists: the queue with its filters and sorting, the next deadlines and what is
overdue, the workload per caseworker, the search. Computed in the database; query counts do not
grow with the data."""

from datetime import date, timedelta

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
from django.db.models.functions import Coalesce, Least, NullIf
from django.utils import timezone

from core import search
from core.models import AccessRequest
from core.permissions import caseworkers

from ..models import (
    OPEN_STATES,
    WRITTEN_CHANNELS,
    CaseAction,
    CaseEvent,
    Complaint,
    Incoming,
    LetterRecipient,
    OutgoingLetter,
    WrittenInquiry,
    normalise_cpr,
)
from ..permissions import complaints_visible_to

OLD_CASE_DAYS = 30
SORTS = {
    # What needs attention first (overdue, past the guarantee, older than 30 days, follow-up
    # now), then what is due first; cases without a deadline after them, newest first.
    "due": ("-needs_attention", F("next_deadline").asc(nulls_last=True), "-received_on", "-id"),
    "received": ("received_on", "id"),
    "-received": ("-received_on", "-id"),
    "number": ("case_number",),
    "-number": ("-case_number",),
    "department": ("department__position", "-received_on"),
    "state": ("state", "-received_on"),
}


# What the complainant reads on the status page: plain language, no internal detail.
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


def letter_to_citizen():
    """The case has a letter to the citizen (an acknowledgement or any other)."""
    return Exists(OutgoingLetter.objects.filter(complaint=OuterRef("pk"), recipient=LetterRecipient.CITIZEN))


def received_in_writing() -> Q:
    """Through a written channel: the cases the reply guarantee applies to."""
    return Q(channel__in=WRITTEN_CHANNELS)


def replied_in_time():
    """The case's first letter to the citizen is dated on or before its reply guarantee's day
    (DOMAIN §9). The date is the letter's in Copenhagen."""
    return Exists(
        OutgoingLetter.objects.filter(
            complaint=OuterRef("pk"),
            recipient=LetterRecipient.CITIZEN,
            sent_at__date__lte=OuterRef("reply_due_on"),
        )
    )


def imported():
    """The case came from the old statistics system (its timeline starts with the import)."""
    return Exists(CaseEvent.objects.filter(complaint=OuterRef("pk"), action=CaseAction.IMPORTED))


def reply_guarantee_missed():
    """Open, past its reply guarantee's day, and no letter to the citizen yet."""
    return Q(state__in=OPEN_STATES, reply_due_on__lt=timezone.localdate()) & ~Q(letter_to_citizen())


def open_access_requests():
    return AccessRequest.objects.filter(complaint=OuterRef("pk"), state=AccessRequest.State.RECEIVED)


# Far enough in the future to stand for "no date" in LEAST (which is NULL with a NULL on SQLite).
NO_DATE = Value(date.max)


def earliest(*names):
    """The earliest of nullable dates, or None when none is set."""
    return NullIf(Least(*(Coalesce(name, NO_DATE) for name in names)), NO_DATE)


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
    responsible=None,
):
    """The jurist's queue: "mine" (I am responsible, open), "unassigned" (open, nobody's),
    "open" (all open) or "all"; ``responsible`` narrows it to one caseworker's cases. Each
    case's next deadline is the earliest of its follow-up date, the department's reply to a
    written inquiry, the reply guarantee while no letter has gone to the citizen, and a request
    for access to documents awaiting its decision."""
    qs = complaints_visible_to(user).select_related("department", "responsible")
    old = timezone.localdate() - timedelta(days=OLD_CASE_DAYS)
    today = timezone.localdate()
    is_open = Q(state__in=OPEN_STATES)
    qs = qs.annotate(
        reply_due=next_reply_due(),
        access_due=Subquery(open_access_requests().order_by("due_on").values("due_on")[:1]),
        guarantee_due=Case(When(is_open & ~Q(letter_to_citizen()), then=F("reply_due_on")), default=None),
    ).annotate(
        next_deadline=Case(
            When(is_open, then=earliest("follow_up_on", "reply_due", "guarantee_due", "access_due")),
            default=None,
        ),
    )
    qs = qs.annotate(
        next_deadline_kind=Case(
            When(next_deadline__isnull=True, then=Value("")),
            When(next_deadline=F("access_due"), then=Value("access")),
            When(next_deadline=F("guarantee_due"), then=Value("guarantee")),
            When(next_deadline=F("reply_due"), then=Value("reply")),
            default=Value("follow_up"),
            output_field=CharField(),
        ),
        follow_up_due=Q(state__in=OPEN_STATES, follow_up_on__lte=today),
        has_new_message=Exists(Incoming.objects.filter(complaint=OuterRef("pk"), seen_at__isnull=True)),
        has_overdue_reply=overdue_reply_exists(),
        guarantee_missed=reply_guarantee_missed(),
        has_overdue_access=Exists(open_access_requests().filter(due_on__lt=today)),
        is_old=Case(
            When(state__in=OPEN_STATES, received_on__lt=old, then=True),
            default=False,
            output_field=BooleanField(),
        ),
    )
    qs = qs.annotate(
        needs_attention=Case(
            When(
                Q(has_overdue_reply=True)
                | Q(guarantee_missed=True)
                | Q(has_overdue_access=True)
                | Q(is_old=True)
                | Q(follow_up_due=True),
                then=True,
            ),
            default=False,
            output_field=BooleanField(),
        )
    )
    if responsible is not None:
        qs = qs.filter(responsible=responsible)
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
        qs = qs.filter(
            Q(has_overdue_reply=True) | Q(is_old=True) | Q(guarantee_missed=True) | Q(has_overdue_access=True)
        )
    if search.strip():
        qs = complaints_matching(qs, search)
    return qs.order_by(*SORTS.get(sort, SORTS["due"]))


def workload() -> dict:
    """Open complaints per caseworker, the overdue among them (a reply past its deadline, or
    open longer than ``OLD_CASE_DAYS``), those past the reply guarantee without a letter to the
    citizen, and the unassigned; and the requests for access to documents awaiting a decision,
    on any kind of case. Four queries, whatever the data."""
    old = timezone.localdate() - timedelta(days=OLD_CASE_DAYS)
    counts = {
        row["responsible"]: row
        for row in Complaint.objects.filter(state__in=OPEN_STATES)
        .values("responsible")
        .annotate(
            open=Count("pk"),
            overdue=Count("pk", filter=Q(overdue_reply_exists()) | Q(received_on__lt=old)),
            guarantee_missed=Count("pk", filter=reply_guarantee_missed()),
        )
        .order_by()
    }
    empty = {"open": 0, "overdue": 0, "guarantee_missed": 0}
    people = [{"person": person, **counts.get(person.pk, empty)} for person in caseworkers()]
    # Cases whose responsible person has left (inactive, or no longer a caseworker): shown
    # together, to be handed on.
    listed = {row["person"].pk for row in people} | {None}
    left = {name: sum(row[name] for pk, row in counts.items() if pk not in listed) for name in empty}
    return {
        "people": people,
        "unassigned": counts.get(None, empty),
        "left": left,
        "old_days": OLD_CASE_DAYS,
        "access_requests": access_requests_awaiting(),
    }


def access_requests_awaiting():
    """Requests for access to documents awaiting a decision, on complaints, consultations and
    supervisions alike, the earliest deadline first (one query)."""
    return (
        AccessRequest.objects.filter(state=AccessRequest.State.RECEIVED)
        .select_related("complaint__responsible", "consultation__responsible", "supervision__responsible")
        .order_by("due_on", "id")
    )


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

"""Reads for complaints and consultations. Query counts do not grow with the data: lists
select their related rows in the same query and compute "overdue" in the database."""

from datetime import date, datetime, time, timedelta

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
from django.db.models.functions import Coalesce, Least, NullIf
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import search
from core.disqualification import case_or_404
from core.models import AccessRequest
from core.roles import Role

from .models import (
    OPEN_STATES,
    WRITTEN_CHANNELS,
    CaseEvent,
    Complaint,
    Consultation,
    DiscriminationGround,
    Incoming,
    IncomingChannel,
    LetterRecipient,
    LetterTemplate,
    Outcome,
    OutgoingLetter,
    State,
    Track,
    WrittenInquiry,
    information_reply_by,
    normalise_cpr,
)
from .permissions import complaints_visible_to, consultations_visible_to

OLD_CASE_DAYS = 30
PAGE_SIZE = 25

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
    return Exists(CaseEvent.objects.filter(complaint=OuterRef("pk"), action="imported"))


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


def caseworkers():
    """The people who can be responsible for a case: active jurists and the head, by name."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=[Role.JURIST, Role.HEAD])
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


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


def consultations_found(user, q: str):
    """The search page's consultations and teaching cases."""
    return search.matching(
        consultations_visible_to(user).select_related("department"),
        q,
        words=("topic", "follow_up_reason"),
        identifiers=("case_number",),
        note_field="consultation",
    ).order_by("-received_on", "-id")


def complaint_for_user_or_404(user, pk=None, **lookup) -> Complaint:
    """The complaint by ``pk`` (or another unique ``lookup``) if ``user`` may see it; 403 with
    the number alone where they are disqualified on it; else 404."""
    lookup = {"pk": pk} if pk is not None else lookup
    return case_or_404(
        complaints_visible_to(user).select_related("department", "unit", "responsible"), user, **lookup
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


def public_timeline(complaint: Complaint, letters=()) -> list[dict]:
    """The status page's timeline: dates and plain-language stages, the letters sent to the
    citizen and what the citizen sent us through the link (their own words, so they can see
    what they sent) — never notes, staff or mail from others. Three queries."""
    events = (
        CaseEvent.objects.filter(complaint=complaint)
        .filter(Q(action__in=["created", "imported", *PUBLIC_EVENTS]) | ~Q(from_state=F("to_state")))
        .exclude(action__in=["message_received", "letter_sent"])
        .order_by("at", "id")
        .values_list("at", "action", "to_state")
    )
    timeline = []
    for at, action, to_state in events:
        text = PUBLIC_EVENTS.get(action) or (PUBLIC_STAGE.get(State(to_state), "") if to_state else "")
        if text:
            timeline.append({"at": at, "text": text})
    for letter in letters:
        timeline.append(
            {"at": letter.sent_at, "text": _("We sent you a letter: %(title)s") % {"title": letter.title}}
        )
    sent = Incoming.objects.filter(complaint=complaint, channel=IncomingChannel.STATUS_PAGE).select_related(
        "attachment"
    )
    for message in sent:
        timeline.append(
            {
                "at": message.received_at,
                "text": _("You sent us a message."),
                "own_words": message.text,
                "file": message.attachment.original_name if message.attachment_id else "",
            }
        )
    return sorted(timeline, key=lambda item: item["at"])


def public_waiting_for_citizen(complaint: Complaint, letters) -> date | None:
    """The day by which we wait for the citizen's answer: the case is open, its latest letter to
    the citizen asks for information, and nothing has come from them since."""
    if complaint.is_final or not letters:
        return None
    latest = max(letters, key=lambda letter: letter.sent_at)
    if latest.code != LetterTemplate.Code.INFORMATION_REQUEST:
        return None
    if complaint.incoming.filter(received_at__gt=latest.sent_at).exists():
        return None
    return information_reply_by(timezone.localtime(latest.sent_at).date())


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


def reply_guarantee(complaint: Complaint) -> dict | None:
    """The case's reply guarantee: the day it runs out, the day of the first letter to the
    citizen, and whether it was met or missed (an open case past the day without a letter)."""
    if complaint.reply_due_on is None:
        return None
    first = (
        complaint.letters.filter(recipient=LetterRecipient.CITIZEN)
        .order_by("sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )
    answered_on = timezone.localtime(first).date() if first else None
    due = complaint.reply_due_on
    missed = answered_on > due if answered_on else (not complaint.is_final and timezone.localdate() > due)
    return {
        "due": due,
        "answered_on": answered_on,
        "met": bool(answered_on and answered_on <= due),
        "missed": missed,
    }


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
    return case_or_404(consultations_visible_to(user).select_related("department"), user, pk=pk)


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


# --- the case page ---------------------------------------------------------------------------

# Timeline rows of things the page shows as themselves (the letter, the message, the contact):
# their event rows would say the same twice.
SHOWN_AS_RECORDS = ("letter_sent", "message_received", "incoming_registered", "mediation_round")

TIMELINE_KINDS = {
    "notes": _("Notes and calls"),
    "letters": _("Letters"),
    "incoming": _("Incoming mail"),
    "shuttle": _("Shuttle contacts"),
    "events": _("Steps in the case"),
}


def case_page_timeline(*, events, notes, letters, incoming, rounds, new_ids=(), show: str = "") -> list[dict]:
    """One timeline of the case, newest first: steps, notes and calls, letters, incoming mail and
    shuttle contacts, each with its kind (``TIMELINE_KINDS``); ``show`` keeps one kind. A
    message the caseworker had not seen before opening the page is marked new. Built from the
    rows the page has already read: no query of its own."""
    rows = []
    if show in ("", "events"):
        rows += [
            {"kind": "events", "at": e.at, "event": e} for e in events if e.action not in SHOWN_AS_RECORDS
        ]
    if show in ("", "notes"):
        rows += [{"kind": "notes", "at": n.at, "note": n} for n in notes]
    if show in ("", "letters"):
        rows += [{"kind": "letters", "at": letter.sent_at, "letter": letter} for letter in letters]
    if show in ("", "incoming"):
        rows += [
            {"kind": "incoming", "at": m.received_at, "message": m, "new": m.pk in new_ids} for m in incoming
        ]
    if show in ("", "shuttle"):
        rows += [
            {"kind": "shuttle", "at": timezone.make_aware(datetime.combine(r.held_on, time(12))), "round": r}
            for r in rounds
        ]
    return sorted(rows, key=lambda row: row["at"], reverse=True)


def case_header(user, complaint: Complaint, today=None) -> dict:
    """What the case page's header says at a glance: days open and the next deadline with what
    it is for — computed by the queue's own annotations (``complaint_queue``), one query, so the
    page and "Mine sager" can never disagree."""
    today = today or timezone.localdate()
    end = complaint.closed_on if complaint.is_final and complaint.closed_on else today
    row = (
        complaint_queue(user, scope="all")
        .filter(pk=complaint.pk)
        .values("next_deadline", "next_deadline_kind")
        .first()
    ) or {"next_deadline": None, "next_deadline_kind": ""}
    due = row["next_deadline"]
    return {
        "days_open": (end - complaint.received_on).days,
        "next_deadline": due,
        "next_deadline_kind": row["next_deadline_kind"],
        "overdue": due is not None and due < today,
    }

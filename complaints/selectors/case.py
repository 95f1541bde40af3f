"""One case: finding it for a user (404 or 403), its timeline, its reply guarantee, its page's
timeline and header."""

from datetime import datetime, time

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.disqualification import case_or_404

from ..models import (
    OPEN_STATES,
    CaseAction,
    Complaint,
    LetterRecipient,
)
from ..permissions import complaints_visible_to
from .queue import OLD_CASE_DAYS, complaint_queue


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


# --- the case page ---------------------------------------------------------------------------

# Timeline rows of things the page shows as themselves (the letter, the message, the contact):
# their event rows would say the same twice.
SHOWN_AS_RECORDS = (
    CaseAction.LETTER_SENT,
    CaseAction.MESSAGE_RECEIVED,
    CaseAction.INCOMING_REGISTERED,
    CaseAction.MEDIATION_ROUND,
)

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

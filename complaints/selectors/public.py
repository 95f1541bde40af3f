"""What the citizen's status page shows: the stage and outcome in plain words, the timeline without
internal notes, what we wait for from them and the next step."""

from datetime import date

from django.db.models import (
    F,
    Q,
)
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..models import (
    CaseAction,
    CaseEvent,
    Complaint,
    Incoming,
    IncomingChannel,
    LetterTemplate,
    State,
    information_reply_by,
)

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


# Events that are no change of stage but that the citizen is told of (without any note).
PUBLIC_EVENTS = {
    CaseAction.MESSAGE_RECEIVED: _("We have received your message."),
    CaseAction.TAKEN: _("A caseworker has taken your case."),
    CaseAction.REASSIGNED: _("Your case has a new caseworker."),
}


def public_timeline(complaint: Complaint, letters=()) -> list[dict]:
    """The status page's timeline: dates and plain-language stages, the letters sent to the
    citizen and what the citizen sent us through the link (their own words, so they can see
    what they sent) — never notes, staff or mail from others. Three queries."""
    events = (
        CaseEvent.objects.filter(complaint=complaint)
        .filter(
            Q(action__in=[CaseAction.CREATED, CaseAction.IMPORTED, *PUBLIC_EVENTS])
            | ~Q(from_state=F("to_state"))
        )
        .exclude(action__in=[CaseAction.MESSAGE_RECEIVED, CaseAction.LETTER_SENT])
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

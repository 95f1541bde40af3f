"""Writes for complaints. Views, commands and imports call only these.

``complaint_transition`` is the single entry point for a workflow move (STYLE.md): it locks
the row, checks that the case is still in the state the user saw, checks the permission
and the guards (with a Danish reason), applies the move, validates, saves, writes the
timeline row and — after commit — tells the complainant.
"""

import logging
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core import deadlines, workflow
from core.disqualification import ensure_may_be_responsible
from core.numbering import next_case_number
from core.workflow import system_text
from ops.uploads import validate_upload

from . import letters, notifications, permissions
from .models import (
    Attachment,
    CaseAction,
    CaseEvent,
    Complaint,
    ComplaintPoint,
    Incoming,
    IncomingChannel,
    LetterRecipient,
    LetterTemplate,
    MediationRound,
    OutgoingLetter,
    Reminder,
    Satisfaction,
    WrittenInquiry,
    reply_due,
)

logger = logging.getLogger(__name__)

SURVEY_DAYS = 30
IMPORTED_NOTE = gettext_lazy("Imported from the old statistics system.")
REASSIGNED_NOTE = gettext_lazy("New caseworker: %(name)s. Reason: %(reason)s")


ConflictError = workflow.ConflictError
available_actions = workflow.available_actions
blocked_actions = workflow.blocked_actions


def ui_actions() -> frozenset[str]:
    return workflow.ui_actions(Complaint)


@transaction.atomic
def complaint_transition(
    *,
    complaint: Complaint,
    action: str,
    by,
    note: str = "",
    expected_state: str | None = None,
    fields: dict | None = None,
    closed_on: date | None = None,
    notify: bool = True,
) -> Complaint:
    """Apply workflow move ``action`` to ``complaint`` as user ``by``.

    ``fields`` are set before the guards run (the closure data, a rejection reason). Raises
    ``ConflictError`` if the case is no longer in ``expected_state``, ``TransitionNotAllowed``
    if the move does not exist from the present state, ``PermissionDenied``, or
    ``ValidationError`` with a Danish message when a guard or validation fails. Nothing is
    written unless everything succeeds.
    """
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    fields = dict(fields or {})
    consequences = fields.pop("consequences", None)
    assessments = fields.pop("point_assessments", None) or {}
    if assessments:
        for point in locked.points.all():
            if point.pk in assessments:
                point.assessment = assessments[point.pk]
                point.full_clean()
                point.save(update_fields=["assessment"])
    kwargs = {}
    if closed_on is not None and action in {"advise", "forward", "reject", "close"}:
        kwargs["closed_on"] = closed_on
    if action == "end_mediation":
        # The result is the move's argument: the guard must see the case as it was before it.
        kwargs["result"] = fields.pop("mediation_result", "")
    if action == "reopen" and not note.strip():
        raise ValidationError(_("Give a reason for reopening the case."))
    from_state = workflow.apply_transition(
        locked, action=action, by=by, expected_state=expected_state, fields=fields, kwargs=kwargs
    )
    if consequences is not None:
        locked.consequences.set(consequences)
    CaseEvent.objects.create(
        complaint=locked, actor=by, action=action, from_state=from_state, to_state=locked.state, note=note
    )
    if notify and locked.contact_email and from_state != locked.state:
        notifications.send_state_changed(locked)
    return locked


def _log(complaint: Complaint, by, action: str, note: str = "") -> None:
    """The timeline row every write on a complaint leaves (in the write's transaction)."""
    workflow.refuse_if_personal_data_deleted(complaint)
    CaseEvent.objects.create(
        complaint=complaint,
        actor=by,
        action=action,
        from_state=complaint.state,
        to_state=complaint.state,
        note=note,
    )


@transaction.atomic
def complaint_create(*, by=None, points=(), notify: bool = True, imported: bool = False, **data) -> Complaint:
    """Register a new complaint or inquiry in state ``received`` with a new case number.

    ``points`` is a list of ``(theme, description)``. Used by the intake form, the public
    form (``by=None``) and the import.
    """
    others = data.pop("other_departments", None)
    complaint = Complaint(case_number=next_case_number(), **data)
    complaint.reply_due_on = reply_due(complaint.received_on, complaint.channel)
    if complaint.responsible_id is None and by is not None and permissions.can_handle_complaints(by):
        complaint.responsible = by
    complaint.full_clean(exclude=["state"])
    complaint.save()
    if others:
        complaint.other_departments.set(others)
    for theme, description in points:
        ComplaintPoint.objects.create(complaint=complaint, theme=theme, description=description)
    CaseEvent.objects.create(
        complaint=complaint,
        actor=by,
        action=CaseAction.IMPORTED if imported else CaseAction.CREATED,
        to_state=complaint.state,
        note=system_text(IMPORTED_NOTE) if imported else "",
    )
    if notify and complaint.contact_email:
        notifications.send_receipt(complaint)
    return complaint


@transaction.atomic
def complaint_update(*, complaint: Complaint, by, data: dict, consequences=None) -> Complaint:
    """Edit the case data (not the state). Logged on the timeline, without the values."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    data = dict(data)
    others = data.pop("other_departments", None)
    for name, value in data.items():
        setattr(locked, name, value)
    if "received_on" in data or "channel" in data:
        locked.reply_due_on = reply_due(locked.received_on, locked.channel)
    locked.full_clean(exclude=["state"])
    locked.save()
    if consequences is not None:
        locked.consequences.set(consequences)
    if others is not None:
        locked.other_departments.set(others)
    _log(locked, by, CaseAction.UPDATED)
    return locked


@transaction.atomic
def complaint_point_add(*, complaint: Complaint, by, theme, description: str = "") -> ComplaintPoint:
    point = ComplaintPoint(complaint=complaint, theme=theme, description=description)
    point.full_clean()
    point.save()
    _log(complaint, by, CaseAction.POINT_ADDED, str(theme))
    return point


@transaction.atomic
def inquiry_send(*, complaint: Complaint, by, sent_on: date, reply_due: date) -> WrittenInquiry:
    inquiry = deadlines.send(WrittenInquiry(complaint=complaint, sent_on=sent_on, due_on=reply_due))
    _log(complaint, by, CaseAction.INQUIRY_SENT)
    return inquiry


# The written inquiry's reminders and reply follow core.deadlines, as the hearing round's do.
INQUIRY_ACTIONS = (CaseAction.REMINDER_SENT, CaseAction.REMINDER_CORRECTED, CaseAction.REPLY_RECEIVED)
INQUIRIES = deadlines.DeadlineKind("inquiry", Reminder, _log, INQUIRY_ACTIONS)


@transaction.atomic
def mediation_consent_record(*, complaint: Complaint, by, party: str, given_on: date) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    field = {"citizen": "citizen_consent_on", "department": "department_consent_on"}[party]
    setattr(locked, field, given_on)
    locked.full_clean(exclude=["state"])
    locked.save(update_fields=[field, "updated_at"])
    _log(locked, by, CaseAction(f"consent_{party}"))
    return locked


@transaction.atomic
def complaint_take(*, complaint: Complaint, by) -> Complaint:
    """``by`` becomes the responsible caseworker of an open case nobody has taken. Two jurists
    taking the same case at once: the second is told who was first."""
    # Lock the case row only (PostgreSQL refuses FOR UPDATE on the nullable side of the join).
    locked = (
        Complaint.objects.select_for_update(of=("self",)).select_related("responsible").get(pk=complaint.pk)
    )
    if locked.is_final:
        raise ValidationError(_("The case is closed."))
    if locked.responsible_id and locked.responsible_id != by.pk:
        name = locked.responsible.get_full_name() or locked.responsible.get_username()
        raise ValidationError(_("%(name)s has already taken the case.") % {"name": name})
    ensure_may_be_responsible(locked, by)
    if locked.responsible_id != by.pk:
        locked.responsible = by
        locked.save(update_fields=["responsible", "updated_at"])
        _log(locked, by, CaseAction.TAKEN)
    return locked


@transaction.atomic
def complaint_reassign(*, complaint: Complaint, by, to, reason: str) -> Complaint:
    """Hand an open case to another caseworker. The reason stays internal (the timeline); the
    citizen is told the new caseworker's first name on the status page and by e-mail."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if locked.is_final:
        raise ValidationError(_("The case is closed."))
    if not permissions.can_handle_complaints(to):
        raise ValidationError(_("Only a jurist or the head can be responsible for a case."))
    if locked.responsible_id == to.pk:
        raise ValidationError(_("That caseworker is already responsible for the case."))
    ensure_may_be_responsible(locked, to)
    if not reason.strip():
        raise ValidationError(_("Give the reason for the change."))
    locked.responsible = to
    locked.save(update_fields=["responsible", "updated_at"])
    name = to.get_full_name() or to.get_username()
    _log(locked, by, CaseAction.REASSIGNED, system_text(REASSIGNED_NOTE, name=name, reason=reason.strip()))
    if locked.contact_email:
        notifications.send_caseworker_changed(locked)
    return locked


@transaction.atomic
def mediation_round_add(
    *, complaint: Complaint, by, party: str, held_on: date, summary: str
) -> MediationRound:
    if complaint.is_final:
        raise ValidationError(_("Shuttle contacts can only be logged on an open case."))
    mediation_round = MediationRound(complaint=complaint, party=party, held_on=held_on, summary=summary)
    mediation_round.full_clean()
    mediation_round.save()
    _log(complaint, by, CaseAction.MEDIATION_ROUND)
    return mediation_round


@transaction.atomic
def attachment_add(*, complaint: Complaint, by, upload) -> Attachment:
    content_type = validate_upload(upload)
    attachment = Attachment(
        complaint=complaint,
        original_name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    attachment.file.save("upload", upload, save=False)
    attachment.save()
    _log(complaint, by if getattr(by, "is_authenticated", False) else None, CaseAction.ATTACHMENT_ADDED)
    return attachment


MAX_MESSAGE = 5000


@transaction.atomic
def incoming_from_citizen(*, complaint: Complaint, text: str, upload=None) -> Incoming:
    """A message or document the citizen sends through the status link: filed on the case, on
    both timelines, and the responsible caseworker is told (the case number only)."""
    text = text.strip()
    if not text and upload is None:
        raise ValidationError({"text": _("Write a message or choose a file.")})
    if len(text) > MAX_MESSAGE:
        raise ValidationError(
            {"text": _("The message can be at most %(n)s characters.") % {"n": MAX_MESSAGE}}
        )
    attachment = attachment_add(complaint=complaint, by=None, upload=upload) if upload is not None else None
    incoming = Incoming.objects.create(
        complaint=complaint,
        channel=IncomingChannel.STATUS_PAGE,
        sender=complaint.person_name or complaint.get_requester_display(),
        text=text,
        attachment=attachment,
    )
    _log(complaint, None, CaseAction.MESSAGE_RECEIVED)
    notifications.tell_caseworker_of_message(complaint)
    return incoming


@transaction.atomic
def incoming_register(
    *, complaint: Complaint, by, received_on: date, channel: str, sender: str, text: str = "", upload=None
) -> Incoming:
    """An e-mail or letter the jurist files on the case, with its date, sender and file."""
    if not text.strip() and upload is None:
        raise ValidationError({"text": _("Write what was received or choose the file.")})
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The date received cannot be in the future.")})
    attachment = attachment_add(complaint=complaint, by=by, upload=upload) if upload is not None else None
    received_at = timezone.make_aware(datetime.combine(received_on, time.min))
    incoming = Incoming(
        complaint=complaint,
        received_at=received_at,
        channel=channel,
        sender=sender,
        text=text.strip(),
        attachment=attachment,
        registered_by=by,
        seen_at=timezone.now(),
    )
    incoming.full_clean()
    incoming.save()
    _log(complaint, by, CaseAction.INCOMING_REGISTERED, sender)
    return incoming


# The letters a jurist sends from the case page (the written inquiry has its own form, with
# its deadline).
SENDABLE_LETTERS = (*LetterTemplate.TO_CITIZEN, LetterTemplate.Code.FORWARDING_DEPARTMENT)


@transaction.atomic
def letter_send(*, complaint: Complaint, by, code: str, free_text: str = "") -> OutgoingLetter:
    """Write letter ``code`` from its template and the jurist's own text, keep it (text and PDF)
    on the case and its timeline; a letter to the citizen is on the status page, and an e-mail
    (without its text) says so where there is an address. A letter that would miss what it
    states (the department, the reason, the outcome) is refused."""
    if code not in SENDABLE_LETTERS:
        raise ValidationError({"code": _("Choose one of the letters.")})
    to_citizen = code in LetterTemplate.TO_CITIZEN
    if not to_citizen and complaint.department_id is None:
        raise ValidationError(_("Choose the department the complaint concerns first."))
    if code == LetterTemplate.Code.INFORMATION_REQUEST and not free_text.strip():
        raise ValidationError({"free_text": _("Write which information the citizen should send.")})
    if code == LetterTemplate.Code.FORWARDING_CITIZEN and complaint.department_id is None:
        raise ValidationError(_("Choose the department the complaint concerns first."))
    if code == LetterTemplate.Code.REJECTION and not complaint.rejection_reason:
        raise ValidationError(_("The letter states the reason for the rejection: reject the case first."))
    if code in (LetterTemplate.Code.CLOSING, LetterTemplate.Code.STATEMENT) and not complaint.outcome:
        raise ValidationError(_("The letter states the outcome: choose it when closing the case first."))
    title, body = letters.compose(code, complaint, free_text=free_text)
    body = "\n\n".join(part.strip() for part in body.split("\n\n") if part.strip())
    letter = OutgoingLetter(
        complaint=complaint,
        code=code,
        recipient=LetterRecipient.CITIZEN if to_citizen else LetterRecipient.DEPARTMENT,
        title=title[:300],
        body=body,
        sent_by=by,
        emailed=to_citizen and bool(complaint.contact_email),
    )
    letter.full_clean(exclude=["pdf"])
    letter.pdf.save("letter.pdf", ContentFile(letters.render_body(code, complaint, title, body)), save=False)
    try:
        letter.save()
    except Exception:
        letter.pdf.delete(save=False)  # no PDF with personal data that nothing refers to
        raise
    _log(complaint, by, CaseAction.LETTER_SENT, title)
    if letter.emailed:
        notifications.send_letter(complaint, letter)
    return letter


@transaction.atomic
def status_link_send(*, complaint: Complaint, email: str) -> None:
    """The receipt page's offer: the status link by e-mail. The address becomes the case's
    contact address when it has none, so news of the case reaches it too."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if not locked.contact_email:
        locked.contact_email = email
        locked.save(update_fields=["contact_email", "updated_at"])
        _log(locked, None, CaseAction.CONTACT_ADDED)
    notifications.send_receipt(locked, to=email)


def incoming_seen(*, complaint: Complaint, by) -> int:
    """The responsible caseworker has opened the case: its new messages are seen."""
    if complaint.responsible_id != by.pk:
        return 0
    return complaint.incoming.filter(seen_at__isnull=True).update(seen_at=timezone.now())


def survey_open(complaint: Complaint, today: date | None = None) -> bool:
    """The satisfaction survey is open from closure until 30 days after, once."""
    today = today or timezone.localdate()
    return (
        complaint.is_final
        and not complaint.satisfaction
        and complaint.closed_on is not None
        and (today - complaint.closed_on).days <= SURVEY_DAYS
    )


@transaction.atomic
def complaint_survey_answer(*, complaint: Complaint, answer: str) -> Complaint:
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    if answer not in Satisfaction.values:
        raise ValidationError(_("Choose one of the answers."))
    if not survey_open(locked):
        raise ValidationError(_("The survey for this case is closed."))
    locked.satisfaction = answer
    locked.satisfaction_answered_on = timezone.localdate()
    locked.save(update_fields=["satisfaction", "satisfaction_answered_on", "updated_at"])
    _log(locked, None, CaseAction.SURVEY_ANSWERED)
    return locked

"""Writes for the whistleblower scheme. ``report_transition`` is the one entry point for a
workflow move. Nothing here logs content, identities or client addresses."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from core import workflow
from ops.uploads import validate_upload

from . import cleaning, receipts
from .crypto import decrypt_bytes, encrypt_bytes
from .models import (
    ACK_DAYS,
    FEEDBACK_MONTHS,
    SUMMARY_MAX_LENGTH,
    AccessAction,
    AccessLog,
    Matter,
    Message,
    MessageKind,
    Report,
    ReportAction,
    ReportEvent,
    ReportFile,
    ReportPersons,
    Sender,
    add_months,
)
from .numbering import next_report_reference

ConflictError = workflow.ConflictError
available_actions = workflow.available_actions
# All the files of one report together (each file is at most ops.uploads.MAX_BYTES).
MAX_REPORT_FILES_BYTES = 50 * 1024 * 1024
blocked_actions = workflow.blocked_actions


def ui_actions() -> frozenset[str]:
    return workflow.ui_actions(Report)


@transaction.atomic
def report_submit(
    *,
    body: str,
    where: str = "",
    when: str = "",
    department=None,
    third_persons: str = "",
    reporter_name: str = "",
    reporter_contact: str = "",
    wants_acknowledgement: bool = True,
    channel: str = "portal",
    subject: str = "",
    language: str = "da",
    by=None,
) -> tuple[Report, str]:
    """A new report; returns it and its receipt code (shown once, never stored). ``subject`` is
    the reporter's proposal; the unit writes its own at triage."""
    if not body.strip():
        raise ValidationError({"body": [_("Describe what happened.")]})
    code, locator, hashed = receipts.new_code()
    report = Report(
        reference=next_report_reference(),
        channel=channel,
        language=language if language in ("da", "en") else "da",
        proposed_subject=subject.strip(),
        body=body,
        where=where,
        when=when,
        department=department,
        wants_acknowledgement=wants_acknowledgement,
        receipt_locator=locator,
        receipt_hash=hashed,
    )
    report.refresh_next_due()
    report.full_clean(exclude=["state"])
    report.save()
    ReportPersons.objects.create(
        report=report,
        reporter_name=reporter_name,
        reporter_contact=reporter_contact,
        third_persons=third_persons,
    )
    ReportEvent.objects.create(
        report=report,
        actor=by if getattr(by, "is_authenticated", False) else None,
        action=ReportAction.RECEIVED,
        to_state=report.state,
    )
    return report, code


def report_by_receipt(code: str) -> Report | None:
    """The report a receipt code opens, or None. Always costs one Argon2 verify."""
    parts = receipts.split(code)
    locator, secret = parts if parts else ("", "")
    report = Report.objects.filter(receipt_locator=locator).first() if locator else None
    if receipts.verify(report.receipt_hash if report else None, secret) and report is not None:
        return report
    return None


@transaction.atomic
def reporter_message(*, report: Report, body: str) -> Message:
    if not body.strip():
        raise ValidationError({"body": [_("Write your message.")]})
    # Locked, so a message cannot slip in while the unit closes the report at the same moment.
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.state in ("closed", "rejected"):
        raise ValidationError(
            _("The case is closed. Contact the whistleblower unit if you have new information.")
        )
    message = Message.objects.create(
        report=report, sender=Sender.REPORTER, kind=MessageKind.ANSWER, body=body
    )
    ReportEvent.objects.create(
        report=report, action=ReportAction.REPORTER_MESSAGE, from_state=report.state, to_state=report.state
    )
    return message


@transaction.atomic
def unit_message(*, report: Report, by, kind: str, body: str) -> Message:
    if not body.strip():
        raise ValidationError({"body": [_("Write the message.")]})
    message = Message.objects.create(report=report, sender=Sender.UNIT, kind=kind, body=body, author=by)
    ReportEvent.objects.create(
        report=report, actor=by, action=f"message_{kind}", from_state=report.state, to_state=report.state
    )
    return message


MESSAGE_OF = {
    "acknowledge": MessageKind.ACKNOWLEDGEMENT,
    "conclude": MessageKind.FEEDBACK,
    "reject": MessageKind.REJECTION,
}


@transaction.atomic
def report_transition(
    *,
    report: Report,
    action: str,
    by,
    expected_state: str | None = None,
    message: str = "",
    themes=(),
    fields: dict | None = None,
) -> Report:
    """Apply move ``action``. Acknowledgement, feedback and rejection go to the reporter as a
    message in the same transaction; triage records the matters' themes."""
    locked = Report.objects.select_for_update().get(pk=report.pk)
    if action in ("conclude", "reject") and not message.strip():
        raise ValidationError(
            _("Write the feedback to the reporter: the action taken or envisaged, and why.")
        )
    if action == "triage" and themes:
        locked.matters.all().delete()
        Matter.objects.bulk_create(Matter(report=locked, theme=t) for t in themes)
    from_state = workflow.apply_transition(
        locked, action=action, by=by, expected_state=expected_state, fields=dict(fields or {}), kwargs={}
    )
    locked.refresh_next_due()
    Report.objects.filter(pk=locked.pk).update(next_due=locked.next_due)
    ReportEvent.objects.create(
        report=locked, actor=by, action=action, from_state=from_state, to_state=locked.state
    )
    if message.strip() and action in MESSAGE_OF:
        Message.objects.create(
            report=locked, sender=Sender.UNIT, kind=MESSAGE_OF[action], body=message, author=by
        )
    return locked


# One "opened" row per member per report per viewing session: a reload within this time after
# the last opening adds none. Every other action (a file, the identity) is logged each time.
VIEWING_SESSION = timedelta(minutes=30)


def log_access(*, report: Report, by, action: str = "opened", reason: str = "") -> None:
    if (
        action == "opened"
        and AccessLog.objects.filter(
            report=report, actor=by, action="opened", at__gte=timezone.now() - VIEWING_SESSION
        ).exists()
    ):
        return
    AccessLog.objects.create(report=report, actor=by, action=action, reason=reason)


@transaction.atomic
def identity_open(*, report: Report, by, reason: str) -> ReportPersons:
    """Opening the reporter's identity is a separate action, logged with its reason."""
    if not reason.strip():
        raise ValidationError(_("Give the reason for opening the identity."))
    log_access(report=report, by=by, action="identity_opened", reason=reason)
    return report.persons


def latest_start_for(due_by: date, months: int) -> date:
    """The last day ``d`` with ``add_months(d, months) <= due_by`` (add_months never goes
    backwards, so every earlier start is due by then too)."""
    day = add_months(due_by, -months)
    while add_months(day + timedelta(days=1), months) <= due_by:
        day += timedelta(days=1)
    while add_months(day, months) > due_by:
        day -= timedelta(days=1)
    return day


def due_soon(today) -> dict[str, int]:
    """How many acknowledgements fall due within 2 days and feedbacks within 14 days — counted
    in the database (one query): an acknowledgement is due 7 days after receipt, the feedback
    3 months after the acknowledgement or, without one, after the 7-day mark."""
    ack_by = today + timedelta(days=2) - timedelta(days=ACK_DAYS)
    start_by = latest_start_for(today + timedelta(days=14), FEEDBACK_MONTHS)
    feedback_due = Q(acknowledged_on__isnull=False, acknowledged_on__lte=start_by) | Q(
        acknowledged_on__isnull=True, received_on__lte=start_by - timedelta(days=ACK_DAYS)
    )
    return Report.objects.exclude(state__in=["concluded", "closed", "rejected"]).aggregate(
        acknowledgements=Count(
            "pk", filter=Q(state="received", wants_acknowledgement=True, received_on__lte=ack_by)
        ),
        feedback=Count("pk", filter=feedback_due),
    )


@transaction.atomic
def report_file_add(*, report: Report, upload, sender: str) -> ReportFile:
    """Validate (size, type, content) and store a file encrypted; the name is encrypted too."""
    content_type = validate_upload(upload)
    # Locked, so that two uploads at once cannot both squeeze under the total.
    Report.objects.select_for_update().filter(pk=report.pk).first()
    already = report.files.aggregate(total=Sum("size"))["total"] or 0
    if already + upload.size > MAX_REPORT_FILES_BYTES:
        raise ValidationError(
            _(
                "The report's files may be at most %(limit)s MB in all; this file would make "
                "them %(total)s MB. Send a smaller file, or tell us about it in a message."
            )
            % {
                "limit": MAX_REPORT_FILES_BYTES // (1024 * 1024),
                "total": -(-(already + upload.size) // (1024 * 1024)),
            }
        )
    upload.seek(0)
    stored = ReportFile(
        report=report,
        name=upload.name[:255],
        content_type=content_type,
        size=upload.size,
        sender=sender,
        clean_status=cleaning.status_at_upload(content_type),
    )
    # The original is kept as sent, encrypted. The copy without its hidden information (GPS
    # position, author, …) is made by the worker, out of the request (whistleblower.cleaning).
    stored.blob.save("file", ContentFile(encrypt_bytes(upload.read())), save=False)
    stored.save()
    cleaning.request_cleaning(stored)
    ReportEvent.objects.create(
        report=report, action=ReportAction.FILE_ADDED, from_state=report.state, to_state=report.state
    )
    return stored


def report_file_content(stored, *, original: bool = True) -> bytes:
    """A file's content, decrypted: the original, or (``original=False``) what the unit opens by
    default — the cleaned copy where one was made, else (plain text) the original."""
    blob = stored.blob if original or not stored.cleaned_blob else stored.cleaned_blob
    with blob.open("rb") as handle:
        return decrypt_bytes(handle.read())


@transaction.atomic
def report_register_oral(
    *, by, channel: str, oral_record: str, reporter_approved_record: bool = False, **data
) -> tuple[Report, str]:
    """An oral report (phone or meeting), registered by the unit as a transcript or minutes
    (directive art. 18); the flag says whether the reporter has checked and approved it."""
    if channel not in ("phone", "meeting", "letter"):
        raise ValidationError({"channel": [_("An oral report comes by phone or at a meeting.")]})
    if not oral_record.strip():
        raise ValidationError({"oral_record": [_("Write the transcript or the minutes.")]})
    report, code = report_submit(body=data.pop("body", "") or oral_record, channel=channel, by=by, **data)
    Report.objects.filter(pk=report.pk).update(
        oral_record=oral_record, reporter_approved_record=reporter_approved_record
    )
    report.refresh_from_db()
    return report, code


@transaction.atomic
def record_approved(*, report: Report, by) -> Report:
    Report.objects.filter(pk=report.pk).update(reporter_approved_record=True)
    ReportEvent.objects.create(
        report=report,
        actor=by,
        action=ReportAction.RECORD_APPROVED,
        from_state=report.state,
        to_state=report.state,
    )
    report.refresh_from_db()
    return report


@transaction.atomic
def identity_disclose(*, report: Report, by, recipient: str, reason: str) -> None:
    """Disclosing the reporter's identity (only where the law requires it) needs a reasoned
    written notice to the reporter first; the disclosure is logged with its reason."""
    if not report.messages.filter(kind=MessageKind.NOTICE, sender="unit").exists():
        raise ValidationError(
            _("Send the reporter a reasoned written notice before the identity is disclosed.")
        )
    if not (recipient.strip() and reason.strip()):
        raise ValidationError(_("Give the recipient and the reason for the disclosure."))
    log_access(report=report, by=by, action=AccessAction.IDENTITY_DISCLOSED, reason=f"{recipient}: {reason}")
    ReportEvent.objects.create(
        report=report,
        actor=by,
        action=ReportAction.IDENTITY_DISCLOSED,
        from_state=report.state,
        to_state=report.state,
    )


@transaction.atomic
def notes_update(*, report: Report, by, notes: str) -> Report:
    """The unit's investigation notes (encrypted; never shown to the reporter)."""
    Report.objects.filter(pk=report.pk).update(notes=notes)
    ReportEvent.objects.create(
        report=report,
        actor=by,
        action=ReportAction.NOTES_UPDATED,
        from_state=report.state,
        to_state=report.state,
    )
    report.refresh_from_db()
    return report


def summary_clean(summary: str) -> str:
    """The summary as one line (inner whitespace and line breaks collapsed), or a Danish error
    when it is longer than ``SUMMARY_MAX_LENGTH``."""
    line = " ".join((summary or "").split())
    if len(line) > SUMMARY_MAX_LENGTH:
        raise ValidationError(
            {
                "summary": [
                    _("Keep the summary to one line of at most %(n)s characters.") % {"n": SUMMARY_MAX_LENGTH}
                ]
            }
        )
    return line


@transaction.atomic
def summary_update(*, report: Report, by, summary: str) -> Report:
    """The unit's anonymised one-line summary for the annual account (it survives the purge).
    The timeline says that it was saved and by whom, never what it says."""
    line = summary_clean(summary)
    if line == report.summary:
        return report  # nothing changed: no timeline row
    Report.objects.filter(pk=report.pk).update(summary=line)
    ReportEvent.objects.create(
        report=report,
        actor=by,
        action=ReportAction.SUMMARY_UPDATED,
        from_state=report.state,
        to_state=report.state,
    )
    report.refresh_from_db()
    return report

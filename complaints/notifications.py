"""E-mails to the complainant. Subjects carry the case number only — never a CPR number or
a name — and bodies hold no internal notes.

Mail goes through the outbox (ops.outbox): written with the action, delivered by a worker with
retries. If it fails for good, the case's timeline says that the complainant was not told."""

from django.conf import settings
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from ops.models import OutboxMessage
from ops.outbox import mail_failed, queue_mail

from .models import CaseAction, CaseEvent, Complaint


def status_url(complaint) -> str:
    base = getattr(settings, "PUBLIC_BASE_URL", "").rstrip("/")
    return base + reverse("complaints:public_status", args=[complaint.public_token])


RELATED = "complaints.complaint"


@receiver(mail_failed, sender=OutboxMessage)
def _record_failure(sender, message, **kwargs) -> None:
    """A complainant's mail failed for good: the case's timeline says so."""
    kind, _sep, pk = message.related.partition(":")
    if kind != RELATED or not pk.isdigit():
        return
    complaint = Complaint.objects.filter(pk=int(pk)).first()
    if complaint is not None:
        CaseEvent.objects.create(
            complaint=complaint,
            action=CaseAction.NOTIFICATION_FAILED,
            from_state=complaint.state,
            to_state=complaint.state,
        )


def _send(complaint, subject: str, template: str, to: str = "") -> None:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {"complaint": complaint, "status_url": status_url(complaint)})
    queue_mail(
        subject=subject,
        body=body,
        recipients=[to or complaint.contact_email],
        purpose="complainant notice",
        related=f"{RELATED}:{complaint.pk}",
    )


def send_receipt(complaint, to: str = "") -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("We have received your inquiry (%(number)s)") % {"number": complaint.case_number}
    _send(complaint, subject, "complaints/email/receipt.txt", to=to)


def send_state_changed(complaint) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("News in your case at the Borgerrådgiver (%(number)s)") % {
            "number": complaint.case_number
        }
    _send(complaint, subject, "complaints/email/state_changed.txt")


def send_caseworker_changed(complaint) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Your case has a new caseworker (%(number)s)") % {"number": complaint.case_number}
    _send(complaint, subject, "complaints/email/caseworker_changed.txt")


def tell_caseworker_of_message(complaint) -> None:
    """The citizen wrote through the status link: the responsible caseworker is told which case,
    nothing of what was written. Nobody responsible yet: the case is in "Ufordelte"."""
    user = complaint.responsible
    if user is None or not user.is_active or not user.email:
        return
    base = getattr(settings, "PUBLIC_BASE_URL", "").rstrip("/")
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("New message in case %(number)s") % {"number": complaint.case_number}
        body = _("The citizen has sent a message or a document in case %(number)s:\n%(link)s") % {
            "number": complaint.case_number,
            "link": base + reverse("complaints:detail", args=[complaint.pk]),
        }
    queue_mail(subject=subject, body=body, recipients=[user.email], purpose="caseworker notice")


def send_letter(complaint, letter) -> None:
    """A letter to the citizen: the mail says that there is one and where to read it — never
    its text (e-mail is not encrypted; a letter may tell of health or money)."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("A letter in your case (%(number)s)") % {"number": complaint.case_number}
        body = render_to_string(
            "complaints/email/letter.txt", {"complaint": complaint, "status_url": status_url(complaint)}
        )
    queue_mail(
        subject=subject,
        body=body,
        recipients=[complaint.contact_email],
        purpose="complainant letter",
        related=f"{RELATED}:{complaint.pk}",
    )

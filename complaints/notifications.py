"""E-mails to the complainant. Subjects carry the case number only — never a CPR number or
a name — and bodies hold no internal notes.

Mail goes out after the action is committed. If the mail server fails, the action stands and
the case's timeline says that the complainant was not told (core.mail logs no address)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import send_after_commit


def status_url(complaint) -> str:
    base = getattr(settings, "PUBLIC_BASE_URL", "").rstrip("/")
    return base + reverse("complaints:public_status", args=[complaint.public_token])


def _record_failure(complaint) -> None:
    from .models import CaseEvent

    CaseEvent.objects.create(
        complaint_id=complaint.pk,
        action="notification_failed",
        from_state=complaint.state,
        to_state=complaint.state,
    )


def _send(complaint, subject: str, template: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {"complaint": complaint, "status_url": status_url(complaint)})
    send_after_commit(
        subject=subject,
        body=body,
        recipients=[complaint.contact_email],
        purpose="complainant notice",
        on_failure=lambda: _record_failure(complaint),
    )


def send_receipt(complaint) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("We have received your inquiry (%(number)s)") % {"number": complaint.case_number}
    _send(complaint, subject, "complaints/email/receipt.txt")


def send_state_changed(complaint) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("News in your case at the Borgerrådgiver (%(number)s)") % {
            "number": complaint.case_number
        }
    _send(complaint, subject, "complaints/email/state_changed.txt")

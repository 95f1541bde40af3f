"""E-mails to the complainant. Subjects carry the case number only — never a CPR number or
a name — and bodies hold no internal notes."""

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _


def status_url(complaint) -> str:
    base = getattr(settings, "PUBLIC_BASE_URL", "").rstrip("/")
    return base + reverse("complaints:public_status", args=[complaint.public_token])


def _send(complaint, subject: str, template: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        body = render_to_string(template, {"complaint": complaint, "status_url": status_url(complaint)})
        send_mail(subject, body, None, [complaint.contact_email], fail_silently=False)


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

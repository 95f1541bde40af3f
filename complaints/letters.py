"""The acknowledgement and the written inquiry as PDF letters, from editable templates."""

from string import Template

from django.utils import timezone, translation
from django.utils.formats import date_format

from core.pdf import Letter, render_letter

from .models import Complaint, LetterTemplate, WrittenInquiry

# The only values a letter template can use. No CPR number, on purpose.
PLACEHOLDERS = (
    "case_number",
    "received_on",
    "today",
    "person_name",
    "department",
    "jurist_name",
    "reply_due",
    "summary",
)


def danish_date(value) -> str:
    with translation.override("da"):
        return date_format(value, "j. F Y") if value else ""


def _values(complaint: Complaint, inquiry: WrittenInquiry | None) -> dict:
    jurist = complaint.responsible
    return {
        "case_number": complaint.case_number,
        "received_on": danish_date(complaint.received_on),
        "today": danish_date(timezone.localdate()),
        "person_name": complaint.person_name or "borger",
        "department": complaint.department.name if complaint.department else "",
        "jurist_name": jurist.get_full_name() if jurist else "Borgerrådgiveren",
        "reply_due": danish_date(inquiry.reply_due) if inquiry else "",
        "summary": complaint.summary,
    }


def letter_pdf(code: str, complaint: Complaint, inquiry: WrittenInquiry | None = None) -> tuple[str, bytes]:
    """(title, PDF bytes) of letter ``code`` for ``complaint``."""
    template = LetterTemplate.objects.get(code=code)
    values = _values(complaint, inquiry)
    title = Template(template.title).safe_substitute(values)
    body = Template(template.body).safe_substitute(values)
    if code == LetterTemplate.Code.ACKNOWLEDGEMENT:
        recipient = [complaint.person_name, *complaint.contact_address.split(",")]
    else:
        recipient = [values["department"]]
    letter = Letter(
        title=title,
        date_text=values["today"],
        reference=complaint.case_number,
        recipient=[line.strip() for line in recipient if line and line.strip()],
        paragraphs=[p.strip() for p in body.split("\n\n") if p.strip()],
        signature=["Med venlig hilsen", values["jurist_name"], "Borgerrådgiveren"],
    )
    return title, render_letter(letter)

"""The acknowledgement and the written inquiry as PDF letters, from editable templates."""

from string import Template

from django.utils import timezone, translation

from core.formatting import danish_date
from ops.documents import Letter, render_letter

from .models import Complaint, LetterTemplate, WrittenInquiry, information_reply_by

# The only values a letter template can use. No CPR number, on purpose.
PLACEHOLDERS = (
    "case_number",
    "received_on",
    "today",
    "person_name",
    "department",
    "jurist_name",
    "reply_due",
    "reply_by",
    "summary",
    "outcome",
    "rejection_reason",
    "free_text",
)

# The outcome of a case in a letter's words.
OUTCOME_WORDS = {
    "upheld": "Borgerrådgiveren giver dig medhold i din klage.",
    "partly_upheld": "Borgerrådgiveren giver dig delvist medhold i din klage.",
    "not_upheld": "Borgerrådgiveren giver dig ikke medhold i din klage.",
    "not_assessed": "Borgerrådgiveren har ikke taget stilling til, om forvaltningen har gjort noget forkert.",
}


def _values(complaint: Complaint, inquiry: WrittenInquiry | None, free_text: str = "") -> dict:
    jurist = complaint.responsible
    return {
        "case_number": complaint.case_number,
        "received_on": danish_date(complaint.received_on),
        "today": danish_date(timezone.localdate()),
        "person_name": complaint.person_name or "borger",
        "department": complaint.department.name if complaint.department else "",
        "jurist_name": jurist.get_full_name() if jurist else "Borgerrådgiveren",
        "reply_due": danish_date(inquiry.due_on) if inquiry else "",
        "reply_by": danish_date(information_reply_by(timezone.localdate())),
        "summary": complaint.summary,
        "outcome": OUTCOME_WORDS.get(complaint.outcome, ""),
        "rejection_reason": _danish_display(complaint, "rejection_reason"),
        "free_text": free_text.strip(),
    }


def _danish_display(complaint: Complaint, field: str) -> str:
    with translation.override("da"):
        return str(getattr(complaint, f"get_{field}_display")()) if getattr(complaint, field) else ""


def compose(code: str, complaint: Complaint, inquiry: WrittenInquiry | None = None, free_text: str = ""):
    """(title, body) of letter ``code`` for ``complaint``, the template's placeholders filled."""
    template = LetterTemplate.objects.get(code=code)
    values = _values(complaint, inquiry, free_text)
    title = Template(template.title).safe_substitute(values)
    body = Template(template.body).safe_substitute(values)
    return title, body


def letter_pdf(
    code: str, complaint: Complaint, inquiry: WrittenInquiry | None = None, free_text: str = ""
) -> tuple[str, bytes]:
    """(title, PDF bytes) of letter ``code`` for ``complaint``."""
    title, body = compose(code, complaint, inquiry, free_text)
    return title, render_body(code, complaint, title, body)


def render_body(code: str, complaint: Complaint, title: str, body: str) -> bytes:
    values = _values(complaint, None)
    if code in LetterTemplate.TO_CITIZEN:
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
    return render_letter(letter)

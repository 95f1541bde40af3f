"""The hearing letter to a department, as a PDF from the editable template."""

from string import Template

from django.utils import timezone

from complaints.models import LetterTemplate
from core.formatting import danish_date
from ops.documents import Letter, render_letter

from .models import HearingRound


def hearing_letter_pdf(hearing_round: HearingRound) -> bytes:
    supervision = hearing_round.supervision
    template = LetterTemplate.objects.get(code=LetterTemplate.Code.HEARING)
    jurist = supervision.responsible
    values = {
        "case_number": supervision.case_number,
        "subject": supervision.title,
        "department": hearing_round.department.name,
        "questions": hearing_round.questions,
        "deadline": danish_date(hearing_round.due_on),
        "today": danish_date(timezone.localdate()),
        "jurist_name": jurist.get_full_name() if jurist else "Borgerrådgiveren",
    }
    body = Template(template.body).safe_substitute(values)
    return render_letter(
        Letter(
            title=Template(template.title).safe_substitute(values),
            date_text=values["today"],
            reference=supervision.case_number,
            recipient=[hearing_round.department.name],
            paragraphs=[p.strip() for p in body.split("\n\n") if p.strip()],
            signature=["Med venlig hilsen", values["jurist_name"], "Borgerrådgiveren"],
        )
    )

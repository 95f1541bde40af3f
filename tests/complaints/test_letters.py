import datetime as dt
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from complaints.models import LetterTemplate, WrittenInquiry
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    reader = PdfReader(BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), reader.metadata.title


def test_acknowledgement_letter_is_a_pdf_with_the_case_and_danish_date(client_for, jurist):
    complaint = ComplaintFactory(
        person_name="Søren Ærø",
        person_cpr="010190-1234",
        received_on=dt.date(2024, 8, 22),
        responsible=jurist,
    )
    response = client_for(jurist).get(reverse("complaints:letter", args=[complaint.pk, "acknowledgement"]))
    assert response["Content-Type"] == "application/pdf"
    text, title = pdf_text(response.content)
    assert "Kære Søren Ærø" in text
    assert "22. august 2024" in text
    assert complaint.case_number in text and complaint.case_number in title
    assert "010190" not in text + title + response["Content-Disposition"]


def test_written_inquiry_letter_carries_the_deadline_and_the_department(client_for, jurist):
    complaint = ComplaintFactory(state="written", summary="Manglende svar på ansøgning om boligstøtte")
    inquiry = WrittenInquiry.objects.create(
        complaint=complaint, sent_on=dt.date(2024, 3, 1), due_on=dt.date(2024, 3, 22)
    )
    url = (
        reverse("complaints:letter", args=[complaint.pk, "written_inquiry"]) + f"?forelaeggelse={inquiry.pk}"
    )
    text, _title = pdf_text(client_for(jurist).get(url).content)
    assert "Socialforvaltningen" in text
    assert "22. marts 2024" in text
    assert "boligstøtte" in text


def test_a_template_cannot_bring_the_cpr_number_into_a_letter_or_its_title(client_for, jurist):
    LetterTemplate.objects.filter(code="acknowledgement").update(
        title="Kvittering $case_number $person_cpr", body="CPR: $person_cpr ${person_cpr}"
    )
    complaint = ComplaintFactory(person_cpr="010190-1234")
    response = client_for(jurist).get(reverse("complaints:letter", args=[complaint.pk, "acknowledgement"]))
    text, title = pdf_text(response.content)
    assert "010190" not in text + title


def test_letter_text_is_data_not_markup(client_for, jurist):
    complaint = ComplaintFactory(state="written", summary="<b>fed</b> & <font size=99>stor</font>")
    inquiry = WrittenInquiry.objects.create(
        complaint=complaint, sent_on=dt.date(2024, 3, 1), due_on=dt.date(2024, 3, 22)
    )
    url = (
        reverse("complaints:letter", args=[complaint.pk, "written_inquiry"]) + f"?forelaeggelse={inquiry.pk}"
    )
    response = client_for(jurist).get(url)
    assert response.status_code == 200
    assert "<b>fed</b> & <font size=99>stor</font>" in pdf_text(response.content)[0]


def test_unknown_letter_and_foreign_inquiry_are_404(client_for, jurist):
    complaint = ComplaintFactory()
    other = ComplaintFactory(state="written")
    inquiry = WrittenInquiry.objects.create(
        complaint=other, sent_on=dt.date(2024, 3, 1), due_on=dt.date(2024, 3, 2)
    )
    client = client_for(jurist)
    assert client.get(reverse("complaints:letter", args=[complaint.pk, "other"])).status_code == 404
    url = (
        reverse("complaints:letter", args=[complaint.pk, "written_inquiry"]) + f"?forelaeggelse={inquiry.pk}"
    )
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("persona_name", ["committee", "secretariat", "wb_member", "superuser"])
def test_letters_are_for_caseworkers_only(persona_name, request, client_for):
    complaint = ComplaintFactory()
    client = client_for(request.getfixturevalue(persona_name))
    assert client.get(reverse("complaints:letter", args=[complaint.pk, "acknowledgement"])).status_code == 403

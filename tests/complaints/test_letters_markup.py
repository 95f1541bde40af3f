"""Letters print what the database holds, never obey it as reportlab markup (security finding
3): the acknowledgement, the written inquiry and the supervision's hearing letter."""

import datetime as dt
import re
from io import BytesIO

import pytest
from django.urls import reverse
from pypdf import PdfReader

from complaints import services
from core.models import Department
from supervision import services as supervision_services
from tests.factories import ComplaintFactory, SupervisionFactory, department
from tests.pdfs import AMPERSAND_NAME, FONT_NAME, IMAGE, LINK, UNCLOSED, uri_links

pytestmark = pytest.mark.django_db


def letter_text(response) -> str:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    return re.sub(r"[ \t]+", " ", "\n".join(page.extract_text() for page in reader.pages))


@pytest.fixture
def hostile_jurist(jurist):
    # A user's name is edited in the admin; there is no service for it.
    jurist.first_name, jurist.last_name = "<i>Jens", "& Co</b>"
    jurist.save(update_fields=["first_name", "last_name"])
    return jurist


def test_acknowledgement_prints_name_address_and_jurist_literally(client_for, hostile_jurist):
    complaint = ComplaintFactory(
        person_name=f"{UNCLOSED} {LINK}",
        contact_address=f"{IMAGE} Vej 1, 2300 <font size=60>Kbh</font>",
        responsible=hostile_jurist,
    )
    response = client_for(hostile_jurist).get(
        reverse("complaints:letter", args=[complaint.pk, "acknowledgement"])
    )
    text = letter_text(response)
    assert f"Kære {UNCLOSED} {LINK}" in text
    assert f"{IMAGE} Vej 1" in text and "2300 <font size=60>Kbh</font>" in text
    assert "<i>Jens & Co</b>" in text
    assert uri_links(response.content) == []


@pytest.mark.parametrize("name", [FONT_NAME, AMPERSAND_NAME])
def test_written_inquiry_prints_department_summary_and_jurist_literally(client_for, hostile_jurist, name):
    # Department names are kept in the admin; there is no service for them.
    Department.objects.filter(code="SOF").update(name=name)
    complaint = ComplaintFactory(
        state="written",
        department=department("SOF"),
        summary=f"{UNCLOSED} &amp; {LINK}\n\n{IMAGE}",
        responsible=hostile_jurist,
    )
    inquiry = services.inquiry_send(
        complaint=complaint, by=hostile_jurist, sent_on=dt.date(2024, 3, 1), reply_due=dt.date(2024, 3, 22)
    )
    url = (
        reverse("complaints:letter", args=[complaint.pk, "written_inquiry"]) + f"?forelaeggelse={inquiry.pk}"
    )
    response = client_for(hostile_jurist).get(url)
    text = letter_text(response)
    assert f"Til {name}" in text
    assert f"{UNCLOSED} &amp; {LINK}" in text and IMAGE in text
    assert "<i>Jens & Co</b>" in text
    assert uri_links(response.content) == []


@pytest.mark.parametrize("name", [FONT_NAME, AMPERSAND_NAME])
def test_hearing_letter_prints_department_subject_questions_and_jurist_literally(
    client_for, hostile_jurist, name
):
    Department.objects.filter(code="SOF").update(name=name)
    supervision = SupervisionFactory(state="hearing", title=UNCLOSED, responsible=hostile_jurist)
    hearing = supervision_services.hearing_round_add(
        supervision=supervision,
        by=hostile_jurist,
        department=department("SOF"),
        questions=f"{LINK}?\n\n{IMAGE}",
        sent_on=dt.date(2024, 3, 1),
        deadline=dt.date(2024, 3, 22),
    )
    response = client_for(hostile_jurist).get(
        reverse("supervision:hearing_letter", args=[supervision.pk, hearing.pk])
    )
    text = letter_text(response)
    assert f"Til {name}" in text
    assert f"tilsynssag om: {UNCLOSED}" in text
    assert f"{LINK}?" in text and IMAGE in text
    assert "<i>Jens & Co</b>" in text
    assert uri_links(response.content) == []

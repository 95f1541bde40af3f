"""Every document the system hands out is a tagged PDF (PDF/UA-1) made from HTML (issue 23):
each letter kind, the hearing letter, the case file in both copies, the whistleblower scheme's
account and the departments' comments — checked by the ``pdfua`` package's machine-checkable
rules (0 errors) and by reading the structure tree (tests.pdfs.pdf_ua_problems)."""

import datetime as dt

import pytest
from django.urls import reverse

from complaints import services as complaint_services
from complaints.models import LetterTemplate, OutgoingLetter, WrittenInquiry
from supervision.models import HearingRound
from tests.factories import ComplaintFactory, SupervisionFactory, department
from tests.pdfs import embedded_fonts, pdf_text, pdf_ua_problems, structure_headings

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def complaint(jurist):
    return ComplaintFactory(
        state="written",
        responsible=jurist,
        person_name="Søren Ærø",
        contact_email="soren@example.invalid",
        department=department("SOF"),
        received_on=dt.date(2024, 8, 22),
        summary="Manglende svar på ansøgning om boligstøtte & hjælp <nu>",
    )


def test_the_acknowledgement_and_the_written_inquiry_are_tagged_pdfs(client_for, jurist, complaint, tmp_path):
    client = client_for(jurist)
    inquiry = WrittenInquiry.objects.create(
        complaint=complaint, sent_on=dt.date(2024, 9, 1), due_on=dt.date(2024, 9, 22)
    )
    for url in (
        reverse("complaints:letter", args=[complaint.pk, "acknowledgement"]),
        reverse("complaints:letter", args=[complaint.pk, "written_inquiry"]) + f"?forelaeggelse={inquiry.pk}",
    ):
        pdf = client.get(url).content
        assert pdf_ua_problems(pdf, tmp_path) == [], url
        assert structure_headings(pdf) == ["H1"]  # the letter's title


@pytest.mark.parametrize(
    "code", [c for c in LetterTemplate.TO_CITIZEN if c != "acknowledgement"] + ["forwarding_department"]
)
def test_every_letter_a_jurist_sends_is_kept_as_a_tagged_pdf(code, jurist, complaint, tmp_path):
    complaint.outcome = "upheld"
    complaint.rejection_reason = "not_complained_first"
    complaint.save()
    letter = complaint_services.letter_send(
        complaint=complaint, by=jurist, code=code, free_text="Send lægeerklæringen."
    )
    with OutgoingLetter.objects.get(pk=letter.pk).pdf.open("rb") as stored:
        pdf = stored.read()
    assert pdf_ua_problems(pdf, tmp_path) == []
    assert complaint.case_number in pdf_text(pdf)


def test_the_hearing_letter_is_a_tagged_pdf(client_for, jurist, tmp_path):
    supervision = SupervisionFactory(state="hearing", title="Tilgængelighed")
    hearing = HearingRound.objects.create(
        supervision=supervision,
        department=department("SUF"),
        questions="Hvordan er adgangsforholdene?",
        sent_on=dt.date(2024, 3, 1),
        due_on=dt.date(2024, 3, 22),
    )
    pdf = (
        client_for(jurist)
        .get(reverse("supervision:hearing_letter", args=[supervision.pk, hearing.pk]))
        .content
    )
    assert pdf_ua_problems(pdf, tmp_path) == []


@pytest.mark.parametrize("copy", ["internal", "hand-out"])
def test_the_case_file_is_a_tagged_pdf_in_both_copies(copy, client_for, jurist, complaint, tmp_path):
    complaint_services.incoming_from_citizen(complaint=complaint, text="Her er papirerne.")
    url = reverse("complaints:case_file", args=[complaint.case_number])
    pdf = client_for(jurist).get(url, {"cpr": "skjul"} if copy == "hand-out" else {}).content
    assert pdf_ua_problems(pdf, tmp_path) == []
    assert structure_headings(pdf) == ["H1", "H2", "H2"]  # the title, the documents, the timeline
    assert embedded_fonts(pdf) <= {"Dokument", "Dokument-Bold"}  # the document's own family


def test_the_whistleblower_account_is_a_tagged_pdf(tmp_path):
    from annual_report.whistleblower_report import whistleblower_report_pdf
    from whistleblower.published import annual_account

    account = annual_account(2023, today=dt.date(2024, 1, 15))
    pdf = whistleblower_report_pdf(
        account, themes=[("Arbejdsmiljø og sikkerhed", "50,0 %")], reports_previous_year=3
    )
    assert pdf_ua_problems(pdf, tmp_path) == []
    assert structure_headings(pdf) == ["H1", "H2", "H3", "H3", "H2", "H2"]


def test_a_pdf_without_a_language_or_tags_is_caught(tmp_path):
    """The check itself: a reportlab PDF (untagged, no language, Helvetica not embedded)."""
    from tests.files import pdf_with_author

    problems = pdf_ua_problems(pdf_with_author(), tmp_path)
    assert "no /Lang" in problems and "no structure tree" in problems
    assert any(problem.startswith("pdfua ") for problem in problems)  # the package's own rules

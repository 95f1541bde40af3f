"""Letters from the secretariat's templates with the jurist's own text, kept on the case as PDFs,
e-mailed to the citizen and on the status page; and complaints that concern several
departments."""

import csv
import datetime as dt
import io

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from complaints.models import CaseEvent, OutgoingLetter
from tests.factories import ComplaintFactory, UserFactory, department
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    jurist = UserFactory(username="brevskriver", first_name="Sofie", last_name="Lund", roles=["jurist"])
    complaint = ComplaintFactory(
        state="written",
        responsible=jurist,
        person_name="Karen Kirkegaard",
        contact_email="karen@example.invalid",
        department=department("SOF"),
        received_on=dt.date(2026, 10, 1),
    )
    return complaint, jurist


def send(client, complaint, code, text=""):
    return client.post(
        reverse("complaints:letter_send", args=[complaint.pk]),
        {"letter-code": code, "letter-free_text": text},
        follow=True,
    )


def test_a_request_for_information_is_kept_e_mailed_and_on_the_status_page(
    case, client_for, django_capture_on_commit_callbacks
):
    complaint, jurist = case
    client = client_for(jurist)
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, complaint, "information_request", "Send os venligst lægeerklæringen fra maj.")
    assert "Brevet er sendt og journaliseret på sagen." in response.content.decode()
    letter = OutgoingLetter.objects.get()
    assert (letter.recipient, letter.title, letter.emailed) == (
        "citizen",
        f"Vi har brug for flere oplysninger ({complaint.case_number})",
        True,
    )
    pdf = " ".join(pdf_text(letter.pdf.read()).split())
    assert "Kære Karen Kirkegaard" in pdf and "Send os venligst lægeerklæringen fra maj." in pdf
    assert "ringe til Sofie Lund" in pdf
    assert CaseEvent.objects.get(complaint=complaint, action="letter_sent").note == letter.title
    # The mail says there is a letter and where; its text stays behind the status link.
    assert [m.subject for m in mail.outbox] == [f"Et brev i din sag ({complaint.case_number})"]
    assert complaint.public_token in mail.outbox[0].body
    assert "lægeerklæringen" not in mail.outbox[0].body and "Karen" not in mail.outbox[0].body
    # The status page lists it; the PDF opens with the case's link and no other.
    status = Client().get(reverse("complaints:public_status", args=[complaint.public_token])).content.decode()
    assert "Breve til dig" in status and letter.title in status
    own = Client().get(reverse("complaints:public_letter", args=[complaint.public_token, letter.pk]))
    assert own.status_code == 200 and own["Content-Type"] == "application/pdf"
    other = ComplaintFactory()
    assert (
        Client().get(reverse("complaints:public_letter", args=[other.public_token, letter.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("complaints:letter_download", args=[complaint.pk, letter.pk])).status_code == 200
    )


def test_a_request_without_what_to_send_is_refused(case, client_for):
    complaint, jurist = case
    response = send(client_for(jurist), complaint, "information_request", "")
    assert "Skriv, hvilke oplysninger borgeren skal sende." in response.content.decode()
    assert not OutgoingLetter.objects.exists()


def test_the_closing_letter_states_the_outcome(case, client_for):
    complaint, jurist = case
    complaint.outcome = "partly_upheld"
    complaint.save()
    send(client_for(jurist), complaint, "closing", "Forvaltningen har beklaget og genoptaget sagen.")
    text = " ".join(pdf_text(OutgoingLetter.objects.get().pdf.read()).split())
    assert "Borgerrådgiveren giver dig delvist medhold i din klage." in text
    assert "Forvaltningen har beklaget og genoptaget sagen." in text


def test_a_letter_to_the_department_is_not_on_the_citizens_page(case, client_for):
    complaint, jurist = case
    send(client_for(jurist), complaint, "forwarding_department", "Borgeren ønsker svar inden jul.")
    letter = OutgoingLetter.objects.get()
    assert letter.recipient == "department" and not letter.emailed
    assert "Til Socialforvaltningen" in pdf_text(letter.pdf.read())
    assert (
        Client()
        .get(reverse("complaints:public_letter", args=[complaint.public_token, letter.pk]))
        .status_code
        == 404
    )
    status = Client().get(reverse("complaints:public_status", args=[complaint.public_token])).content.decode()
    assert letter.title not in status


def test_a_word_of_a_letter_finds_the_case_and_the_case_file_lists_it(case, client_for):
    complaint, jurist = case
    client = client_for(jurist)
    send(client, complaint, "information_request", "Send os venligst boligplanen.")
    html = client.get(reverse("core:search"), {"q": "boligplanen"}).content.decode()
    assert complaint.case_number in html.split('id="hits-complaints"')[1].split("</section>")[0]
    akt = " ".join(
        pdf_text(client.get(reverse("complaints:case_file", args=[complaint.case_number])).content).split()
    )
    assert f"Vi har brug for flere oplysninger ({complaint.case_number}) Til Karen Kirkegaard" in akt


def test_a_complaint_about_several_departments_counts_for_the_primary_only(client_for, jurist, secretariat):
    from complaints.models import Complaint, Theme
    from stats.selectors import year_figures

    client = client_for(jurist)
    form = {
        "kind": "complaint",
        "requester": "citizen",
        "channel": "phone",
        "received_on": "2023-05-02",
        "department": department("SOF").pk,
        "other_departments": [department("SOF").pk, department("BUF").pk],
        "person_name": "Karen Hansen",
        "summary": "Uklart om SOF eller BUF har ansvaret.",
        "responsible": jurist.pk,
        "theme": Theme.objects.get(code="delay").pk,
    }
    response = client.post(reverse("complaints:intake"), form)
    assert "Socialforvaltningen er den primære forvaltning: sæt kun kryds ved de andre forvaltninger." in (
        response.content.decode()
    )
    form["other_departments"] = [department("BUF").pk, department("TMF").pk]
    client.post(reverse("complaints:intake"), form)
    complaint = Complaint.objects.get()
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Angår også" in page and "Børne- og Ungdomsforvaltningen, Teknik- og Miljøforvaltningen" in page
    # Found under BUF in the queue; in BUF's export as secondary; counted for SOF only.
    queue = client.get(reverse("complaints:queue"), {"scope": "all", "department": "BUF"}).content.decode()
    assert complaint.case_number in queue
    export = client_for(secretariat).get(
        reverse("complaints:department_export"),
        {"department": department("BUF").pk, "year": 2023, "format": "csv"},
    )
    rows = list(csv.DictReader(io.StringIO(export.content.decode("utf-8-sig"))))
    assert [(r["case_number"], r["department_role"]) for r in rows] == [(complaint.case_number, "secondary")]
    per_department = year_figures(2023, today=dt.date(2024, 6, 1)).data["complaints_per_department"]
    assert (per_department["SOF"], per_department["BUF"], per_department["TMF"]) == (1, 0, 0)


def test_a_letter_that_would_miss_what_it_states_is_refused(case, client_for):
    complaint, jurist = case
    client = client_for(jurist)
    response = send(client, complaint, "closing", "Tak for din klage.")
    assert "Brevet oplyser udfaldet: vælg det, når sagen afsluttes, først." in response.content.decode()
    response = send(client, complaint, "rejection", "")
    assert "Brevet oplyser begrundelsen for afvisningen: afvis sagen først." in response.content.decode()
    complaint.department = None
    complaint.save()
    response = send(client, complaint, "forwarding_citizen", "")
    assert "Vælg først den forvaltning, klagen vedrører." in response.content.decode()
    assert not OutgoingLetter.objects.exists()

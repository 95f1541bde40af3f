"""Messages and documents on a case: the citizen sends them through the status link, the jurist
files e-mails and letters; the responsible caseworker is told and sees them."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints.models import Attachment, CaseEvent, Complaint, Incoming
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


@pytest.fixture
def case():
    jurist = UserFactory(
        username="modtager", first_name="Sofie", email="sofie@example.invalid", roles=["jurist"]
    )
    return ComplaintFactory(state="written", responsible=jurist, person_name="Karen Kirkegaard"), jurist


def send(token, text="", file=None, client=None):
    data = {"message-text": text}
    if file is not None:
        data["message-file"] = file
    return (client or Client()).post(reverse("complaints:public_message", args=[token]), data, follow=True)


def test_the_citizen_sends_a_document_and_the_caseworker_is_told_and_sees_it(
    case, client_for, django_capture_on_commit_callbacks
):
    complaint, jurist = case
    with django_capture_on_commit_callbacks(execute=True):
        response = send(
            complaint.public_token,
            "Her er lægeerklæringen, I bad om.",
            SimpleUploadedFile("laegeerklaering.pdf", PDF),
        )
    html = response.content.decode()
    assert "Tak. Vi har modtaget din besked, og din sagsbehandler har fået besked." in html
    # On the citizen's timeline, in their own words: they can see what they sent.
    entry = html[html.index("Du sendte os en besked.") :].split("</li>")[0]
    assert "Her er lægeerklæringen, I bad om." in entry and "Fil: laegeerklaering.pdf" in entry
    incoming = Incoming.objects.get()
    assert (incoming.channel, incoming.sender, incoming.text) == (
        "status_page",
        "Karen Kirkegaard",
        "Her er lægeerklæringen, I bad om.",
    )
    assert incoming.attachment.original_name == "laegeerklaering.pdf"
    assert CaseEvent.objects.filter(complaint=complaint, action="message_received").count() == 1
    # The caseworker's mail names the case, never what was written.
    assert [m.to for m in mail.outbox] == [["sofie@example.invalid"]]
    assert complaint.case_number in mail.outbox[0].subject
    assert "lægeerklæringen" not in mail.outbox[0].body and "Karen" not in mail.outbox[0].body
    # "Mine sager" flags it until the caseworker opens the case, which shows message and file.
    client = client_for(jurist)
    assert "Ny besked" in client.get(reverse("complaints:queue")).content.decode()
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Her er lægeerklæringen, I bad om." in page and "laegeerklaering.pdf" in page
    download = reverse("complaints:attachment_download", args=[complaint.pk, incoming.attachment.pk])
    assert client.get(download).status_code == 200
    assert "Ny besked" not in client.get(reverse("complaints:queue")).content.decode()


def test_an_empty_message_or_a_disguised_file_is_refused_and_nothing_is_written(case):
    complaint, _jurist = case
    response = send(complaint.public_token)
    assert response.status_code == 400
    assert "Skriv en besked, eller vælg en fil." in response.content.decode()
    response = send(
        complaint.public_token, "Se vedhæftede", SimpleUploadedFile("bilag.pdf", b"MZ\x90\x00 not a pdf")
    )
    assert response.status_code == 400
    assert "Indholdet af bilag.pdf passer ikke til filtypen." in response.content.decode()
    assert not Incoming.objects.exists() and not Attachment.objects.exists()
    assert not CaseEvent.objects.filter(action="message_received").exists()


def test_one_client_cannot_flood_a_case(case):
    complaint, _jurist = case
    client = Client()
    for _ in range(10):
        send(complaint.public_token, "Hej", client=client)
    response = send(complaint.public_token, "Hej igen", client=client)
    assert "Du har sendt mange beskeder på kort tid." in response.content.decode()
    assert Incoming.objects.count() == 10


def test_the_jurist_files_a_letter_with_its_date_and_sender(case, client_for):
    complaint, jurist = case
    response = client_for(jurist).post(
        reverse("complaints:incoming_add", args=[complaint.pk]),
        {
            "incoming-received_on": "2026-11-19",
            "incoming-channel": "letter",
            "incoming-sender": "Socialforvaltningen",
            "incoming-text": "Forvaltningen genoptager sagen.",
            "incoming-file": SimpleUploadedFile("svar.pdf", PDF),
        },
        follow=True,
    )
    html = response.content.decode()
    assert "Den indgående post er journaliseret på sagen." in html
    assert "Socialforvaltningen" in html and "Forvaltningen genoptager sagen." in html and "svar.pdf" in html
    incoming = Incoming.objects.get()
    assert (
        incoming.channel,
        str(timezone.localtime(incoming.received_at).date()),
        incoming.registered_by,
    ) == (
        "letter",
        "2026-11-19",
        jurist,
    )
    status = Client().get(reverse("complaints:public_status", args=[complaint.public_token])).content.decode()
    assert "genoptager" not in status


def test_the_receipt_page_offers_to_e_mail_the_link(client, django_capture_on_commit_callbacks):
    from tests.complaints.test_public import VALID
    from tests.factories import department

    form = {**VALID, "department": department("SOF").pk, "contact_email": "", "contact_phone": "33 66 14 00"}
    html = client.post("/klage/", form).content.decode()
    assert "Gem linket som bogmærke" in html and "Send mig linket" in html
    complaint = Complaint.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("complaints:public_send_link", args=[complaint.public_token]),
            {"link-email": "karen@example.invalid"},
            follow=True,
        )
    assert "Linket er på vej til din e-mail." in response.content.decode()
    assert [m.to for m in mail.outbox] == [["karen@example.invalid"]]
    assert complaint.public_token in mail.outbox[0].body
    complaint.refresh_from_db()
    assert complaint.contact_email == "karen@example.invalid"
    # Once the case has an address, the offer is spent.
    again = client.post(
        reverse("complaints:public_send_link", args=[complaint.public_token]),
        {"link-email": "fremmed@example.invalid"},
        follow=True,
    )
    assert "Linket kan kun sendes fra kvitteringen" in again.content.decode()
    complaint.refresh_from_db()
    assert complaint.contact_email == "karen@example.invalid"


def test_the_link_is_e_mailed_only_from_the_receipt_in_the_same_browser():
    complaint = ComplaintFactory(state="received", contact_email="")
    url = reverse("complaints:public_send_link", args=[complaint.public_token])
    response = Client().post(url, {"link-email": "fremmed@example.invalid"}, follow=True)
    assert "Linket kan kun sendes fra kvitteringen" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.contact_email == "" and mail.outbox == []

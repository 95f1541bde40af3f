"""``/sager/<case number>/akt.pdf``: the case's list of documents and its timeline, with notes,
as one PDF — for the jurist and for a request for access to documents."""

import datetime as dt
import re

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from complaints import services
from core import notes
from core.models import AuditEvent
from tests.factories import ComplaintFactory, UserFactory, department
from tests.pdfs import pdf_text

pytestmark = pytest.mark.django_db


def at(day: int, hour: int):
    return time_machine.travel(dt.datetime(2026, 5, day, hour, 0, tzinfo=dt.UTC), tick=False)


def build_case():
    """A complaint received by phone on 4 May 2026, worked on over three weeks."""
    jurist = UserFactory(username="akt-jurist", first_name="Peter", last_name="Holm", roles=["jurist"])
    complaint = ComplaintFactory(
        case_number="2026-0004711",
        state="screening",
        channel="phone",
        person_name="Karen Kirkegaard",
        person_cpr="010190-1234",
        department=department("SOF"),
        received_on=dt.date(2026, 5, 4),
        responsible=jurist,
        themes=["delay"],
    )
    with at(4, 9):
        services.attachment_add(
            complaint=complaint, by=jurist, upload=SimpleUploadedFile("afgoerelse.pdf", b"%PDF-1.4\n%%EOF\n")
        )
    with at(5, 9):
        services.complaint_transition(complaint=complaint, action="write", by=jurist, note="Skriftlig sag.")
        inquiry = services.inquiry_send(
            complaint=complaint, by=jurist, sent_on=dt.date(2026, 5, 5), reply_due=dt.date(2026, 5, 19)
        )
    with at(20, 9):
        services.INQUIRIES.remind(inquiry=inquiry, by=jurist, sent_on=dt.date(2026, 5, 20))
        notes.note_add(
            case="complaint",
            instance=complaint,
            by=jurist,
            data={"kind": "call", "contact_name": "Mette Vinther", "text": "Svar kommer fredag."},
        )
    with at(22, 9):
        services.INQUIRIES.answer(inquiry=inquiry, by=jurist, received_on=dt.date(2026, 5, 22))
    with at(23, 9):
        services.incoming_from_citizen(
            complaint=complaint,
            text="Her er lægeerklæringen.",
            upload=SimpleUploadedFile("laege.pdf", b"%PDF-1.4\n"),
        )
    return complaint, jurist


def test_the_case_file_lists_every_document_and_timeline_row(client_for):
    complaint, jurist = build_case()
    with at(25, 10):
        response = client_for(jurist).get(reverse("complaints:case_file", args=["2026-0004711"]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="akt-2026-0004711.pdf"'
    text = " ".join(pdf_text(response.content).split())
    for expected in [
        "Sagens akter for 2026-0004711",
        "Udskrevet 25. maj 2026 12:00",
        "Den, sagen handler om Karen Kirkegaard",
        "Cpr-nummer 010190-1234",
        "Ansvarlig Peter Holm",
        # The list of documents, numbered by date.
        "1 4. maj 2026 Klage modtaget (Telefon) Fra Karen Kirkegaard",
        "2 4. maj 2026 Fil: afgoerelse.pdf Arkiveret af Peter Holm",
        "3 5. maj 2026 Skriftlig forelæggelse, svarfrist 19. maj 2026 Til Socialforvaltningen",
        "4 20. maj 2026 Rykker for den skriftlige forelæggelse af 5. maj 2026 Til Socialforvaltningen",
        "5 22. maj 2026 Svar på den skriftlige forelæggelse Fra Socialforvaltningen",
        "6 23. maj 2026 Modtaget (Via statuslinket) · Fil: laege.pdf Her er lægeerklæringen. "
        "Fra Karen Kirkegaard Tidslinje",
        # The timeline: events and the call, in order, with the notes.
        "4. maj 2026 11:00 Bilag tilføjet Peter Holm",
        "5. maj 2026 11:00 Skriftlig forelæggelse · Skriv til forvaltningen Peter Holm Skriftlig sag.",
        "5. maj 2026 11:00 Skriftlig forelæggelse sendt Peter Holm",
        "20. maj 2026 11:00 Rykker sendt Peter Holm",
        "20. maj 2026 11:00 Telefonsamtale med Mette Vinther Peter Holm Svar kommer fredag.",
        "22. maj 2026 11:00 Svar modtaget fra forvaltningen Peter Holm",
        "23. maj 2026 11:00 Bilag tilføjet",
        "23. maj 2026 11:00 Besked fra borgeren via statuslinket",
    ]:
        assert expected in text, expected
    assert AuditEvent.objects.filter(action="case_file_printed", object_ref=str(complaint.pk)).count() == 1


def test_a_copy_for_somebody_else_masks_the_cpr_number_and_leaves_out_internal_notes(client_for):
    _complaint, jurist = build_case()
    response = client_for(jurist).get(
        reverse("complaints:case_file", args=["2026-0004711"]), {"cpr": "skjul"}
    )
    text = " ".join(pdf_text(response.content).split())
    assert "010190-****" in text and "1234" not in text.replace("2026-0004711", "")
    assert "Sagens akter for 2026-0004711, udleveringskopi" in text
    assert "Svar kommer fredag." not in text and "Telefonsamtale" not in text and "Skriftlig sag." not in text
    assert (
        "5 22. maj 2026 Svar på den skriftlige forelæggelse Fra Socialforvaltningen" in text
    )  # the documents


def test_a_note_or_a_message_longer_than_a_page_still_prints(client_for):
    complaint, jurist = build_case()
    long_note = " ".join(f"Referat-{n}." for n in range(1, 601))  # about 7,000 characters
    notes.note_add(case="complaint", instance=complaint, by=jurist, data={"text": long_note})
    services.incoming_from_citizen(complaint=complaint, text="Linje\n" * 800)
    response = client_for(jurist).get(reverse("complaints:case_file", args=["2026-0004711"]))
    assert response.status_code == 200
    text = " ".join(pdf_text(response.content).split())
    assert "Referat-1." in text and "Referat-300." in text and "Referat-600." in text
    assert text.count("Linje") == 800


def test_only_caseworkers_get_the_case_file(client_for, committee, secretariat):
    build_case()
    url = reverse("complaints:case_file", args=["2026-0004711"])
    for person in (committee, secretariat):
        assert client_for(person).get(url).status_code == 403


def test_the_copy_to_hand_out_holds_no_cpr_number_in_full_whatever_text_it_came_in(client_for):
    """Issue 22: the citizen writes it in a message, names a file after it, the jurist files a
    mail that quotes it, a letter's title carries it — the hand-out copy masks every one."""
    from complaints.models import LetterTemplate

    complaint, jurist = build_case()
    services.incoming_from_citizen(
        complaint=complaint,
        text="Mit cpr-nummer er 010190 1234, og min søns er 2402151234.",
        upload=SimpleUploadedFile("010190-1234 laegeerklaering.pdf", b"%PDF-1.4\n"),
    )
    services.incoming_register(
        complaint=complaint,
        by=jurist,
        received_on=dt.date(2026, 5, 24),
        channel="email",
        sender="Jobcenter (vedr. 24.02.15-1234)",
        text="Vedr. borger 010190–1234: sagen er genoptaget.",
    )
    LetterTemplate.objects.filter(code="information_request").update(title="Anmodning vedr. 0101901234")
    services.letter_send(
        complaint=complaint, by=jurist, code="information_request", free_text="Send papirerne."
    )
    cpr_shaped = re.compile(r"(?<!\d)\d{6}\s?[-–.]?\s?\d{4}(?!\d)|\d{2}\.\d{2}\.\d{2}-\d{4}")

    internal = pdf_text(
        client_for(jurist).get(reverse("complaints:case_file", args=["2026-0004711"])).content
    )
    assert len(cpr_shaped.findall(" ".join(internal.split()))) >= 5  # the jurist's own copy shows them

    response = client_for(jurist).get(
        reverse("complaints:case_file", args=["2026-0004711"]), {"cpr": "skjul"}
    )
    text = " ".join(pdf_text(response.content).split())
    assert cpr_shaped.findall(text) == []
    unbroken = "".join(text.split())  # a line may break after the hyphen
    for masked in (
        "010190-****laegeerklaering.pdf",
        "er010190-****,ogminsønser240215-****",
        "Anmodningvedr.010190-****",
    ):
        assert masked in unbroken, masked
    assert "2026-0004711" in text  # the case number is not a CPR number

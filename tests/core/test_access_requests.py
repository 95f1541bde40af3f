"""Requests for access to the documents of a case (aktindsigt, DOMAIN §9), as a jurist works
them from the case page: registered, a deadline letter on the seventh working day, a partial
decision per document, the letter of decision and the documents handed out — with no full CPR
number in anything that leaves the system."""

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from complaints import services
from complaints.models import LetterTemplate
from core import notes
from core.models import AccessDocument, AccessLetter, AccessRequest, AuditEvent, CaseNote
from tests.clock import copenhagen
from tests.factories import ComplaintFactory, SupervisionFactory, UserFactory, department
from tests.pdfs import pdf_text
from tests.scan import leaks

pytestmark = pytest.mark.django_db

CPR = "010190-1234"
CPR_IN_MESSAGE = "030405-4321"
WITHHELD = "Min nabo Jens Olsen har også problemer med forvaltningen."
NOTE_TEXT = "Intern vurdering: sagen bør nok afvises."


@pytest.fixture
def caseworker(db):
    return UserFactory(username="akt-jurist", first_name="Peter", last_name="Holm", roles=["jurist"])


@pytest.fixture
def case(caseworker):
    """A written complaint with the citizen's CPR number in it, a message from the citizen, an
    acknowledgement and an internal note."""
    complaint = ComplaintFactory(
        case_number="2026-0000815",
        state="screening",
        channel="email",
        person_name="Karen Kirkegaard",
        person_cpr=CPR,
        department=department("SOF"),
        received_on=dt.date(2026, 2, 2),
        responsible=caseworker,
        summary=f"Klage over sagsbehandlingstiden. Mit cpr-nummer er {CPR}.",
    )
    with copenhagen(dt.date(2026, 2, 3)):
        services.letter_send(complaint=complaint, by=caseworker, code=LetterTemplate.Code.ACKNOWLEDGEMENT)
    with copenhagen(dt.date(2026, 2, 10)):
        services.incoming_from_citizen(
            complaint=complaint,
            text=f"Jeg har cpr-nummer {CPR_IN_MESSAGE} på min søn. {WITHHELD} Venlig hilsen Karen",
        )
    with copenhagen(dt.date(2026, 2, 11)):
        notes.note_add(
            case="complaint", instance=complaint, by=caseworker, data={"kind": "note", "text": NOTE_TEXT}
        )
    return complaint


def signed_in(user) -> Client:
    """A browser of ``user``'s, signed in now (a session ends after a while idle, and the tests
    move through the weeks)."""
    client = Client()
    client.force_login(user)
    return client


def register(client, complaint, *, received="2026-03-02", basis="offentlighedsloven"):
    return client.post(
        reverse("complaints:access_add", args=[complaint.pk]),
        {
            "access-requester": "representative",
            "access-requester_name": "Advokat Lise Berg",
            "access-requester_address": "Vesterbrogade 1, 1620 København V",
            "access-received_on": received,
            "access-basis": basis,
        },
    )


def numbered_documents(html: str) -> dict[str, int]:
    """The documents on the decision form, by title, as the jurist sees them numbered."""
    return {title.strip(): int(number) for number, title in re.findall(r"<legend>(\d+)\. ([^<(]+)", html)}


def test_a_request_from_registration_to_the_documents_handed_out(caseworker, case, head):
    # Registered on Wednesday 4 March, received Monday 2 March: 7 working days → 11 March.
    with copenhagen(dt.date(2026, 3, 4)):
        response = register(signed_in(caseworker), case)
    access_request = AccessRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("core:access_request", args=[access_request.pk])
    assert access_request.due_on == dt.date(2026, 3, 11)
    assert access_request.state == "received"

    # In "Mine sager" with its deadline; overdue the day after; on the head's workload page.
    with copenhagen(dt.date(2026, 3, 5)):
        mine = signed_in(caseworker).get(reverse("complaints:queue") + "?scope=mine").content.decode()
    assert '<span class="nowrap">11. mar 2026</span> <span class="small block">aktindsigt' in mine
    assert "Aktindsigt over frist" not in mine
    with copenhagen(dt.date(2026, 3, 12)):
        client = signed_in(caseworker)
        overdue = client.get(reverse("complaints:queue") + "?scope=mine").content.decode()
        workload = signed_in(head).get(reverse("complaints:workload")).content.decode()
        page = client.get(reverse("core:access_request", args=[access_request.pk])).content.decode()
    assert "Aktindsigt over frist" in overdue
    access_table = workload[workload.index('id="access-h"') :]
    assert "2026-0000815" in access_table and "Fristbrev mangler" in access_table
    assert "Fristbrev mangler" in page

    # The deadline letter, on the seventh working day.
    with copenhagen(dt.date(2026, 3, 11)):
        response = signed_in(caseworker).post(
            reverse("core:access_deadline_letter", args=[access_request.pk]),
            {
                "deadline-reason": "Sagen indeholder mange dokumenter fra forvaltningen.",
                "deadline-expected_on": "2026-03-20",
            },
        )
    assert response.status_code == 302
    deadline_letter = AccessLetter.objects.get(kind="deadline")
    text = " ".join(pdf_text(deadline_letter.pdf.read()).split())
    assert "Din anmodning om aktindsigt i sag 2026-0000815" in text
    assert "Advokat Lise Berg" in text and "Vesterbrogade 1" in text
    assert "fristen den 11. marts 2026" in text
    assert "Begrundelsen: Sagen indeholder mange dokumenter fra forvaltningen." in text
    assert "senest 20. marts 2026" in text
    with copenhagen(dt.date(2026, 3, 12)):
        workload = signed_in(head).get(reverse("complaints:workload")).content.decode()
    access_table = workload[workload.index('id="access-h"') :]
    assert "Fristbrev mangler" not in access_table and "forventet 20. mar 2026" in access_table.lower()

    # The decision: the complaint in full, the citizen's message in part, the note withheld
    # (proposed), the acknowledgement in full.
    with copenhagen(dt.date(2026, 3, 16)):
        client = signed_in(caseworker)
        form_page = client.get(reverse("core:access_request", args=[access_request.pk])).content.decode()
    # By date; the system's own records of the request are not documents of the case.
    assert numbered_documents(form_page) == {
        "Klage modtaget": 1,
        "Kvittering for din henvendelse": 2,
        "Modtaget fra Karen Kirkegaard": 3,
        "Notat": 4,
    }
    complaint_no, letter_no, message_no, note_no = 1, 2, 3, 4
    section = "offentlighedslovens § 30, nr. 1 (oplysninger om private forhold)"
    data = {
        f"decide-{complaint_no}-decision": "full",
        f"decide-{message_no}-decision": "partial",
        f"decide-{message_no}-withheld": WITHHELD,
        f"decide-{message_no}-section": section,
        f"decide-{note_no}-decision": "refused",
        f"decide-{note_no}-section": "offentlighedslovens § 23, stk. 1, nr. 1 (interne dokumenter)",
        f"decide-{letter_no}-decision": "full",
    }
    with copenhagen(dt.date(2026, 3, 16)):
        response = client.post(reverse("core:access_decide", args=[access_request.pk]), data)
    assert response.status_code == 302
    access_request.refresh_from_db()
    assert (access_request.state, access_request.decision) == ("decided", "partial")
    assert access_request.decided_on == dt.date(2026, 3, 16)
    decided = {d.position: d for d in AccessDocument.objects.filter(request=access_request)}
    assert decided[message_no].decision == "partial" and decided[message_no].section == section
    assert decided[note_no].decision == "refused"

    # The letter of decision: every document with its decision and section, the appeal guidance.
    decision_letter = AccessLetter.objects.get(kind="decision")
    text = " ".join(pdf_text(decision_letter.pdf.read()).split())
    assert "Afgørelse om aktindsigt i sag 2026-0000815" in text
    assert "Du får aktindsigt i sagens dokumenter med de undtagelser, der står nedenfor." in text
    assert "Udleveres med undtagne passager (1 passage)" in text
    assert section in text
    assert "offentlighedslovens § 23, stk. 1, nr. 1 (interne dokumenter)" in text
    assert "Klagevejledning" in text and "Folketingets Ombudsmand" in text
    assert "Datatilsynet" in text  # named for the case of one's own data

    # The documents handed out: the case's texts, CPR numbers masked, the passage and the note out.
    handout = AccessLetter.objects.get(kind="handout").pdf.read()
    text = " ".join(pdf_text(handout).split())
    assert "Klage over sagsbehandlingstiden. Mit cpr-nummer er 010190-****." in text
    assert "030405-****" in text
    assert "[undtaget efter offentlighedslovens § 30, nr. 1 (oplysninger om private forhold)]" in text
    for secret in (CPR, CPR_IN_MESSAGE, "0101901234", "0304054321", "Jens Olsen", NOTE_TEXT):
        assert secret not in text
    # And not hidden in the file where no text extraction would show it.
    assert leaks(handout, [CPR, CPR_IN_MESSAGE, "Jens Olsen", "Intern vurdering"]) == []
    assert leaks(decision_letter.pdf.read(), [CPR, CPR_IN_MESSAGE]) == []

    # On the case: the letters kept and listed, the timeline, the audit log.
    with copenhagen(dt.date(2026, 3, 16)):
        client = signed_in(caseworker)
        detail = client.get(reverse("complaints:detail", args=[case.pk])).content.decode()
        page = client.get(reverse("core:access_request", args=[access_request.pk])).content.decode()
        download = client.get(reverse("core:access_letter", args=[access_request.pk, decision_letter.pk]))
    assert "Anmodning af 2. marts 2026 fra Advokat Lise Berg" in detail
    assert "Delvis aktindsigt" in detail
    for kind in ("Fristbrev", "Afgørelsesbrev", "De udleverede dokumenter"):
        assert kind in page
    assert download["Content-Disposition"] == 'inline; filename="aktindsigt-decision-2026-0000815.pdf"'
    assert download["Cache-Control"] == "private, no-store"
    timeline = list(CaseNote.objects.filter(complaint=case).values_list("text", flat=True))
    assert any(
        "Anmodning om aktindsigt modtaget 2. marts 2026" in t and "Frist: 11. marts 2026" in t
        for t in timeline
    )
    assert any("Fristbrev sendt" in t and "20. marts 2026" in t for t in timeline)
    assert any("Anmodning om aktindsigt afgjort: Delvis aktindsigt." in t for t in timeline)
    assert set(
        AuditEvent.objects.filter(action__startswith="access_request").values_list("action", flat=True)
    ) == {"access_request_registered", "access_request_decided"}


def test_a_wrong_decision_names_the_document_and_writes_nothing(caseworker, case):
    with copenhagen(dt.date(2026, 3, 4)):
        client = signed_in(caseworker)
        register(client, case)
        access_request = AccessRequest.objects.get()
        numbers = numbered_documents(
            client.get(reverse("core:access_request", args=[access_request.pk])).content.decode()
        )
        data = {f"decide-{n}-decision": "full" for n in numbers.values()}
        message_no = next(n for title, n in numbers.items() if title.startswith("Modtaget fra"))
        data[f"decide-{message_no}-decision"] = "partial"
        data[f"decide-{message_no}-withheld"] = "en sætning, der ikke står der"
        data[f"decide-{message_no}-section"] = ""
        response = client.post(reverse("core:access_decide", args=[access_request.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Modtaget fra" in html
    assert "angiv den bestemmelse, oplysningerne undtages efter" in html
    assert "passagen “en sætning, der ikke står der” står ikke i dokumentet" in html
    access_request.refresh_from_db()
    assert access_request.state == "received"
    assert not AccessDocument.objects.exists() and not AccessLetter.objects.exists()


def test_a_deadline_letter_needs_a_reason_and_a_date_after_the_deadline(caseworker, case):
    with copenhagen(dt.date(2026, 3, 11)):
        client = signed_in(caseworker)
        register(client, case)
        access_request = AccessRequest.objects.get()
        response = client.post(
            reverse("core:access_deadline_letter", args=[access_request.pk]),
            {"deadline-reason": "Travlt.", "deadline-expected_on": "2026-03-11"},
            follow=True,
        )
    assert "Den forventede dato skal ligge efter fristen" in response.content.decode()
    assert not AccessLetter.objects.exists()


@pytest.mark.parametrize(
    ("received", "basis", "due"),
    [
        # 7 working days across Easter 2026 (2, 3 and 6 April closed): 1 April → 15 April
        # (7, 8, 9, 10, 13, 14, 15 April).
        ("2026-04-01", "forvaltningsloven", dt.date(2026, 4, 15)),
        # One's own data (GDPR art. 15): one calendar month, the last day of a shorter month.
        ("2026-01-31", "gdpr_art15", dt.date(2026, 2, 28)),
    ],
)
def test_the_deadline_follows_the_basis(caseworker, case, received, basis, due):
    with copenhagen(dt.date(2026, 4, 20)):
        register(signed_in(caseworker), case, received=received, basis=basis)
    assert AccessRequest.objects.get().due_on == due


def test_a_request_on_a_supervision_is_listed_on_it(head):
    supervision = SupervisionFactory(
        case_number="2026-0500001", title="Tilsyn med sagsbehandlingstider", responsible=head
    )
    with copenhagen(dt.date(2026, 3, 4)):
        client = signed_in(head)
        response = client.post(
            reverse("supervision:access_add", args=[supervision.pk]),
            {
                "access-requester": "third_party",
                "access-requester_name": "Journalist Mads Friis",
                "access-requester_address": "",
                "access-received_on": "2026-03-04",
                "access-basis": "offentlighedsloven",
            },
        )
        access_request = AccessRequest.objects.get()
        assert response["Location"] == reverse("core:access_request", args=[access_request.pk])
        page = client.get(reverse("supervision:detail", args=[supervision.pk])).content.decode()
    assert access_request.supervision == supervision and access_request.due_on == dt.date(2026, 3, 13)
    assert "Anmodning af 4. marts 2026 fra Journalist Mads Friis" in page


def test_the_request_is_registered_only_by_who_may_see_the_case(case, head):
    other = UserFactory(username="anden-jurist", roles=["jurist"])
    services.complaint_update(complaint=case, by=head, data={"responsible": head})
    with copenhagen(dt.date(2026, 3, 4)):
        # A jurist sees every complaint (the office's scoping): allowed. The committee is not.
        committee = UserFactory(username="akt-udvalg", roles=["committee"])
        assert register(signed_in(committee), case).status_code == 403
        assert register(signed_in(other), case).status_code == 302
    assert AccessRequest.objects.count() == 1

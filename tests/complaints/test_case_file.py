"""The jurist's case file (issue 15): notes and calls on any case, a change of caseworker with a
reason that the citizen hears of, the head's view of the load, and the next step on the
citizen's status page."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints import services
from complaints.models import CaseEvent, Complaint
from consultations import services as consultation_services
from core.models import CaseNote
from tests.factories import ComplaintFactory, ContactPersonFactory, SupervisionFactory, UserFactory

pytestmark = pytest.mark.django_db


def call_form(contact="", name="", text="Forvaltningen retter afgørelsen i morgen.", when="2026-11-20T10:15"):
    return {
        "note-kind": "call",
        "note-contact": contact,
        "note-contact_name": name,
        "note-occurred_at": when,
        "note-text": text,
    }


@time_machine.travel(dt.datetime(2026, 11, 20, 11, 0))
def test_a_call_with_a_contact_person_goes_on_the_case_without_changing_its_state(client_for, jurist):
    complaint = ComplaintFactory(state="telephone", contact_email="borger@example.invalid")
    contact = ContactPersonFactory(name="Mette Vinther")
    client = client_for(jurist)
    response = client.post(
        reverse("complaints:note_add", args=[complaint.pk]), call_form(contact=contact.pk), follow=True
    )
    html = response.content.decode()
    assert "Notatet er gemt." in html
    assert "Telefonsamtale med Mette Vinther" in html
    assert "Forvaltningen retter afgørelsen i morgen." in html
    note = CaseNote.objects.get()
    assert (note.complaint, note.author, note.contact) == (complaint, jurist, contact)
    assert note.occurred_at.astimezone(dt.UTC) == dt.datetime(2026, 11, 20, 9, 15, tzinfo=dt.UTC)  # 10:15 CET
    complaint.refresh_from_db()
    assert complaint.state == "telephone"
    assert not CaseEvent.objects.filter(complaint=complaint).exclude(action="created").exists()
    assert mail.outbox == []  # nothing for the citizen to hear of
    # Internal: the status page says nothing of it.
    status = Client().get(reverse("complaints:public_status", args=[complaint.public_token])).content.decode()
    assert "afgørelsen i morgen" not in status and "Mette" not in status


def test_a_call_with_nobody_named_is_refused_with_the_field_named(client_for, jurist):
    complaint = ComplaintFactory(state="telephone")
    response = client_for(jurist).post(
        reverse("complaints:note_add", args=[complaint.pk]), call_form(), follow=True
    )
    assert "Vælg kontaktpersonen, eller skriv, hvem du talte med." in response.content.decode()
    assert not CaseNote.objects.exists()


def test_a_plain_note_and_a_call_with_a_free_name_on_a_supervision_and_a_consultation(client_for, jurist):
    supervision = SupervisionFactory(state="hearing")
    consultation = consultation_services.consultation_create(
        by=jurist, kind="consultation", channel="phone", topic="Råd om partshøring"
    )
    client = client_for(jurist)
    client.post(
        reverse("supervision:note_add", args=[supervision.pk]),
        {"note-kind": "note", "note-occurred_at": "2026-11-20T09:00", "note-text": "Høringssvar ventes."},
    )
    client.post(
        reverse("consultations:note_add", args=[consultation.pk]),
        call_form(name="Leder i Jobcenter Nord", text="Rådgivet om partshøring."),
    )
    html = client.get(reverse("supervision:detail", args=[supervision.pk])).content.decode()
    assert "Høringssvar ventes." in html and "Notat" in html
    html = client.get(reverse("consultations:detail", args=[consultation.pk])).content.decode()
    assert "Telefonsamtale med Leder i Jobcenter Nord" in html and "Rådgivet om partshøring." in html
    assert supervision.notes.count() == 1 and consultation.notes.count() == 1
    supervision.refresh_from_db()
    assert supervision.state == "hearing"


def test_the_author_corrects_a_note_for_half_an_hour_and_then_it_is_frozen(client_for, jurist):
    complaint = ComplaintFactory(state="written")
    client = client_for(jurist)
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, 0, tzinfo=dt.UTC), tick=False):
        client.post(
            reverse("complaints:note_add", args=[complaint.pk]),
            {"note-kind": "note", "note-occurred_at": "2026-11-20T10:00", "note-text": "Svar ventes 1. dec."},
        )
    note = CaseNote.objects.get()
    edit = reverse("complaints:note_edit", args=[complaint.pk, note.pk])
    fields = {
        f"note{note.pk}-kind": "note",
        f"note{note.pk}-occurred_at": "2026-11-20T10:00",
        f"note{note.pk}-text": "Svar ventes 2. dec.",
    }
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, 29, tzinfo=dt.UTC), tick=False):
        page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
        assert "Ret notatet" in page
        response = client.post(edit, fields, follow=True)
    assert "Notatet er rettet." in response.content.decode()
    note.refresh_from_db()
    assert note.text == "Svar ventes 2. dec." and note.edited_at is not None
    with time_machine.travel(dt.datetime(2026, 11, 20, 10, 31, tzinfo=dt.UTC), tick=False):
        page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
        assert "Ret notatet" not in page
        response = client.post(edit, {**fields, f"note{note.pk}-text": "Svar ventes 3. dec."}, follow=True)
    assert "Et notat kan rettes i 30 minutter. Skriv et nyt notat med rettelsen." in response.content.decode()
    note.refresh_from_db()
    assert note.text == "Svar ventes 2. dec."
    # Another jurist never corrects somebody else's note.
    other = UserFactory(username="anden", roles=["jurist"])
    assert client_for(other).post(edit, fields).status_code == 403


def test_a_change_of_caseworker_asks_a_reason_and_tells_the_citizen_the_first_name(
    client_for, jurist, django_capture_on_commit_callbacks
):
    jurist.first_name, jurist.last_name = "Peter", "Holm"
    jurist.save()
    successor = UserFactory(username="sbl", first_name="Sofie", last_name="Lund", roles=["jurist"])
    complaint = ComplaintFactory(state="written", responsible=jurist, contact_email="borger@example.invalid")
    client = client_for(jurist)
    url = reverse("complaints:reassign", args=[complaint.pk])
    response = client.post(url, {"reassign-responsible": successor.pk, "reassign-reason": ""}, follow=True)
    assert "Begrundelse for skiftet" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.responsible == jurist
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"reassign-responsible": successor.pk, "reassign-reason": "Peter går på orlov."}, follow=True
        )
    assert "Sagen har fået en ny sagsbehandler." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.responsible == successor
    event = CaseEvent.objects.get(complaint=complaint, action="reassigned")
    assert event.note == "Ny sagsbehandler: Sofie Lund. Begrundelse: Peter går på orlov."
    assert [m.subject for m in mail.outbox] == [
        f"Din sag har fået en ny sagsbehandler ({complaint.case_number})"
    ]
    assert "Din sag" in mail.outbox[0].body and "ny sagsbehandler: Sofie." in mail.outbox[0].body
    assert "orlov" not in mail.outbox[0].body and "Lund" not in mail.outbox[0].body
    status = Client().get(reverse("complaints:public_status", args=[complaint.public_token])).content.decode()
    assert "Din sag behandles af Sofie." in status
    assert "Din sag har fået en ny sagsbehandler." in status
    assert "orlov" not in status


def test_the_case_data_form_no_longer_changes_the_caseworker_silently(client_for, jurist):
    complaint = ComplaintFactory(state="written", responsible=jurist)
    html = client_for(jurist).get(reverse("complaints:edit", args=[complaint.pk])).content.decode()
    assert 'name="responsible"' not in html


def test_the_status_page_says_when_the_department_is_asked_to_answer(jurist):
    complaint = ComplaintFactory(state="written")
    services.inquiry_send(
        complaint=complaint, by=jurist, sent_on=dt.date(2026, 11, 20), reply_due=dt.date(2026, 12, 12)
    )
    status = Client().get(reverse("complaints:public_status", args=[complaint.public_token])).content.decode()
    assert "Vi har bedt forvaltningen svare senest 12. december 2026." in status


def workload_rows(html: str) -> dict[str, tuple[str, str]]:
    body = html.split('id="workload-cap"')[1].split("</table>")[0]
    rows = {}
    for row in body.split("<tr>")[2:]:
        name = row.split("<th", 1)[1].split(">", 1)[1].split("</th>")[0]
        name = name.split(">")[-2].split("<")[0] if "<a" in name else name
        cells = [c.split("</td>")[0] for c in row.split('<td class="num">')[1:]]
        rows[name] = tuple(cells)
    return rows


@time_machine.travel(dt.datetime(2026, 11, 20, 12, 0))
def test_the_head_sees_open_and_overdue_cases_per_caseworker(client_for, head, jurist):
    jurist.first_name, jurist.last_name = "Peter", "Holm"
    jurist.save()
    other = UserFactory(username="sl", first_name="Sofie", last_name="Lund", roles=["jurist"])
    today = dt.date(2026, 11, 20)
    # Peter: three open — one with a reply past its deadline, one open for 45 days — and one closed.
    late = ComplaintFactory(state="written", responsible=jurist, received_on=today - dt.timedelta(days=10))
    services.inquiry_send(
        complaint=late,
        by=jurist,
        sent_on=today - dt.timedelta(days=9),
        reply_due=today - dt.timedelta(days=1),
    )
    ComplaintFactory(state="telephone", responsible=jurist, received_on=today - dt.timedelta(days=45))
    ComplaintFactory(state="screening", responsible=jurist, received_on=today)
    ComplaintFactory(
        state="closed",
        responsible=jurist,
        received_on=today - dt.timedelta(days=60),
        closed_on=today,
        track="telephone",
    )
    # Sofie: one open; nobody's: two, one of them old; Bo has left, his case must be handed on.
    ComplaintFactory(state="screening", responsible=other, received_on=today)
    gone = UserFactory(username="bo", first_name="Bo", last_name="Berg", roles=["jurist"], is_active=False)
    ComplaintFactory(state="written", responsible=gone, received_on=today - dt.timedelta(days=40))
    ComplaintFactory(state="received", responsible=None, received_on=today)
    ComplaintFactory(state="received", responsible=None, received_on=today - dt.timedelta(days=31))
    client = client_for(head)
    html = client.get(reverse("complaints:workload")).content.decode()
    rows = workload_rows(html)
    # Open, overdue, reply guarantee missed (none: these cases came by phone).
    assert rows["Peter Holm"] == ("3", "2", "0")
    assert rows["Sofie Lund"] == ("1", "0", "0")
    assert rows["Ufordelte"] == ("2", "1", "0")
    assert rows["Sagsbehandlere, der er stoppet"] == ("1", "1", "0")
    assert "Bo Berg" not in rows
    assert client_for(jurist).get(reverse("complaints:workload")).status_code == 403


def test_the_workload_page_costs_the_same_queries_for_more_cases_and_people(client_for, head):
    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("complaints:workload")).status_code == 200
        return len(ctx)

    client = client_for(head)
    people = [UserFactory(roles=["jurist"]) for _ in range(2)]
    for person in people:
        ComplaintFactory(state="screening", responsible=person)
    small = queries()
    people += [UserFactory(roles=["jurist"]) for _ in range(8)]
    for person in people:
        for _ in range(3):
            ComplaintFactory(state="written", responsible=person)
    assert queries() == small
    assert Complaint.objects.count() == 32


def queue_rows(html: str) -> list[list[str]]:
    """The queue's rows as the cells' text, tags stripped."""
    import re

    body = html.split('id="queue-cap"')[1].split("</table>")[0].split("<tbody>")[1]
    return [
        [
            re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", cell)).strip()
            for cell in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


@time_machine.travel(dt.datetime(2026, 11, 20, 12, 0))
def test_my_cases_show_the_next_deadline_and_days_open_sorted_by_what_is_due(client_for, jurist):
    today = dt.date(2026, 11, 20)
    client = client_for(jurist)
    waiting = ComplaintFactory(state="written", responsible=jurist, received_on=dt.date(2026, 11, 1))
    services.inquiry_send(complaint=waiting, by=jurist, sent_on=today, reply_due=dt.date(2026, 12, 12))
    fixing = ComplaintFactory(state="telephone", responsible=jurist, received_on=dt.date(2026, 10, 1))
    # The department will tell us when it is fixed: look again on 25 November.
    response = client.post(
        reverse("complaints:follow_up", args=[fixing.pk]),
        {"follow-follow_up_on": "2026-11-25", "follow-follow_up_reason": "Forvaltningen melder tilbage."},
        follow=True,
    )
    html = response.content.decode()
    assert "Opfølgningsdatoen er gemt." in html
    assert "Se på sagen igen 25. november 2026. Forvaltningen melder tilbage." in html
    assert "Opfølgningsdato 25. november 2026: Forvaltningen melder tilbage." in html  # on the timeline
    quiet = ComplaintFactory(state="screening", responsible=jurist, received_on=dt.date(2026, 11, 19))
    rows = queue_rows(client.get(reverse("complaints:queue")).content.decode())
    assert [row[0].split()[0] for row in rows] == [fixing.case_number, waiting.case_number, quiet.case_number]
    # Days open and the next deadline with what it is.
    assert rows[0][5:7] == ["50", "25. nov 2026 opfølgning"]
    assert rows[1][5:7] == ["19", "12. dec 2026 svar fra forvaltningen"]
    assert rows[2][5:7] == ["1", "—"]


def test_a_follow_up_date_that_has_come_is_flagged_and_can_be_removed(client_for, jurist):
    complaint = ComplaintFactory(state="telephone", responsible=jurist)
    client = client_for(jurist)
    with time_machine.travel(dt.datetime(2026, 11, 20, 12, 0)):
        client.post(
            reverse("complaints:follow_up", args=[complaint.pk]),
            {"follow-follow_up_on": "2026-11-24", "follow-follow_up_reason": ""},
        )
        assert "Opfølgning nu" not in client.get(reverse("complaints:queue")).content.decode()
    with time_machine.travel(dt.datetime(2026, 11, 24, 9, 0)):
        client = client_for(jurist)  # a new working day, a new sign-in
        assert "Opfølgning nu" in client.get(reverse("complaints:queue")).content.decode()
        client.post(reverse("complaints:follow_up", args=[complaint.pk]), {"follow-follow_up_on": ""})
        assert "Opfølgning nu" not in client.get(reverse("complaints:queue")).content.decode()
        response = client.post(
            reverse("complaints:follow_up", args=[complaint.pk]),
            {"follow-follow_up_on": "2026-11-23"},
            follow=True,
        )
    assert "Opfølgningsdatoen kan ikke ligge før i dag." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.follow_up_on is None
    texts = list(CaseNote.objects.filter(complaint=complaint).values_list("text", flat=True))
    assert texts == ["Opfølgningsdato 24. november 2026.", "Opfølgningsdato fjernet."]


@time_machine.travel(dt.datetime(2026, 11, 20, 12, 0))
def test_a_supervision_and_a_consultation_take_a_follow_up_date(client_for, jurist):
    supervision = SupervisionFactory(state="hearing")
    consultation = consultation_services.consultation_create(
        by=jurist, kind="consultation", channel="phone", topic="Råd"
    )
    client = client_for(jurist)
    client.post(
        reverse("supervision:follow_up", args=[supervision.pk]), {"follow-follow_up_on": "2026-11-20"}
    )
    client.post(
        reverse("consultations:follow_up", args=[consultation.pk]),
        {"follow-follow_up_on": "2026-12-01"},
    )
    supervision.refresh_from_db()
    consultation.refresh_from_db()
    assert (supervision.follow_up_on, consultation.follow_up_on) == (
        dt.date(2026, 11, 20),
        dt.date(2026, 12, 1),
    )
    queue = client.get(reverse("supervision:queue")).content.decode()
    assert "Opfølgning nu" in queue and "20. nov 2026" in queue


def test_a_closed_case_tells_the_citizen_the_outcome_in_plain_words():
    complaint = ComplaintFactory(
        state="closed",
        track="telephone",
        closed_on=dt.date(2026, 11, 2),
        outcome="partly_upheld",
        solved="solved",
    )
    status = Client().get(reverse("complaints:public_status", args=[complaint.public_token])).content.decode()
    assert "Vi fandt, at du delvist havde ret i din klage." in status
    assert "Problemet er løst." in status
    open_case = ComplaintFactory(state="written", outcome="upheld")
    status = Client().get(reverse("complaints:public_status", args=[open_case.public_token])).content.decode()
    assert "Vi fandt" not in status

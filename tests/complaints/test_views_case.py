import datetime as dt

import pytest
from django.urls import reverse

from complaints.models import CaseEvent, Complaint
from tests.factories import ComplaintFactory, department

pytestmark = pytest.mark.django_db


def test_case_page_shows_data_timeline_and_only_legal_actions(client_for, jurist):
    complaint = ComplaintFactory(state="telephone", person_cpr="010190-1234", themes=["delay"])
    html = client_for(jurist).get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert f"Sag {complaint.case_number}" in html
    assert "010190-1234" in html  # the full CPR on the case page of somebody who may handle it
    assert reverse("complaints:transition", args=[complaint.pk, "close"]) in html
    assert reverse("complaints:transition", args=[complaint.pk, "write"]) in html
    assert reverse("complaints:transition", args=[complaint.pk, "advise"]) not in html
    assert "Mægling kræver registreret samtykke" in html  # why mediation is not offered


def test_title_never_carries_the_cpr_number(client_for, jurist):
    complaint = ComplaintFactory(state="telephone", person_cpr="010190-1234")
    html = client_for(jurist).get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    title = html.split("<title>")[1].split("</title>")[0]
    assert "010190" not in title


def test_transition_through_the_page_moves_the_case_and_says_so(client_for, jurist):
    complaint = ComplaintFactory(state="screening")
    client = client_for(jurist)
    response = client.post(
        reverse("complaints:transition", args=[complaint.pk, "call"]),
        {"expected_state": "screening", "call-note": "Ringede til enheden"},
        follow=True,
    )
    assert "Sagen har nu status: Telefonisk dialog." in response.content.decode()
    assert Complaint.objects.get(pk=complaint.pk).state == "telephone"
    assert CaseEvent.objects.get(complaint=complaint).note == "Ringede til enheden"


def test_refused_guard_is_a_danish_message_not_an_error_page(client_for, jurist):
    complaint = ComplaintFactory(state="telephone")
    response = client_for(jurist).post(
        reverse("complaints:transition", args=[complaint.pk, "mediate"]),
        {"expected_state": "telephone"},
        follow=True,
    )
    assert response.status_code == 200
    assert (
        "Mægling kræver registreret samtykke fra både borgeren og forvaltningen." in response.content.decode()
    )
    assert Complaint.objects.get(pk=complaint.pk).state == "telephone"


def test_stale_page_gets_a_conflict_message(client_for, jurist):
    complaint = ComplaintFactory(state="telephone")
    response = client_for(jurist).post(
        reverse("complaints:transition", args=[complaint.pk, "write"]),
        {"expected_state": "screening"},
        follow=True,
    )
    assert "Sagen blev ændret af en anden" in response.content.decode()
    assert Complaint.objects.get(pk=complaint.pk).state == "telephone"


def test_closing_form_with_missing_fields_is_shown_again_with_errors(client_for, jurist):
    complaint = ComplaintFactory(state="telephone", furthest_step="telephone", themes=["delay"])
    response = client_for(jurist).post(
        reverse("complaints:transition", args=[complaint.pk, "close"]), {"expected_state": "telephone"}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Der er et problem" in html and 'href="#id_close-outcome"' in html
    assert Complaint.objects.get(pk=complaint.pk).state == "telephone"


def test_closing_through_the_page(client_for, jurist):
    complaint = ComplaintFactory(state="telephone", furthest_step="telephone", themes=["delay"])
    point = complaint.points.get()
    client_for(jurist).post(
        reverse("complaints:transition", args=[complaint.pk, "close"]),
        {
            "expected_state": "telephone",
            "close-outcome": "partly_upheld",
            "close-solved": "solved",
            "close-department_admitted_error": "yes",
            "close-legality_error": "no",
            f"close-point_{point.pk}": "partly",
        },
    )
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome, complaint.department_admitted_error) == (
        "closed",
        "partly_upheld",
        True,
    )


def test_supervision_cannot_be_opened_from_the_complaint_page(client_for, jurist):
    complaint = ComplaintFactory(state="written")
    response = client_for(jurist).post(
        reverse("complaints:transition", args=[complaint.pk, "escalate_to_supervision"]), {}
    )
    assert response.status_code == 404
    assert Complaint.objects.get(pk=complaint.pk).state == "written"


def test_transition_requires_post(client_for, jurist):
    complaint = ComplaintFactory(state="screening")
    assert (
        client_for(jurist).get(reverse("complaints:transition", args=[complaint.pk, "call"])).status_code
        == 405
    )


@pytest.mark.parametrize("persona_name", ["committee", "secretariat", "wb_member", "outsider", "superuser"])
def test_case_pages_are_refused_to_everyone_but_caseworkers(persona_name, request, client_for):
    complaint = ComplaintFactory(state="screening")
    client = client_for(request.getfixturevalue(persona_name))
    assert client.get(reverse("complaints:detail", args=[complaint.pk])).status_code == 403
    assert client.post(reverse("complaints:transition", args=[complaint.pk, "call"])).status_code == 403
    assert Complaint.objects.get(pk=complaint.pk).state == "screening"


def test_intake_registers_a_phone_complaint_with_a_point(client_for, jurist):
    from complaints.models import Theme

    response = client_for(jurist).post(
        reverse("complaints:intake"),
        {
            "kind": "complaint",
            "requester": "citizen",
            "channel": "phone",
            "received_on": "2023-05-02",
            "department": department("SOF").pk,
            "person_name": "Karen Hansen",
            "person_cpr": "0101901234",
            "summary": "Har ikke fået svar",
            "responsible": jurist.pk,
            "theme": Theme.objects.get(code="delay").pk,
        },
    )
    complaint = Complaint.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "complaints:detail", args=[complaint.pk]
    )
    assert (complaint.state, complaint.channel, complaint.person_cpr) == ("received", "phone", "010190-1234")
    assert [p.theme.code for p in complaint.points.all()] == ["delay"]
    assert CaseEvent.objects.get(complaint=complaint).action == "created"


def test_intake_refuses_a_bad_cpr_with_a_message_naming_the_field(client_for, jurist):
    response = client_for(jurist).post(
        reverse("complaints:intake"),
        {
            "kind": "complaint",
            "requester": "citizen",
            "channel": "phone",
            "received_on": "2023-05-02",
            "person_name": "Karen",
            "person_cpr": "321390-1234",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Cpr-nummer på den, klagen handler om: Cpr-nummeret begynder ikke med en gyldig dato." in html
    assert not Complaint.objects.exists()


def test_written_inquiry_reminders_and_reply_are_recorded(client_for, jurist):
    complaint = ComplaintFactory(state="written")
    client = client_for(jurist)
    client.post(
        reverse("complaints:inquiry_add", args=[complaint.pk]),
        {"inquiry-sent_on": "2023-05-02", "inquiry-reply_due": "2023-05-16"},
    )
    inquiry = complaint.inquiries.get()
    remind = reverse("complaints:inquiry_remind", args=[complaint.pk, inquiry.pk])
    client.post(remind, {f"remind{inquiry.pk}-sent_on": "2023-05-17"})
    client.post(remind, {f"remind{inquiry.pk}-sent_on": "2023-05-24"})
    # A reminder before the inquiry was sent is refused, with the reason.
    response = client.post(remind, {f"remind{inquiry.pk}-sent_on": "2023-04-01"}, follow=True)
    assert "En rykker sendes efter brevet (02.05.2023) og senest i dag." in response.content.decode()
    # A date registered wrong is corrected, and the timeline says so.
    second = inquiry.reminders.get(sent_on=dt.date(2023, 5, 24))
    client.post(
        reverse("complaints:reminder_correct", args=[complaint.pk, inquiry.pk, second.pk]),
        {f"reminder{second.pk}-sent_on": "2023-05-25"},
    )
    client.post(
        reverse("complaints:inquiry_reply", args=[complaint.pk, inquiry.pk]),
        {"reply-received_on": "2023-06-01"},
    )
    inquiry.refresh_from_db()
    assert list(inquiry.reminders.values_list("sent_on", flat=True)) == [
        dt.date(2023, 5, 17),
        dt.date(2023, 5, 25),
    ]
    assert inquiry.answered_on == dt.date(2023, 6, 1)
    events = list(CaseEvent.objects.filter(complaint=complaint).values_list("action", "note"))
    assert events == [
        ("inquiry_sent", ""),
        ("reminder_sent", ""),
        ("reminder_sent", ""),
        ("reminder_corrected", "Rykkerens dato er rettet fra 24.05.2023 til 25.05.2023."),
        ("reply_received", ""),
    ]


def test_mediation_consents_then_rounds_through_the_page(client_for, jurist):
    complaint = ComplaintFactory(state="telephone")
    client = client_for(jurist)
    for party in ("citizen", "department"):
        client.post(
            reverse("complaints:consent_add", args=[complaint.pk]),
            {"consent-party": party, "consent-given_on": "2023-05-03"},
        )
    client.post(
        reverse("complaints:transition", args=[complaint.pk, "mediate"]), {"expected_state": "telephone"}
    )
    client.post(
        reverse("complaints:round_add", args=[complaint.pk]),
        {"round-party": "citizen", "round-held_on": "2023-05-04", "round-summary": "Talt med borgeren"},
    )
    complaint.refresh_from_db()
    assert complaint.state == "mediation"
    assert complaint.mediation_rounds.get().summary == "Talt med borgeren"


def test_edit_saves_the_case_data_and_logs_it(client_for, jurist):
    complaint = ComplaintFactory(state="telephone", person_name="Gammelt Navn")
    response = client_for(jurist).post(
        reverse("complaints:edit", args=[complaint.pk]),
        {
            "kind": "complaint",
            "requester": "citizen",
            "department": department("BUF").pk,
            "person_name": "Nyt Navn",
            "person_cpr": "",
            "summary": "x",
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert (complaint.person_name, complaint.department.code, complaint.state) == (
        "Nyt Navn",
        "BUF",
        "telephone",
    )
    assert CaseEvent.objects.get(complaint=complaint).action == "updated"


def test_edit_refuses_a_unit_of_another_department(client_for, jurist):
    from tests.factories import UnitFactory

    unit = UnitFactory(department=department("TMF"))
    complaint = ComplaintFactory(state="telephone")
    response = client_for(jurist).post(
        reverse("complaints:edit", args=[complaint.pk]),
        {
            "kind": "complaint",
            "requester": "citizen",
            "department": department("SOF").pk,
            "unit": unit.pk,
            "person_name": "x",
            "summary": "x",
        },
    )
    assert "Enheden hører ikke under den valgte forvaltning." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.unit is None


def test_a_general_problem_is_recorded_shown_and_counted(client_for, jurist):
    import datetime as dt
    import json
    from io import StringIO

    from django.core.management import call_command

    complaint = ComplaintFactory(
        state="closed",
        track="written",
        outcome="upheld",
        received_on=dt.date(2023, 5, 1),
        closed_on=dt.date(2023, 9, 1),
    )
    client = client_for(jurist)
    response = client.post(
        reverse("complaints:edit", args=[complaint.pk]),
        {
            "kind": "complaint",
            "requester": "citizen",
            "department": department("SOF").pk,
            "person_name": "x",
            "summary": "x",
            "general_problem": "on",
            "citizens_affected": "680",
            "it_system": "Opkrævningssystem for egenbetaling",
            "department_explanation": "Beregningsgrundlaget blev ikke opdateret.",
        },
    )
    assert response.status_code == 302
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "ca. 680 berørte borgere" in page
    assert (
        "Opkrævningssystem for egenbetaling" in page and "Beregningsgrundlaget blev ikke opdateret." in page
    )
    out = StringIO()
    call_command("beretning_stats", year=2023, format="json", stdout=out)
    figures = json.loads(out.getvalue())
    assert (figures["systemic_cases"], figures["citizens_affected"]) == (1, 680)


def test_the_closing_form_chooses_nothing_in_advance(client_for, jurist):
    import re

    complaint = ComplaintFactory(state="telephone", furthest_step="telephone", themes=["delay", "guidance"])
    html = client_for(jurist).get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    selects = {
        name: body
        for name, body in re.findall(r'<select name="close-(\w+)"[^>]*>(.*?)</select>', html, re.DOTALL)
    }
    points = [f"point_{p.pk}" for p in complaint.points.all()]
    assert set(selects) >= {"outcome", "solved", *points}
    for name in ["outcome", "solved", *points]:
        # The empty "— vælg —" option comes first and is the one selected.
        assert re.search(r'<option value="" selected>— vælg —</option>', selects[name]), name
        assert selects[name].count("selected") == 1, name
    # The two yes/no questions are radio buttons with neither checked.
    for name in ["department_admitted_error", "legality_error"]:
        assert not re.search(rf'name="close-{name}"[^>]*checked', html), name


def test_closing_without_choices_names_what_is_missing_and_changes_nothing(client_for, jurist):
    complaint = ComplaintFactory(state="telephone", furthest_step="telephone", themes=["delay"])
    response = client_for(jurist).post(
        reverse("complaints:transition", args=[complaint.pk, "close"]),
        {"expected_state": "telephone", "close-outcome": "", "close-solved": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    for field in ["outcome", "solved", "department_admitted_error", "legality_error"]:
        assert f'href="#id_close-{field}' in html, field
    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome, complaint.solved) == ("telephone", "", "")


def test_a_complaint_without_points_says_so_and_links_to_adding_one(client_for, jurist):
    complaint = ComplaintFactory(state="telephone", furthest_step="telephone")
    client = client_for(jurist)
    html = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert (
        "Klagen har endnu ingen klagepunkter: tilføj mindst ét under Klagepunkter, før sagen lukkes." in html
    )
    assert '<a href="#points-h">Tilføj et klagepunkt</a>' in html
    assert reverse("complaints:transition", args=[complaint.pk, "close"]) not in html


def test_the_guard_names_every_missing_closure_field(jurist):
    from django.core.exceptions import ValidationError

    from complaints import services

    complaint = ComplaintFactory(state="telephone", furthest_step="telephone", themes=["delay"])
    with pytest.raises(ValidationError) as raised:
        services.complaint_transition(
            complaint=complaint, action="close", by=jurist, fields={"outcome": "upheld"}
        )
    assert raised.value.messages == [
        "Før sagen lukkes, skal du vælge om problemet blev løst, om forvaltningen erkendte en fejl, "
        "om fejlen kunne have betydning for en afgørelses lovlighed, en vurdering af hvert klagepunkt."
    ]


def test_the_yearly_figures_of_closings_through_the_new_form(client_for, jurist):
    """Four complaints closed through the page with explicit choices: 2 upheld or partly of 3
    assessed = 66.7 %; 3 solved or partly of 4 handled = 75.0 % (worked out by hand)."""
    import json
    from io import StringIO

    from django.core.management import call_command

    client = client_for(jurist)
    for outcome, solved in [
        ("upheld", "solved"),
        ("partly_upheld", "partly_solved"),
        ("not_upheld", "not_solved"),
        ("not_assessed", "solved"),
    ]:
        complaint = ComplaintFactory(
            state="telephone", furthest_step="telephone", themes=["delay"], received_on=dt.date(2023, 5, 1)
        )
        point = complaint.points.get()
        response = client.post(
            reverse("complaints:transition", args=[complaint.pk, "close"]),
            {
                "expected_state": "telephone",
                "close-outcome": outcome,
                "close-solved": solved,
                "close-department_admitted_error": "no",
                "close-legality_error": "no",
                f"close-point_{point.pk}": "not_upheld",
            },
        )
        assert response.status_code == 302
        Complaint.objects.filter(pk=complaint.pk).update(closed_on=dt.date(2023, 6, 1))
    out = StringIO()
    call_command("beretning_stats", year=2023, format="json", stdout=out)
    figures = json.loads(out.getvalue())
    assert (figures["upheld_pct"], figures["solved_pct"]) == (66.7, 75.0)


def test_a_shuttle_contact_is_logged_on_any_open_case_and_counted(client_for, jurist):
    """Pendulmægling is an everyday method in the telephone and written tracks, not only in a
    formal mediation (DOMAIN §7): the contact is logged without a state change, and counted."""
    import json
    from io import StringIO

    from django.core.management import call_command

    complaint = ComplaintFactory(state="written", received_on=dt.date(2023, 5, 1))
    client = client_for(jurist)
    response = client.post(
        reverse("complaints:round_add", args=[complaint.pk]),
        {"round-party": "department", "round-held_on": "2023-05-10", "round-summary": "Talt med enheden"},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.state == "written"
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert "Talt med enheden" in page and "Pendulmægling" in page
    out = StringIO()
    call_command("beretning_stats", year=2023, format="json", stdout=out)
    assert json.loads(out.getvalue())["mediation_shuttle_contacts"] == 1
    closed = ComplaintFactory(
        state="closed", track="written", received_on=dt.date(2023, 5, 1), closed_on=dt.date(2023, 6, 1)
    )
    client.post(
        reverse("complaints:round_add", args=[closed.pk]),
        {"round-party": "citizen", "round-held_on": "2023-06-02", "round-summary": "For sent"},
    )
    assert not closed.mediation_rounds.exists()


def test_the_intake_form_names_the_caseworkers_by_name(client_for, jurist):
    from tests.factories import UserFactory

    UserFactory(username="jjuul", first_name="Jonas", last_name="Juul", roles=["jurist"])
    html = client_for(jurist).get(reverse("complaints:intake")).content.decode()
    assert ">Jonas Juul</option>" in html
    assert ">jjuul</option>" not in html


def test_an_unassigned_case_is_seen_by_every_jurist_and_taken_once(jurist):
    from tests.factories import UserFactory

    other = UserFactory(username="anden-jurist", first_name="Anna", last_name="Andersen", roles=["jurist"])
    from django.test import Client

    complaint = ComplaintFactory(channel="digital_form", state="received", responsible=None)
    mine = Client()
    mine.force_login(jurist)
    queue = reverse("complaints:queue")
    assert complaint.case_number in mine.get(queue, {"scope": "unassigned"}).content.decode()
    assert complaint.case_number not in mine.get(queue).content.decode()  # "Mine sager"
    theirs = Client()
    theirs.force_login(other)
    response = theirs.post(reverse("complaints:take", args=[complaint.pk]), follow=True)
    assert "Du er nu ansvarlig for sagen." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.responsible == other
    assert CaseEvent.objects.filter(complaint=complaint, action="taken", actor=other).count() == 1
    # Too late for the first jurist: told who took it, nothing changes.
    response = mine.post(reverse("complaints:take", args=[complaint.pk]), follow=True)
    assert "Anna Andersen har allerede taget sagen." in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.responsible == other
    assert complaint.case_number not in mine.get(queue, {"scope": "unassigned"}).content.decode()

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from whistleblower import services
from whistleblower.models import AccessLog, Message, Report

pytestmark = pytest.mark.django_db


def test_each_viewing_session_of_a_report_is_logged_once(unit_client, wb_member, report):
    """One "opened" row per member per report per half hour: a reload after an action adds
    none (issue 17); the next session does."""
    import datetime as dt

    import time_machine
    from django.utils import timezone

    url = reverse("whistleblower:unit_report", args=[report.pk])
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        unit_client.get(url)
        unit_client.get(url)
    with time_machine.travel(start + dt.timedelta(minutes=29), tick=False):
        unit_client.get(url)
    assert list(AccessLog.objects.filter(report=report).values_list("action", "actor")) == [
        ("opened", wb_member.pk)
    ]
    with time_machine.travel(start + dt.timedelta(minutes=31), tick=False):
        unit_client.get(url)
        page = unit_client.get(url).content.decode()
    assert AccessLog.objects.filter(report=report, action="opened").count() == 2
    assert "Åbnede indberetningen" in page and ">opened<" not in page  # in words
    entry = AccessLog.objects.first()
    with pytest.raises(ValueError):
        entry.save()


def test_identity_is_hidden_until_opened_with_a_logged_reason(unit_client, report):
    page = unit_client.get(reverse("whistleblower:unit_report", args=[report.pk])).content.decode()
    assert "Anna Anonym" not in page and "Åbn identiteten" in page
    assert "projektkontoen" in page  # the body is there for the unit
    refused = unit_client.post(reverse("whistleblower:unit_identity", args=[report.pk]), {"id-reason": ""})
    assert refused.status_code == 302
    opened = unit_client.post(
        reverse("whistleblower:unit_identity", args=[report.pk]),
        {"id-reason": "Nødvendigt for at høre vidnet"},
    ).content.decode()
    assert "Anna Anonym" in opened
    entry = AccessLog.objects.get(action="identity_opened")
    assert entry.reason == "Nødvendigt for at høre vidnet"


def test_the_whole_way_from_acknowledgement_to_closing(unit_client, report):
    def act(action, data):
        return unit_client.post(
            reverse("whistleblower:unit_transition", args=[report.pk, action]),
            {"expected_state": Report.objects.get(pk=report.pk).state, **data},
        )

    act("acknowledge", {"acknowledge-message": "Tak, vi har modtaget din indberetning."})
    act(
        "triage",
        {"triage-subject": "Penge flyttet", "triage-theme_1": "finances", "triage-theme_2": "internal_rules"},
    )
    act("investigate", {})
    response = act("conclude", {"conclude-message": ""})
    assert Report.objects.get(pk=report.pk).state == "investigating"  # feedback is required
    assert response.status_code == 302
    act("conclude", {"conclude-message": "Vi har undersøgt sagen; lederen er afskediget."})
    act("close", {})
    report.refresh_from_db()
    assert (report.state, report.scope) == ("closed", "within")
    assert report.acknowledged_on and report.concluded_on and report.closed_on
    assert sorted(report.matters.values_list("theme", flat=True)) == ["finances", "internal_rules"]
    assert list(report.messages.values_list("kind", flat=True)) == ["acknowledgement", "feedback"]


def test_rejection_carries_a_reason_and_guidance(wb_member, report):
    services.report_transition(report=report, action="acknowledge", by=wb_member)
    services.report_transition(report=report, action="triage", by=wb_member, themes=["other"])
    with pytest.raises(ValidationError):
        services.report_transition(
            report=report,
            action="reject",
            by=wb_member,
            message="Afvist.",
            fields={"rejection_reason": "outside_scope"},
        )
    services.report_transition(
        report=report,
        action="reject",
        by=wb_member,
        message="Vi kan ikke behandle den.",
        fields={
            "rejection_reason": "outside_scope",
            "rejection_guidance": "Kontakt din tillidsrepræsentant.",
        },
    )
    report.refresh_from_db()
    assert (report.state, report.scope, report.rejection_reason) == ("rejected", "rejected", "outside_scope")
    assert report.rejection_guidance == "Kontakt din tillidsrepræsentant."
    assert Message.objects.filter(report=report, kind="rejection").exists()


def test_triage_waits_for_the_acknowledgement_the_reporter_asked_for(wb_member, report):
    with pytest.raises(ValidationError):
        services.report_transition(report=report, action="triage", by=wb_member, themes=["finances"])


def test_no_acknowledgement_is_sent_when_the_reporter_declined(wb_member):
    report, _code = services.report_submit(body="Noget alvorligt.", wants_acknowledgement=False)
    with pytest.raises(ValidationError):
        services.report_transition(report=report, action="acknowledge", by=wb_member)
    services.report_transition(report=report, action="triage", by=wb_member, themes=["finances"])
    assert Report.objects.get(pk=report.pk).state == "triaged"


@pytest.mark.parametrize("persona_name", ["head", "superuser", "secretariat"])
def test_only_unit_members_may_move_a_report(persona_name, request, report):
    with pytest.raises(PermissionDenied):
        services.report_transition(
            report=report, action="acknowledge", by=request.getfixturevalue(persona_name)
        )


def test_queue_shows_deadlines_not_content(unit_client, report):
    html = unit_client.get(reverse("whistleblower:unit_queue")).content.decode()
    assert report.reference in html and "projektkontoen" not in html and "Anna" not in html
    assert report.acknowledgement_due.strftime("%Y") in html


def test_an_oral_report_is_registered_as_minutes_with_the_approval_flag(unit_client):
    response = unit_client.post(
        reverse("whistleblower:unit_oral"),
        {
            "channel": "meeting",
            "oral_record": "Referat: medarbejderen forklarede om snyd med timer.",
            "wants_acknowledgement": "on",
        },
    )
    report = Report.objects.get()
    # The receipt code is on this answer only — never in a redirect's message cookie
    # (Django's messages are signed, not encrypted) (issue 14, finding 14).
    assert response.status_code == 200
    code = re.search(r'id="receipt-code">([A-Z2-7-]+)<', response.content.decode())[1]
    assert services.report_by_receipt(code) == report
    assert all(code not in morsel.value for morsel in response.cookies.values())
    assert "messages" not in response.cookies
    assert response["Cache-Control"] == "no-store"
    assert (report.channel, report.reporter_approved_record) == ("meeting", False)
    assert report.oral_record.startswith("Referat")
    unit_client.post(reverse("whistleblower:unit_record_approved", args=[report.pk]))
    assert Report.objects.get().reporter_approved_record is True


def test_identity_is_disclosed_only_after_a_reasoned_notice(wb_member, report):
    with pytest.raises(ValidationError):
        services.identity_disclose(
            report=report, by=wb_member, recipient="Politiet", reason="Straffelovens § 1"
        )
    services.unit_message(
        report=report,
        by=wb_member,
        kind="notice",
        body="Vi skal videregive din identitet til politiet, fordi …",
    )
    services.identity_disclose(report=report, by=wb_member, recipient="Politiet", reason="Retsplejeloven")
    assert AccessLog.objects.get(action="identity_disclosed").reason == "Politiet: Retsplejeloven"


def test_key_rotation_reencrypts_everything_under_the_new_key(report, settings, tmp_path):
    from io import StringIO

    from cryptography.fernet import Fernet
    from django.core.management import call_command
    from django.db import connection

    old_key = settings.WB_ENCRYPTION_KEY
    new_key = Fernet.generate_key().decode()
    settings.WB_ENCRYPTION_KEY = f"{new_key},{old_key}"
    call_command("wb_rotate_key", stdout=StringIO())
    settings.WB_ENCRYPTION_KEY = new_key  # the old key is gone
    fresh = Report.objects.get(pk=report.pk)
    assert fresh.body.startswith("Lederen flytter penge")
    assert fresh.persons.reporter_name == "Anna Anonym"
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM whistleblower_report")
        token = cursor.fetchone()[0]
    assert Fernet(new_key).decrypt(token.encode()).decode().startswith("Lederen")


def test_investigation_notes_are_the_units_and_stay_encrypted(unit_client, report):
    from django.db import connection

    unit_client.post(
        reverse("whistleblower:unit_notes", args=[report.pk]), {"notes-notes": "Talt med revisionen."}
    )
    assert Report.objects.get(pk=report.pk).notes == "Talt med revisionen."
    with connection.cursor() as cursor:
        cursor.execute("SELECT notes FROM whistleblower_report")
        assert "revisionen" not in cursor.fetchone()[0]
    follow_up = unit_client.post(reverse("whistleblower:portal_follow_up"), {"code": report.receipt_code})
    assert "revisionen" not in follow_up.content.decode()  # never shown to the reporter


def test_no_whistleblower_data_in_the_general_exports(client_for, secretariat, committee, report):
    from tests.factories import department

    export = client_for(secretariat).get(
        reverse("complaints:department_export"),
        {"department": department("SOF").pk, "year": 2023, "format": "csv"},
    )
    stats_csv = client_for(committee).get(reverse("stats:export_csv"), {"year": 2023})
    for response in (export, stats_csv):
        text = response.content.decode("utf-8-sig")
        assert report.reference not in text and "projektkontoen" not in text and "Anna" not in text


def test_the_unit_sees_the_reporters_language_and_the_conversation_first(client, unit_client):
    """A report sent through the English portal says so on the unit's page (the unit answers in
    English), and the messages with the reporter come before the rest (issue 24)."""
    response = client.post(
        reverse("whistleblower:portal_report") + "?sprog=en",
        {"body": "The workshop manager claims mileage for trips never made.", "sprog": "en"},
    )
    assert response.status_code == 200
    report = Report.objects.get()
    assert report.language == "en"
    page = unit_client.get(reverse("whistleblower:unit_report", args=[report.pk])).content.decode()
    assert "Indberetteren skrev på engelsk: skriv til indberetteren på engelsk." in page
    assert page.index('id="msg-h"') < page.index('id="body-h"')
    # A report in Danish says nothing about it.
    danish, _code = services.report_submit(body="Der bliver snydt med kørsel.")
    page = unit_client.get(reverse("whistleblower:unit_report", args=[danish.pk])).content.decode()
    assert 'id="reporter-language"' not in page

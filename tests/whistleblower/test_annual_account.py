"""The scheme's annual account (issue 16, item 4): the unit's anonymised summaries, the
calendar year's decisions, the PDF for the committee, and the release rule."""

import datetime as dt
import logging
from io import StringIO

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from annual_report.whistleblower_report import whistleblower_report_pdf
from stats.selectors import year_figures
from tests.pdfs import pdf_text
from tests.sessions import sign_in_with_second_factor
from whistleblower import services, upkeep
from whistleblower.models import Matter, Report, ReportEvent
from whistleblower.published import annual_account

pytestmark = pytest.mark.django_db

HOSTILE = "<b>x</b>&<font"
JANUARY_2024 = dt.date(2024, 1, 15)  # 2023 has ended
NEW_YEARS_EVE = dt.date(2023, 12, 31)  # 2023 has not


def make(
    reference,
    received,
    *,
    channel="portal",
    scope="",
    reason="",
    closed=None,
    state="received",
    summary="",
    themes=(),
):
    """A report as the statistics and the account see it: dates, channel, scope, themes."""
    report = Report.objects.create(
        reference=reference,
        received_on=received,
        channel=channel,
        scope=scope,
        rejection_reason=reason,
        closed_on=closed,
        concluded_on=closed,
        state=state,
        summary=summary,
    )
    Matter.objects.bulk_create(Matter(report=report, theme=t) for t in themes)
    return report


def investigated(reference, received, closed, summary="", **kw):
    return make(reference, received, scope="within", state="closed", closed=closed, summary=summary, **kw)


def rejected(reference, received, closed, reason, summary="", **kw):
    return make(
        reference,
        received,
        scope="rejected",
        state="rejected",
        closed=closed,
        reason=reason,
        summary=summary,
        **kw,
    )


@pytest.fixture
def year_2023():
    """Received in 2023: A–I (9 reports, 11 matters); decided in 2023 also J and K, received in
    2022. G and H are received in 2023 but decided in 2024; F is still being investigated."""
    d = dt.date
    # Decided in 2022 (L) and received in 2024 (M): in no 2023 figure but the previous year's.
    rejected("WB-2022-0001", d(2022, 10, 1), d(2022, 12, 20), "not_municipal", "Gammel sag")
    make("WB-2024-0001", d(2024, 1, 2))
    # Received in 2022, decided in 2023.
    rejected("WB-2022-0002", d(2022, 12, 15), d(2023, 1, 10), "outside_scope", "Dårlig og uengageret ledelse")
    investigated("WB-2022-0003", d(2022, 11, 1), d(2023, 3, 1), "Chikane/mobning af medarbejdere")
    # Received in 2023.
    investigated(
        "WB-2023-0001",
        d(2023, 2, 1),
        d(2023, 4, 10),
        "Dårligt arbejdsmiljø",
        themes=["work_environment", "internal_rules"],
    )
    investigated(
        "WB-2023-0002",
        d(2023, 3, 5),
        d(2023, 6, 1),
        "Ventelister til botilbud",
        channel="phone",
        themes=["legal_requirements"],
    )
    investigated("WB-2023-0003", d(2023, 5, 10), d(2023, 9, 1), themes=["finances"])  # no summary
    rejected(
        "WB-2023-0004",
        d(2023, 6, 1),
        d(2023, 6, 20),
        "unsubstantiated",
        "Snyd med tilskud og måltal",
        channel="letter",
        themes=["finances", "other"],
    )
    rejected("WB-2023-0005", d(2023, 7, 1), d(2023, 7, 15), "outside_personal_scope", themes=["other"])
    make(
        "WB-2023-0006",
        d(2023, 8, 1),
        channel="meeting",
        scope="within",
        state="investigating",
        summary="Stadig under undersøgelse",
        themes=["neglect"],
    )
    investigated(
        "WB-2023-0007",
        d(2023, 11, 20),
        d(2024, 1, 5),
        "Ansættelsesvilkår i strid med interne regler",
        themes=["work_environment"],
    )
    rejected(
        "WB-2023-0008", d(2023, 12, 10), d(2024, 1, 3), "outside_scope", "Afvist i januar", themes=["other"]
    )
    # The same subject as WB-2023-0001, written in lower case: listed once.
    investigated(
        "WB-2023-0009", d(2023, 9, 9), d(2023, 10, 10), "dårligt arbejdsmiljø", themes=["work_environment"]
    )


EXPECTED_2023 = {
    "year": 2023,
    "period": {"start": "2023-01-01", "end": "2023-12-31"},
    "released": True,
    "reports": 9,
    "matters": 11,
    "reports_by_channel": {"portal": 6, "phone": 1, "meeting": 1, "letter": 1},
    "investigated": {
        "reports": 5,
        "summaries": ["Chikane/mobning af medarbejdere", "Dårligt arbejdsmiljø", "Ventelister til botilbud"],
        "without_summary": 1,
    },
    "rejected": {
        "reports": 3,
        "by_reason": {
            "outside_scope": 1,
            "unsubstantiated": 1,
            "not_municipal": 0,
            "outside_personal_scope": 1,
            "consent_missing": 0,
        },
        "summaries": ["Dårlig og uengageret ledelse", "Snyd med tilskud og måltal"],
        "without_summary": 1,
    },
}


# --- the account --------------------------------------------------------------------------


def test_the_account_counts_by_decision_and_lists_the_summaries_of_the_year(year_2023):
    assert annual_account(2023, today=JANUARY_2024) == EXPECTED_2023


def test_the_account_agrees_with_the_yearly_statistics(year_2023):
    wb = year_figures(2023, today=JANUARY_2024).data["whistleblower"]
    account = annual_account(2023, today=JANUARY_2024)
    assert (wb["reports"], wb["matters"], wb["reports_previous_year"]) == (
        account["reports"],
        account["matters"],
        3,
    )


def test_a_year_that_has_not_ended_is_not_released_nor_queried(year_2023, django_assert_num_queries):
    with django_assert_num_queries(0):
        account = annual_account(2023, today=NEW_YEARS_EVE)
    assert account == {
        "year": 2023,
        "period": {"start": "2023-01-01", "end": "2023-12-31"},
        "released": False,
        "reports": None,
        "matters": None,
        "reports_by_channel": None,
        "investigated": None,
        "rejected": None,
    }
    assert annual_account(2023, today=dt.date(2024, 1, 1))["released"]


def test_the_account_costs_three_queries_whatever_the_number_of_reports(year_2023, django_assert_num_queries):
    with django_assert_num_queries(3):
        annual_account(2023, today=JANUARY_2024)
    more = [
        Report(
            reference=f"WB-2023-{i:04d}",
            received_on=dt.date(2023, 1, 1) + dt.timedelta(days=i % 300),
            channel="portal",
            scope="rejected" if i % 2 else "within",
            rejection_reason="unsubstantiated" if i % 2 else "",
            closed_on=dt.date(2023, 12, 1),
            state="rejected" if i % 2 else "closed",
            summary=f"Emne {i}",
        )
        for i in range(100, 400)
    ]
    Report.objects.bulk_create(more)
    with django_assert_num_queries(3):
        account = annual_account(2023, today=JANUARY_2024)
    assert (account["investigated"]["reports"], account["rejected"]["reports"]) == (5 + 150, 3 + 150)
    assert account["rejected"]["by_reason"]["unsubstantiated"] == 1 + 150
    assert len(account["investigated"]["summaries"]) == 3 + 150


# --- the summary survives the purge --------------------------------------------------------


def test_the_purge_deletes_the_content_but_keeps_the_summary(wb_member, settings):
    settings.WB_RETENTION_DAYS = 30
    report, _code = services.report_submit(body="Lederen tager penge", reporter_name="Anna Anonym")
    services.report_transition(report=report, action="acknowledge", by=wb_member, message="Tak")
    services.report_transition(
        report=report, action="triage", by=wb_member, themes=["finances"], fields={"subject": "Penge"}
    )
    services.report_transition(report=report, action="investigate", by=wb_member)
    services.notes_update(report=report, by=wb_member, notes="Hemmelige notater")
    services.summary_update(report=report, by=wb_member, summary="  Økonomiske\nuregelmæssigheder  ")
    services.report_transition(report=report, action="conclude", by=wb_member, message="Feedback")
    services.report_transition(report=report, action="close", by=wb_member)
    Report.objects.filter(pk=report.pk).update(closed_on=dt.date.today() - dt.timedelta(days=31))

    assert upkeep.purge_due() == 1

    report.refresh_from_db()
    assert (report.body, report.subject, report.notes, report.content_purged_on) == (
        "",
        "",
        "",
        dt.date.today(),
    )
    assert not report.messages.exists()
    assert report.summary == "Økonomiske uregelmæssigheder"  # one line, and kept
    closed_year = report.closed_on.year
    account = annual_account(closed_year, today=dt.date(closed_year + 1, 1, 1))
    assert account["investigated"]["summaries"] == ["Økonomiske uregelmæssigheder"]


def test_a_summary_longer_than_one_line_of_200_characters_is_refused(report, wb_member):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.summary_update(report=report, by=wb_member, summary="x" * 201)
    assert Report.objects.get(pk=report.pk).summary == ""


# --- the unit's page -----------------------------------------------------------------------


def test_the_unit_writes_the_summary_on_the_report_page_and_the_timeline_says_so(
    unit_client, wb_member, report, caplog
):
    url = reverse("whistleblower:unit_report", args=[report.pk])
    page = unit_client.get(url).content.decode()
    # In the page's language (the catalogue's Danish once merged; the source text before).
    with translation.override("da"):
        label = translation.gettext("Summary for the annual account")
        help_text = str(Report._meta.get_field("summary").help_text)
        event_text = translation.gettext("Summary for the annual account saved")
    assert label in page and help_text in page
    with caplog.at_level(logging.DEBUG):
        response = unit_client.post(
            reverse("whistleblower:unit_summary", args=[report.pk]),
            {"summary-summary": "Misbrug af midler på projektkonto"},
        )
    assert response.status_code == 302 and response["Location"] == url
    assert Report.objects.get(pk=report.pk).summary == "Misbrug af midler på projektkonto"
    assert "projektkonto" not in caplog.text  # never logged
    event = ReportEvent.objects.get(report=report, action="summary_updated")
    assert event.actor == wb_member and event.from_state == event.to_state == "received"
    page = unit_client.get(url).content.decode()
    assert 'value="Misbrug af midler på projektkonto"' in page
    assert event_text in page  # the timeline row, in words


def test_a_too_long_summary_is_shown_again_with_the_error(unit_client, report):
    response = unit_client.post(
        reverse("whistleblower:unit_summary", args=[report.pk]), {"summary-summary": "y" * 201}
    )
    assert response.status_code == 400
    assert "y" * 201 in response.content.decode()
    assert Report.objects.get(pk=report.pk).summary == ""
    assert not ReportEvent.objects.filter(action="summary_updated").exists()


def test_the_summary_form_takes_only_post(unit_client, report):
    assert unit_client.get(reverse("whistleblower:unit_summary", args=[report.pk])).status_code == 405


@pytest.mark.parametrize(
    "persona_name", ["jurist", "head", "committee", "secretariat", "outsider", "superuser"]
)
def test_nobody_outside_the_unit_sees_or_edits_the_summary(
    persona_name, request, client_for, report, wb_member
):
    services.summary_update(report=report, by=wb_member, summary="Hemmeligt emne")
    client = client_for(request.getfixturevalue(persona_name))
    assert client.get(reverse("whistleblower:unit_report", args=[report.pk])).status_code == 404
    response = client.post(
        reverse("whistleblower:unit_summary", args=[report.pk]), {"summary-summary": "Overskrevet"}
    )
    assert response.status_code == 404
    assert Report.objects.get(pk=report.pk).summary == "Hemmeligt emne"


def test_a_member_without_the_second_factor_cannot_edit_the_summary(client_for, wb_member, report):
    response = client_for(wb_member).post(
        reverse("whistleblower:unit_summary", args=[report.pk]), {"summary-summary": "Uden kode"}
    )
    assert response.status_code == 302 and response["Location"] == reverse("whistleblower:second_factor")
    assert Report.objects.get(pk=report.pk).summary == ""


def test_a_member_with_the_second_factor_may_edit_after_the_purge(client, wb_member):
    """The summary is the one text the unit may still write once the content is gone."""
    report = investigated("WB-2023-0001", dt.date(2023, 2, 1), dt.date(2023, 4, 10))
    Report.objects.filter(pk=report.pk).update(content_purged_on=dt.date(2024, 6, 1))
    client = sign_in_with_second_factor(client, wb_member)
    client.post(reverse("whistleblower:unit_summary", args=[report.pk]), {"summary-summary": "Sent emne"})
    assert Report.objects.get(pk=report.pk).summary == "Sent emne"


# --- the PDF for the committee -------------------------------------------------------------


@time_machine.travel(dt.datetime(2024, 1, 15, 10, 0, tzinfo=dt.UTC))
def test_the_command_writes_the_years_report_with_figures_and_summaries(year_2023, tmp_path):
    out = tmp_path / "wb-2023.pdf"
    stdout = StringIO()
    call_command("wb_annual_report", "--year", "2023", "--out", str(out), stdout=stdout)
    assert "Wrote" in stdout.getvalue()
    text = " ".join(pdf_text(out.read_bytes()).split())  # a table's cells come out line by line
    assert "Årsrapport 2023" in text and "Borgerrådgiveren · Københavns Kommune" in text
    assert "Kalenderåret 2023: 1. januar 2023 – 31. december 2023" in text
    for line in (
        "Indberetninger modtaget i 2023 9",
        "Forhold i disse indberetninger 11",
        "Indberetninger modtaget i 2022 3",
        "Indberetninger undersøgt og afsluttet i 2023 5",
        "Indberetninger afvist i 2023 3",
        "Portal (skriftlig) 6",
        "Arbejdsmiljø og sikkerhed 27,3 %",
        "Økonomi 18,2 %",
        "Ikke en alvorlig overtrædelse eller et alvorligt forhold 1",
    ):
        assert line in text, line
    for summary in EXPECTED_2023["investigated"]["summaries"] + EXPECTED_2023["rejected"]["summaries"]:
        assert summary in text, summary
    assert text.count("Uden resumé: 1 indberetning.") == 2
    assert "undersøgte og afsluttede 5 indberetninger i 2023" in text
    # Not decided in 2023, or not yet decided at all.
    for absent in (
        "Stadig under undersøgelse",
        "Ansættelsesvilkår",
        "Afvist i januar",
        "Gammel sag",
        "dårligt arbejdsmiljø",
    ):
        assert absent not in text, absent


def test_hostile_text_in_a_summary_is_printed_as_written(tmp_path):
    rejected("WB-2023-0001", dt.date(2023, 3, 1), dt.date(2023, 3, 20), "unsubstantiated", HOSTILE)
    investigated("WB-2023-0002", dt.date(2023, 3, 1), dt.date(2023, 5, 20), "Sundhed & Omsorg <i>")
    account = annual_account(2023, today=JANUARY_2024)
    pdf = whistleblower_report_pdf(account, themes=[("<font color=red>Tema</font>", "50,0 %")])
    text = " ".join(pdf_text(pdf).split())
    assert HOSTILE in text
    assert "Sundhed & Omsorg <i>" in text
    assert "<font color=red>Tema</font> 50,0 %" in text


@time_machine.travel(dt.datetime(2023, 12, 31, 12, 0, tzinfo=dt.UTC))
def test_the_command_refuses_a_year_that_has_not_ended(year_2023, tmp_path):
    out = tmp_path / "wb-2023.pdf"
    with pytest.raises(CommandError, match="kan først laves, når kalenderåret er slut"):
        call_command("wb_annual_report", "--year", "2023", "--out", str(out), stdout=StringIO())
    assert not out.exists()
    with pytest.raises(ValueError):
        whistleblower_report_pdf(annual_account(2023), themes=[])

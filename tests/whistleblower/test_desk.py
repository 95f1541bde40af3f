"""The unit's desk at volume and the reporter's side (issue 17)."""

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from whistleblower import services
from whistleblower.models import Matter, Report

pytestmark = pytest.mark.django_db

SECRET_WORDS = "Kantinelederen fakturerer spøgelsesleverancer af smørrebrød."


def bulk_reports(n: int, *, received=dt.date(2026, 9, 1)):
    """``n`` reports as the unit's queue holds them, with encrypted text (one write)."""
    reports = [
        Report(
            reference=f"WB-2026-{i + 1:04d}",
            received_on=received + dt.timedelta(days=i % 60),
            channel="portal",
            body=f"Indberetning nummer {i} om timesedler.",
            subject=f"Emne {i}",
        )
        for i in range(n)
    ]
    for report in reports:
        report.refresh_next_due()
    return Report.objects.bulk_create(reports)


def queue_queries(client, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("whistleblower:unit_queue"), params)
    assert response.status_code == 200
    return len(queries)


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC))
def test_the_queue_costs_the_same_queries_at_100_and_10000_reports(unit_client):
    bulk_reports(100)
    small = [queue_queries(unit_client), queue_queries(unit_client, q="timesedler", state="all", side="2")]
    bulk_reports_more = [
        Report(
            reference=f"WB-2025-{i + 1:04d}",
            received_on=dt.date(2025, 1, 1) + dt.timedelta(days=i % 300),
            channel="phone",
            body="Noget helt andet.",
        )
        for i in range(9900)
    ]
    Report.objects.bulk_create(bulk_reports_more, batch_size=2000)
    assert Report.objects.count() == 10_000
    assert [
        queue_queries(unit_client),
        queue_queries(unit_client, q="timesedler", state="all", side="2"),
    ] == small


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC))
def test_the_queue_shows_what_is_due_first_fifty_a_page_with_counts(unit_client):
    bulk_reports(120)
    html = unit_client.get(reverse("whistleblower:unit_queue")).content.decode()
    rows = re.findall(r'href="/whistleblower/enhed/\d+/">(WB-[\d-]+)<', html)
    assert len(rows) == 50
    # Received 1 September 2026 onward, acknowledgements due 7 days later: the earliest first.
    dues = [Report.objects.get(reference=r).next_due for r in rows]
    assert dues == sorted(dues) and dues[0] == dt.date(2026, 9, 8)
    assert "Side 1 af 3" in html
    assert re.search(r"Modtaget</a> <strong>120</strong>", html)
    assert re.search(r"Over en frist</a> <strong[^>]*>120</strong>", html)  # all acknowledgements late


def test_filters_by_state_channel_theme_and_year(unit_client, wb_member):
    first, _ = services.report_submit(body="Om arbejdsmiljøet.", channel="portal")
    second, _ = services.report_submit(body="Om økonomien.", channel="phone")
    Matter.objects.create(report=first, theme="work_environment")
    Matter.objects.create(report=second, theme="finances")

    def listed(**params):
        html = unit_client.get(reverse("whistleblower:unit_queue"), params).content.decode()
        return set(re.findall(r'">(WB-[\d-]+)</a>', html))

    assert listed() == {first.reference, second.reference}
    assert listed(channel="phone") == {second.reference}
    assert listed(theme="work_environment") == {first.reference}
    Report.objects.filter(pk=second.pk).update(received_on=dt.date(2025, 6, 1))
    assert listed(year=str(first.received_on.year), state="all") == {first.reference}
    assert listed(year="2025", state="all") == {second.reference}
    assert listed(year="1999", state="all") == {first.reference, second.reference}  # not offered: ignored
    assert listed(state="closed") == set()
    assert listed(state="nonsense") == {first.reference, second.reference}  # ignored, not an error


def test_the_search_finds_a_word_of_the_text_and_writes_no_plaintext_anywhere(unit_client, wb_member):
    wanted, _ = services.report_submit(body=SECRET_WORDS, subject="Kantinen")
    services.report_submit(body="Noget andet.")
    html = unit_client.get(reverse("whistleblower:unit_queue"), {"q": "spøgelsesleverancer"}).content.decode()
    assert re.findall(r'">(WB-[\d-]+)</a>', html) == [wanted.reference]
    html = unit_client.get(reverse("whistleblower:unit_queue"), {"q": wanted.reference}).content.decode()
    assert re.findall(r'">(WB-[\d-]+)</a>', html) == [wanted.reference]
    # The reporter's own title is searched too ("Kantinen" stands only there).
    html = unit_client.get(reverse("whistleblower:unit_queue"), {"q": "kantinen"}).content.decode()
    assert re.findall(r'">(WB-[\d-]+)</a>', html) == [wanted.reference]
    # Every text column of every table, read with SQL: the body is nowhere in plain text.
    leaks = []
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            columns = [c.name for c in connection.introspection.get_table_description(cursor, table)]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    text = value.decode(errors="ignore") if isinstance(value, bytes) else str(value)
                    if "spøgelsesleverancer" in text or "Kantinelederen" in text:
                        leaks.append(f"{table}.{column}")
    assert leaks == []


def test_the_next_deadline_follows_the_report():
    report, _ = services.report_submit(body="Noget.")
    assert report.next_due == report.received_on + dt.timedelta(days=7)
    report.refresh_from_db()
    assert Report.objects.get(pk=report.pk).next_due == report.received_on + dt.timedelta(days=7)


def test_the_timeline_is_in_words(unit_client, wb_member, report):
    services.report_transition(report=report, action="acknowledge", by=wb_member, message="Tak.")
    services.unit_message(report=report, by=wb_member, kind="question", body="Hvornår?")
    page = unit_client.get(reverse("whistleblower:unit_report", args=[report.pk])).content.decode()
    timeline = page[page.index('id="tl-h"') :]
    for words in ("Indberetning modtaget", "Kvittér for modtagelsen", "Besked til indberetteren: spørgsmål"):
        assert words in timeline, words
    for code in (">received", "acknowledge<", "message_question"):
        assert code not in timeline


# --- the reporter's side -----------------------------------------------------------------


def test_the_portal_works_in_english_end_to_end_without_a_cookie():
    client = Client()
    responses = [client.get("/whistleblower/?sprog=en"), client.get("/whistleblower/indberet/?sprog=en")]
    assert 'href="/whistleblower/indberet/?sprog=en"' in responses[0].content.decode()
    receipt = client.post(
        "/whistleblower/indberet/?sprog=en",
        {"body": "The canteen manager invoices ghost deliveries.", "wants_acknowledgement": "on"},
    )
    responses.append(receipt)
    code = re.search(r'id="receipt-code">([A-Z2-7-]+)<', receipt.content.decode())[1]
    follow_up = client.post("/whistleblower/opfoelgning/?sprog=en", {"code": code})
    responses.append(follow_up)
    texts = [r.content.decode() for r in responses]
    assert "Make a report" in texts[1] and '<html lang="en">' in texts[1]
    assert "Your report is received" in texts[2] and "What happens now" in texts[2]
    assert "Your report" in texts[3] and "The canteen manager invoices ghost deliveries." in texts[3]
    for response in responses:
        assert response.status_code == 200
        assert "Set-Cookie" not in response.headers  # no language cookie, no CSRF cookie, nothing
        assert response.headers["Content-Language"] == "en"
    # A language cookie from the rest of the site is ignored here: the address decides.
    client.cookies["django_language"] = "en"
    assert '<html lang="da">' in client.get("/whistleblower/").content.decode()


def test_the_receipt_page_says_what_happens_when_and_offers_copy_and_print(client):
    with time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC), tick=False):
        html = client.post(
            "/whistleblower/indberet/", {"body": "Noget alvorligt.", "wants_acknowledgement": "on"}
        ).content.decode()
    assert "senest 30. november 2026, at vi har modtaget din indberetning" in html
    assert "Senest 28. februar 2027 fortæller vi dig" in html  # 7 days + 3 months
    assert "Kopiér koden" in html and "Udskriv siden" in html and "/static/js/receipt.js" in html


def test_the_reporter_reads_their_report_again_with_the_code(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    receipt = client.post(
        "/whistleblower/indberet/",
        {
            "subject": "Timesedler",
            "body": "Timesedlerne bliver rettet bagefter.",
            "where": "Værkstedet",
            "attachments": SimpleUploadedFile("noter.txt", b"Mine noter."),
        },
    )
    code = re.search(r'id="receipt-code">([A-Z2-7-]+)<', receipt.content.decode())[1]
    html = client.post("/whistleblower/opfoelgning/", {"code": code}).content.decode()
    original = html[html.index('id="original"') :]
    for text in ("Timesedler", "Timesedlerne bliver rettet bagefter.", "Værkstedet", "noter.txt"):
        assert text in original, text


def test_the_units_subject_is_never_shown_to_the_reporter(client, wb_member):
    receipt = client.post("/whistleblower/indberet/", {"subject": "Mit forslag", "body": "Noget."})
    code = re.search(r'id="receipt-code">([A-Z2-7-]+)<', receipt.content.decode())[1]
    report = Report.objects.get()
    services.report_transition(
        report=report,
        action="triage",
        by=wb_member,
        themes=["finances"],
        fields={"subject": "Intern sag om misbrug"},
    )
    html = client.post("/whistleblower/opfoelgning/", {"code": code}).content.decode()
    assert "Mit forslag" in html and "Intern sag om misbrug" not in html

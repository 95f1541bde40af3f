import datetime as dt
import logging

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from tests.storage import raw
from whistleblower import receipts, services
from whistleblower.models import Message, Report

pytestmark = pytest.mark.django_db
CLIENT_IP = "203.0.113.77"


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()


def test_report_is_received_and_the_receipt_code_is_shown_once(client):
    response = client.post(
        reverse("whistleblower:portal_report"),
        {
            "body": "Der dumpes kemikalier i kloakken bag materielgården.",
            "wants_acknowledgement": "on",
        },
        REMOTE_ADDR=CLIENT_IP,
    )
    html = response.content.decode()
    report = Report.objects.get()
    code = html.split('id="receipt-code">')[1].split("<")[0]
    assert len(receipts.normalise(code)) == 22  # 6 locator + 16 secret characters (80 bits)
    assert services.report_by_receipt(code) == report
    assert report.reference.startswith("WB-") and report.state == "received"
    assert code.replace("-", "") not in report.receipt_hash  # only a hash is stored
    assert report.receipt_hash.startswith("$argon2")


def test_portal_pages_send_no_store_no_referrer_and_no_cookie(client):
    for response in (
        client.get(reverse("whistleblower:portal")),
        client.get(reverse("whistleblower:portal_report")),
        client.post(reverse("whistleblower:portal_report"), {"body": "x"}),
    ):
        assert response["Cache-Control"] == "no-store"
        assert response["Referrer-Policy"] == "no-referrer"
        assert "default-src 'self'" in response["Content-Security-Policy"]
        assert not response.cookies


def test_raw_database_columns_hold_no_plaintext(report):
    with connection.cursor() as cursor:
        cursor.execute('SELECT body, "where" FROM whistleblower_report')
        body, where = cursor.fetchone()
        cursor.execute(
            "SELECT reporter_name, reporter_contact, third_persons FROM whistleblower_reportpersons"
        )
        identity = cursor.fetchone()
    services.reporter_message(report=report, body="Han gør det igen i dag.")
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM whistleblower_message")
        (message,) = cursor.fetchone()
    raw = " ".join([body, where, *identity, message])
    for plain in ("projektkontoen", "Rådhuset", "Anna", "anna@example", "Hemmelig", "igen i dag"):
        assert plain not in raw
    assert body.startswith("gAAAA")  # a Fernet token
    assert Report.objects.get().body.startswith("Lederen flytter penge")  # the ORM decrypts


def test_follow_up_with_the_code_shows_messages_and_takes_an_answer(client, report):
    Message.objects.create(report=report, sender="unit", kind="question", body="Hvornår skete det?")
    response = client.post(reverse("whistleblower:portal_follow_up"), {"code": report.receipt_code})
    assert "Hvornår skete det?" in response.content.decode()
    client.post(reverse("whistleblower:portal_follow_up"), {"code": report.receipt_code, "body": "I marts."})
    assert report.messages.filter(sender="reporter").get().body == "I marts."


def test_a_wrong_code_is_told_plainly(client, report):
    response = client.post(reverse("whistleblower:portal_follow_up"), {"code": "AAAA-BBBB-CCCC-DDDD-EEEE-FF"})
    assert response.status_code == 400
    assert "Koden blev ikke genkendt" in response.content.decode()


def test_the_sixth_wrong_code_is_refused_without_checking_a_hash(client, report, monkeypatch):
    calls = []
    real_verify = receipts.verify
    monkeypatch.setattr(receipts, "verify", lambda *a: calls.append(a) or real_verify(*a))
    for _ in range(5):
        assert (
            client.post(reverse("whistleblower:portal_follow_up"), {"code": "WRONG-CODE"}).status_code == 400
        )
    assert len(calls) == 5
    response = client.post(reverse("whistleblower:portal_follow_up"), {"code": report.receipt_code})
    assert response.status_code == 429
    assert len(calls) == 5  # refused before any hash was checked
    assert "For mange forkerte koder" in response.content.decode()


def test_no_ip_address_in_any_log_record_of_the_portal_flow(client, report, caplog):
    caplog.set_level(logging.DEBUG)
    client.get(reverse("whistleblower:portal"), REMOTE_ADDR=CLIENT_IP)
    client.post(reverse("whistleblower:portal_report"), {"body": "Noget alvorligt."}, REMOTE_ADDR=CLIENT_IP)
    client.post(reverse("whistleblower:portal_report"), {"body": ""}, REMOTE_ADDR=CLIENT_IP)
    client.post(reverse("whistleblower:portal_follow_up"), {"code": "nope"}, REMOTE_ADDR=CLIENT_IP)
    client.post(
        reverse("whistleblower:portal_follow_up"),
        {"code": report.receipt_code, "body": "Mere."},
        REMOTE_ADDR=CLIENT_IP,
    )
    client.get("/whistleblower/no-such-page/", REMOTE_ADDR=CLIENT_IP)
    assert caplog.records  # the flow did log (e.g. the 404)
    for record in caplog.records:
        assert CLIENT_IP not in record.getMessage()
        assert CLIENT_IP not in str(vars(record))


def test_deadlines_seven_days_and_three_months_from_acknowledgement():
    report = Report(received_on=dt.date(2024, 1, 10), wants_acknowledgement=True)
    assert report.acknowledgement_due == dt.date(2024, 1, 17)
    assert report.feedback_due == dt.date(2024, 4, 17)  # from the 7-day mark while not acknowledged
    report.acknowledged_on = dt.date(2024, 1, 12)
    assert report.feedback_due == dt.date(2024, 4, 12)
    report = Report(received_on=dt.date(2023, 11, 30), acknowledged_on=dt.date(2023, 11, 30))
    assert report.feedback_due == dt.date(2024, 2, 29)  # end of a short month, leap year


def test_without_acknowledgement_the_deadline_runs_from_receipt_plus_seven_days():
    report = Report(received_on=dt.date(2024, 1, 10), wants_acknowledgement=False)
    assert report.acknowledgement_due is None
    assert report.feedback_due == dt.date(2024, 4, 17)


def test_overdue_flags_with_a_controlled_clock():
    report = Report(received_on=dt.date(2024, 1, 10), wants_acknowledgement=True)
    assert not report.acknowledgement_overdue(dt.date(2024, 1, 17))
    assert report.acknowledgement_overdue(dt.date(2024, 1, 18))
    assert report.feedback_overdue(dt.date(2024, 4, 18)) and not report.feedback_overdue(dt.date(2024, 4, 17))


def test_a_file_is_stored_encrypted_and_only_the_unit_reads_it(
    client, unit_client, tmp_path, settings, django_capture_on_commit_callbacks
):
    from io import BytesIO

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfReader

    from tests.files import pdf_with_author
    from whistleblower.models import ReportFile

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    pdf = pdf_with_author("Timesedler for marts med rettelser")
    # The worker cleans the file after the commit (the tests' task backend runs it at once).
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("whistleblower:portal_report"),
            {
                "body": "Timesedlerne er rettet bagefter.",
                "attachments": SimpleUploadedFile("timesedler.pdf", pdf),
            },
        )
    stored = ReportFile.objects.get()
    for blob in (stored.blob, stored.cleaned_blob):  # the original and the cleaned copy
        on_disk = raw(blob.name)
        assert b"Anna Anonym" not in on_disk and on_disk.startswith(b"gAAAA")  # encrypted at rest
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM whistleblower_reportfile")
        assert "timesedler" not in cursor.fetchone()[0]
    response = unit_client.get(reverse("whistleblower:unit_file", args=[stored.report_id, stored.pk]))
    reader = PdfReader(BytesIO(response.content))
    assert "Timesedler for marts med rettelser" in reader.pages[0].extract_text()
    assert not reader.metadata or "/Author" not in reader.metadata  # the cleaned copy


def test_a_disallowed_file_stops_the_whole_report(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        reverse("whistleblower:portal_report"),
        {"body": "Noget.", "attachments": SimpleUploadedFile("virus.exe", b"MZ\x90")},
    )
    assert "kan ikke vedhæftes" in response.content.decode()
    assert not Report.objects.exists()

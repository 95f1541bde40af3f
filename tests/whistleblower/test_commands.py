import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from tests.storage import everything, raw
from whistleblower import services
from whistleblower.models import Message, Report, ReportPersons

pytestmark = pytest.mark.django_db


@time_machine.travel(dt.datetime(2024, 1, 15, 9, 0))
def test_deadline_reminder_counts_without_content(wb_member, django_capture_on_commit_callbacks):
    from ops.models import OutboxMessage

    wb_member.email = "wb@example.invalid"
    wb_member.save()
    report, _code = services.report_submit(body="Hemmeligt indhold")  # received 15 Jan: ack due 22 Jan
    Report.objects.filter(pk=report.pk).update(
        received_on=dt.date(2024, 1, 10)
    )  # ack due 17 Jan: within 2 days
    with django_capture_on_commit_callbacks(execute=True):
        call_command("wb_deadlines", stdout=StringIO())
    assert len(mail.outbox) == 1
    # Through the outbox, marked so that the secretariat's view shows nothing of it.
    assert OutboxMessage.objects.get().confidential
    text = mail.outbox[0].subject + mail.outbox[0].body
    assert "Kvitteringer, der skal sendes inden 2 dage: 1" in text
    assert "Hemmeligt" not in text and report.reference not in text


def test_purge_deletes_content_keeps_statistics_and_is_idempotent(wb_member, settings):
    settings.WB_RETENTION_DAYS = 30
    report, _code = services.report_submit(body="Indhold", reporter_name="Navn", third_persons="Tredjemand")
    services.report_transition(report=report, action="acknowledge", by=wb_member, message="Tak")
    services.report_transition(report=report, action="triage", by=wb_member, themes=["finances", "other"])
    services.report_transition(report=report, action="investigate", by=wb_member)
    services.report_transition(report=report, action="conclude", by=wb_member, message="Feedback")
    services.report_transition(report=report, action="close", by=wb_member)
    Report.objects.filter(pk=report.pk).update(closed_on=dt.date.today() - dt.timedelta(days=31))
    out = StringIO()
    call_command("wb_purge", stdout=out)
    assert "from 1 report" in out.getvalue()
    report.refresh_from_db()
    assert (report.body, report.receipt_hash, report.content_purged_on) == ("", "", dt.date.today())
    assert not Message.objects.filter(report=report).exists()
    assert not ReportPersons.objects.filter(report=report).exists()
    assert (report.channel, report.scope, sorted(report.matters.values_list("theme", flat=True))) == (
        "portal",
        "within",
        ["finances", "other"],
    )
    call_command("wb_purge", stdout=out)
    assert "from 0 report" in out.getvalue()


def test_purge_deletes_the_files_and_the_reasons_in_the_access_log(wb_member, settings, tmp_path):
    """Before: wb_purge left the file rows, the encrypted blobs on disk and the access log's
    reasons (e.g. to whom an identity was disclosed) behind (issue 14, finding 4)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from whistleblower.models import AccessLog, ReportFile

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.WB_RETENTION_DAYS = 30
    report, _code = services.report_submit(body="Indhold", reporter_name="Navn")
    stored = services.report_file_add(
        report=report, upload=SimpleUploadedFile("bilag.pdf", b"%PDF-1.4\n%%EOF\n"), sender="reporter"
    )
    blob = stored.blob.name
    assert raw(blob) is not None
    services.identity_open(report=report, by=wb_member, reason="Vidnet skal høres, Hr. Vidensen")
    services.report_transition(report=report, action="acknowledge", by=wb_member, message="Tak")
    services.report_transition(report=report, action="triage", by=wb_member, themes=["other"])
    services.report_transition(report=report, action="investigate", by=wb_member)
    services.report_transition(report=report, action="conclude", by=wb_member, message="Feedback")
    services.report_transition(report=report, action="close", by=wb_member)
    Report.objects.filter(pk=report.pk).update(closed_on=dt.date.today() - dt.timedelta(days=31))
    with_log = AccessLog.objects.filter(report=report).count()

    call_command("wb_purge", stdout=StringIO())
    assert raw(blob) is not None  # the blob goes only once the deletion is committed (next test)
    assert not ReportFile.objects.filter(report=report).exists()
    assert AccessLog.objects.filter(report=report).count() == with_log  # who opened what stays
    assert list(AccessLog.objects.filter(report=report).values_list("reason", flat=True)) == [""] * with_log


def rejected_report_with_a_file(wb_member) -> str:
    """A report with a file, rejected 31 days ago (past a 30-day retention); the file's name."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    report, _code = services.report_submit(body="Indhold")
    blob = services.report_file_add(
        report=report, upload=SimpleUploadedFile("bilag.pdf", b"%PDF-1.4\n%%EOF\n"), sender="reporter"
    ).blob.name
    services.report_transition(report=report, action="acknowledge", by=wb_member, message="Tak")
    services.report_transition(report=report, action="triage", by=wb_member, themes=["other"])
    services.report_transition(
        report=report,
        action="reject",
        by=wb_member,
        message="Uden for ordningen",
        fields={"rejection_reason": "outside_scope", "rejection_guidance": "Kontakt HR."},
    )
    Report.objects.filter(pk=report.pk).update(closed_on=dt.date.today() - dt.timedelta(days=31))
    return blob


def test_purge_removes_the_blobs_from_disk_after_the_commit(
    wb_member, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.WB_RETENTION_DAYS = 30
    blob = rejected_report_with_a_file(wb_member)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("wb_purge", stdout=StringIO())
    assert raw(blob) is None
    assert everything() == {}  # nothing of the report left in the folder or the bucket


def test_a_blob_the_storage_does_not_delete_at_once_is_deleted_by_the_sweep(
    wb_member, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    """The bucket down when the purge commits: the blob's name stays listed (core.FileDeletion,
    written in the purge's transaction), and the periodic sweep deletes it later — a purged
    report never leaves an orphaned file behind."""
    from ops import tasks
    from ops.models import FileDeletion
    from ops.uploads import private_storage

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.WB_RETENTION_DAYS = 30
    blob = rejected_report_with_a_file(wb_member)
    storage_class = type(private_storage())

    def refused(self, name):
        raise ConnectionError("the storage does not answer")

    with monkeypatch.context() as patch:
        patch.setattr(storage_class, "delete", refused)
        with django_capture_on_commit_callbacks(execute=True):
            call_command("wb_purge", stdout=StringIO())
    assert raw(blob) is not None
    waiting = FileDeletion.objects.get()
    assert (waiting.name, waiting.attempts, waiting.last_error) == (blob, 1, "ConnectionError")
    assert tasks.delete_files() == "0 file(s) still to delete"
    assert raw(blob) is None and not FileDeletion.objects.exists()


def test_the_deadlines_due_soon_are_counted_in_one_query_to_the_day():
    """Feedback is due 3 months after the acknowledgement (31 August → 30 November: the month
    has no 31st), or after the 7-day mark without one; an acknowledgement 7 days after receipt.
    On 16 November: feedback within 14 days means due by 30 November; acknowledgement within
    2 days means due by 18 November. Expected counts worked out by hand."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def report(received, state="acknowledged", acknowledged=None):
        made, _code = services.report_submit(body="Indhold")
        Report.objects.filter(pk=made.pk).update(
            received_on=received, state=state, acknowledged_on=acknowledged
        )

    report(dt.date(2024, 8, 20), acknowledged=dt.date(2024, 8, 30))  # feedback 30 Nov: counted
    report(dt.date(2024, 8, 20), acknowledged=dt.date(2024, 8, 31))  # feedback 30 Nov: counted
    report(dt.date(2024, 8, 20), acknowledged=dt.date(2024, 9, 1))  # feedback 1 Dec: not
    report(dt.date(2024, 8, 24), state="received")  # ack 31 Aug: counted; feedback 30 Nov: counted
    report(dt.date(2024, 8, 25), state="received")  # ack 1 Sep: counted; feedback 1 Dec: not
    report(dt.date(2024, 11, 11), state="received")  # ack 18 Nov: counted
    report(dt.date(2024, 11, 12), state="received")  # ack 19 Nov: not
    report(dt.date(2024, 1, 2), state="concluded", acknowledged=dt.date(2024, 1, 3))  # done: neither
    with CaptureQueriesContext(connection) as queries:
        counts = services.due_soon(dt.date(2024, 11, 16))
    assert counts == {"acknowledgements": 3, "feedback": 3}
    assert len(queries) == 1

"""Files are cleaned by the worker, not in the request (issue 22): the portal stores the
encrypted original and answers; the worker cleans in a child process; the unit sees "being
cleaned" until the copy exists, and a file that hit a limit only as its original, with a reason.
Follow-ups with files are throttled per client and per report, whatever the code."""

import datetime as dt
import logging

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests import hostile_files as hostile
from tests.files import jpeg_with_gps
from whistleblower import services
from whistleblower.cleaning import clean_pending, report_file_clean
from whistleblower.models import ReportFile

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def worker_backend(settings, tmp_path, monkeypatch):
    """The production arrangement: tasks go to the database; the worker (``run_worker``, run
    here in the test's process and transaction) runs them. The worker recycles its database
    connection between tasks, which would end the test's transaction: not here."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None)


def _submit(client, body, *files):
    return client.post(
        reverse("whistleblower:portal_report"),
        {"body": body, "attachments": [SimpleUploadedFile(name, data) for name, data in files]},
    )


def test_the_portal_stores_the_original_and_answers_while_a_zip_bomb_waits_for_the_worker(
    client, unit_client, worker_backend, django_capture_on_commit_callbacks, caplog
):
    bomb = hostile.docx_zip_bomb(megabytes=150)
    with django_capture_on_commit_callbacks(execute=True):
        first = _submit(client, "Timesedlerne rettes bagefter.", ("timesedler.docx", bomb))
    assert first.status_code == 200 and "Din indberetning er modtaget" in first.content.decode()
    stored = ReportFile.objects.get()
    # The request did no cleaning: the file waits, and the worker has its task (the id only).
    assert (stored.clean_status, stored.cleaned_blob.name) == ("pending", "")
    task = DBTaskResult.objects.get()
    assert task.args_kwargs == {"args": [stored.pk], "kwargs": {}}
    # Another reporter is answered meanwhile.
    second = _submit(client, "Der mangler sikkerhedsudstyr på lageret.")
    assert second.status_code == 200 and "Din indberetning er modtaget" in second.content.decode()

    unit_page = unit_client.get(
        reverse("whistleblower:unit_report", args=[stored.report_id])
    ).content.decode()
    assert "Renses" in unit_page
    assert f'href="{reverse("whistleblower:unit_file", args=[stored.report_id, stored.pk])}"' not in unit_page

    with caplog.at_level(logging.INFO):
        call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)
    stored.refresh_from_db()
    assert (stored.clean_status, stored.clean_problem, stored.cleaned_blob.name) == ("limit", "size", "")
    unit_page = unit_client.get(
        reverse("whistleblower:unit_report", args=[stored.report_id])
    ).content.decode()
    assert "den pakker sig ud til langt mere end sin størrelse" in unit_page
    assert "Kun originalen kan åbnes" in unit_page
    assert (
        unit_client.get(reverse("whistleblower:unit_file", args=[stored.report_id, stored.pk])).status_code
        == 404
    )
    original = unit_client.post(
        reverse("whistleblower:unit_file_original", args=[stored.report_id, stored.pk]),
        {f"original-{stored.pk}-reason": "Filen skal undersøges af it-sikkerhed."},
    )
    assert original.status_code == 200 and original.content == bomb
    # The log says what happened to which file, never its name or content.
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert f"Whistleblower file {stored.pk}: limit (size)" in logged
    assert "timesedler" not in logged and "Anna" not in logged


def test_the_unit_opens_the_cleaned_copy_once_the_worker_has_made_it(
    client, unit_client, worker_backend, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _submit(client, "Billede af lageret.", ("lager.jpg", hostile.jpeg_everything()))
    stored = ReportFile.objects.get()
    call_command("run_worker", "--batch", "--no-startup-delay", verbosity=0)
    stored.refresh_from_db()
    assert stored.clean_status == "cleaned" and "gps" in stored.removed
    page = unit_client.get(reverse("whistleblower:unit_report", args=[stored.report_id])).content.decode()
    assert "Renset, fjernet: " in page and "GPS-position" in page and page.count("fjernet") == 1
    copy = unit_client.get(reverse("whistleblower:unit_file", args=[stored.report_id, stored.pk]))
    assert copy.status_code == 200 and hostile.NAME.encode() not in copy.content
    assert "no-store" in copy["Cache-Control"]


def test_a_lost_task_is_picked_up_by_the_sweep(report, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)):
        # No commit hook runs here: the task is never enqueued, as if the enqueue had failed.
        stored = services.report_file_add(
            report=report, upload=SimpleUploadedFile("foto.jpg", jpeg_with_gps()), sender="reporter"
        )
        clean_pending()
        assert ReportFile.objects.get(pk=stored.pk).clean_status == "pending"  # not a minute old yet
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 2, tzinfo=dt.UTC)):
        clean_pending()
    stored.refresh_from_db()
    assert stored.clean_status == "cleaned" and stored.removed == ["camera", "gps", "serial", "taken"]


def test_a_file_that_stopped_the_worker_again_and_again_is_given_up(report, settings, tmp_path):
    """Each claim is a lease; a worker that dies leaves it to run out. After three tries the
    file is marked as not cleaned rather than tried for ever."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    stored = services.report_file_add(
        report=report, upload=SimpleUploadedFile("foto.jpg", jpeg_with_gps()), sender="reporter"
    )
    ReportFile.objects.filter(pk=stored.pk).update(clean_attempts=3)  # three workers died on it
    assert report_file_clean(stored.pk) == "limit"
    stored.refresh_from_db()
    assert (stored.clean_status, stored.clean_problem) == ("limit", "attempts")
    assert report_file_clean(stored.pk) == "skipped"  # done is done


def test_a_file_another_worker_holds_is_not_cleaned_twice(report, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    stored = services.report_file_add(
        report=report, upload=SimpleUploadedFile("foto.jpg", jpeg_with_gps()), sender="reporter"
    )
    ReportFile.objects.filter(pk=stored.pk).update(
        clean_lease_until=dt.datetime(2999, 1, 1, tzinfo=dt.UTC), clean_attempts=1
    )
    assert report_file_clean(stored.pk) == "skipped"
    assert ReportFile.objects.get(pk=stored.pk).clean_status == "pending"


def test_files_cleaned_before_are_cleaned_again_by_the_migration(report, settings, tmp_path):
    """Copies made by the old cleaning kept EXIF and authors: the migration sends every
    cleanable file back to the worker, whose new copy replaces the old one."""
    from importlib import import_module

    from django.apps import apps as django_apps

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    stored = services.report_file_add(
        report=report, upload=SimpleUploadedFile("foto.jpg", jpeg_with_gps()), sender="reporter"
    )
    text = services.report_file_add(
        report=report, upload=SimpleUploadedFile("note.txt", b"Bare tekst."), sender="reporter"
    )
    report_file_clean(stored.pk)
    old_copy = ReportFile.objects.get(pk=stored.pk).cleaned_blob.name
    migration = import_module("whistleblower.migrations.0009_file_cleaning_in_the_worker")
    migration.clean_again(django_apps, None)
    assert ReportFile.objects.get(pk=stored.pk).clean_status == "pending"
    assert ReportFile.objects.get(pk=text.pk).clean_status == "nothing_found"
    report_file_clean(stored.pk)
    stored.refresh_from_db()
    assert stored.clean_status == "cleaned" and stored.cleaned_blob.name != old_copy


def test_follow_ups_with_files_are_throttled_per_report_whatever_the_client(
    client, report, settings, tmp_path
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    url = reverse("whistleblower:portal_follow_up")
    answers = []
    for n in range(22):
        answers.append(
            client.post(
                url,
                {
                    "code": report.receipt_code,
                    "body": f"Bilag {n}",
                    "attachments": [SimpleUploadedFile(f"bilag{n}.txt", b"tekst")],
                },
                REMOTE_ADDR=f"203.0.113.{n + 1}",  # a new address every time
            ).status_code
        )
    assert answers == [200] * 20 + [429, 429]
    assert ReportFile.objects.filter(report=report).count() == 20
    # A message without files still goes through.
    assert client.post(url, {"code": report.receipt_code, "body": "Uden bilag"}).status_code == 200


def test_follow_ups_with_files_are_throttled_per_client_whether_or_not_the_code_is_right(client, report):
    url = reverse("whistleblower:portal_follow_up")

    def post(code):
        return client.post(
            url, {"code": code, "body": "x", "attachments": [SimpleUploadedFile("a.txt", b"tekst")]}
        ).status_code

    answers = [post(report.receipt_code) for _ in range(6)] + [
        post("AAAA-AAAA-AAAA-AAAA-AAAA-AA") for _ in range(4)
    ]
    assert 429 not in answers
    assert post(report.receipt_code) == 429  # the eleventh in the hour, though the code is right


def test_an_ipv6_client_is_counted_by_its_64_network(client):
    """A subscriber gets a whole /64: a fresh address for every try is still one client."""
    url = reverse("whistleblower:portal_follow_up")
    wrong = {"code": "AAAA-AAAA-AAAA-AAAA-AAAA-AA"}
    answers = [
        client.post(url, wrong, REMOTE_ADDR=f"2001:db8:1234:5678::{n + 1:x}").status_code for n in range(6)
    ]
    assert answers == [400] * 5 + [429]
    assert client.post(url, wrong, REMOTE_ADDR="2001:db8:1234:9999::1").status_code == 400  # another /64

"""The retention run killed in the middle of a batch (issue 26): a real worker process on a real
PostgreSQL server, killed with SIGKILL while it works through its packages, then started again.
Every due case ends up archived in exactly one package and deleted exactly once."""

import csv
import datetime as dt
import hashlib
import io
import signal
import subprocess
import time
import zipfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone

from complaints import services as complaint_services
from complaints.models import Complaint
from ops.models import FileDeletion
from ops.tasks import run_periodic
from ops.uploads import private_storage
from retention.models import ArchivePackage, Deletion
from tests import processes
from tests.factories import ComplaintFactory, UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[2]
CASES = 12


def start_worker(settings, *, batch: bool) -> subprocess.Popen:
    env = {
        "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT),
        "TEST_RETENTION_BATCH_SIZE": "3",
        "TEST_JOB_LEASE_SECONDS": "2",
    }
    return processes.start_worker("tests.worker_settings", env, batch=batch)


def waiting_for_a_lock() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0] > 0


def test_a_worker_killed_in_the_middle_of_a_retention_batch_archives_and_deletes_every_case_once(
    settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    jurist = UserFactory(username="retention-jurist", roles=["jurist"])
    closed_on = timezone.localdate() - dt.timedelta(days=5 * 366 + 2)  # over five years, whatever leap days
    cases = []
    for n in range(CASES):
        complaint = ComplaintFactory(
            received_on=closed_on - dt.timedelta(days=30), state="written", person_name=f"Borger Nummer{n}"
        )
        with django_capture_on_commit_callbacks(execute=True):
            complaint_services.attachment_add(
                complaint=complaint,
                by=jurist,
                upload=SimpleUploadedFile(f"bilag{n}.pdf", b"%PDF-1.4\n%%EOF\n"),
            )
        Complaint.objects.filter(pk=complaint.pk).update(
            state="closed", furthest_step="written", track="written", outcome="upheld", closed_on=closed_on
        )
        cases.append(complaint)

    # Where the worker is killed is not left to timing: another session holds the fifth case's
    # row, so the worker deletes four cases (the second package half done) and then waits for
    # that row — and is killed while it waits.
    s = connection.settings_dict
    holder = psycopg.connect(
        host=s["HOST"], port=s["PORT"] or 5432, user=s["USER"], dbname=s["NAME"], autocommit=False
    )
    holder.execute("SELECT id FROM complaints_complaint WHERE id = %s FOR UPDATE", [cases[4].pk])
    run_periodic.using(backend="db").enqueue("retention")
    worker = start_worker(settings, batch=False)
    deadline = time.monotonic() + 120
    while not (Deletion.objects.count() == 4 and waiting_for_a_lock()):
        assert worker.poll() is None, worker.stderr.read().decode()[-2000:]
        assert time.monotonic() < deadline, f"the worker deleted {Deletion.objects.count()} cases"
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait(10)
    holder.rollback()
    holder.close()
    assert Deletion.objects.count() == 4  # killed in the middle, not after the end
    assert list(ArchivePackage.objects.values_list("state", flat=True)) == ["done", "written"]

    time.sleep(2.5)  # the killed run's lease on the job runs out
    run_periodic.using(backend="db").enqueue("retention")
    # A file whose case's deletion committed just before the kill is still listed: the periodic
    # sweep deletes it (run here rather than in a quarter of an hour).
    run_periodic.using(backend="db").enqueue("delete_files")
    again = start_worker(settings, batch=True)
    assert again.wait(120) == 0, again.stderr.read().decode()[-2000:]

    # Deleted exactly once: one log row per case, all of them.
    assert sorted(Deletion.objects.values_list("case_number", flat=True)) == sorted(
        c.case_number for c in cases
    )
    assert set(Complaint.objects.values_list("person_name", flat=True)) == {""}
    assert not FileDeletion.objects.exists()  # every file left the storage
    # Archived exactly once: every case in one package, every package written and finished.
    packages = list(ArchivePackage.objects.order_by("pk"))
    assert {p.state for p in packages} == {"done"}
    chosen = [case_id for p in packages for _kind, case_id in p.cases]
    assert sorted(chosen) == sorted(c.pk for c in cases)
    storage = private_storage()
    archived = []
    for package in packages:
        with storage.open(package.file, "rb") as handle:
            data = handle.read()
        assert hashlib.sha256(data).hexdigest() == package.sha256
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            rows = csv.DictReader(io.StringIO(archive.read("tabeller/complaints_complaint.csv").decode()))
            archived += [(row["case_number"], row["person_name"]) for row in rows]
    assert sorted(archived) == sorted((c.case_number, c.person_name) for c in cases)
    # Only the packages are left in the storage: one zip per package, nothing else.
    assert sorted(name for name in storage.listdir("archive")[1]) == sorted(
        Path(p.file).name for p in packages
    )

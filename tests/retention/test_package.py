"""The archive package and the run's resumption, against what went wrong once in review: the
kinds of case sharing tables, a case written to between the package and the deletion, a file
lost from the storage, the downloads of a deleted case."""

import datetime as dt
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F

from complaints import services as complaint_services
from core import notes
from ops.uploads import private_storage
from retention import services
from retention.models import ArchivePackage, Deletion
from tests.factories import SupervisionFactory
from tests.retention.cases import DUE, PDF, TODAY, a_closed_complaint, deleted_numbers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_a_package_of_complaints_and_a_supervision_keeps_every_note_in_its_tables(jurist):
    """The notes' table is shared by the kinds of case: a package holding both keeps both."""
    complaint = a_closed_complaint(DUE)
    notes.note_add(case="complaint", instance=complaint, by=jurist, data={"text": "KLAGENOTAT"})
    supervision = SupervisionFactory(
        state="closed",
        opened_on=dt.date(2016, 1, 4),
        concluded_on=dt.date(2016, 12, 1),
        conclusion="criticism",
        closed_on=dt.date(2016, 12, 1),
    )
    notes.note_add(case="supervision", instance=supervision, by=jurist, data={"text": "TILSYNSNOTAT"})
    services.run_due(TODAY)
    package = ArchivePackage.objects.get()
    assert sorted(kind for kind, _pk in package.cases) == ["complaint", "supervision"]
    with private_storage().open(package.file, "rb") as handle, zipfile.ZipFile(handle) as archive:
        table = archive.read("tabeller/core_casenote.csv").decode()
    assert "KLAGENOTAT" in table and "TILSYNSNOTAT" in table


def test_a_case_written_to_after_its_package_was_written_is_not_deleted_then(jurist):
    """A run that died after writing its package and resumes later: a note added in between is
    not in the package, so the case is not deleted now — a later package archives it again."""
    complaint = a_closed_complaint(DUE)
    package = ArchivePackage.objects.create(cases=[["complaint", complaint.pk]])
    services.write(package)  # …and then the run died
    notes.note_add(case="complaint", instance=complaint, by=jurist, data={"text": "Tilføjet bagefter."})
    services.run_due(TODAY)
    assert deleted_numbers() == {complaint.case_number}
    second = ArchivePackage.objects.latest("pk")
    assert second.pk != package.pk and Deletion.objects.get().package == second
    with private_storage().open(second.file, "rb") as handle, zipfile.ZipFile(handle) as archive:
        assert "Tilføjet bagefter." in archive.read("tabeller/core_casenote.csv").decode()


def test_a_consultation_an_import_changed_after_its_package_was_written_is_not_deleted_then(
    tmp_path, secretariat
):
    """Consultations keep no timeline: an import that changes one (it may, untouched since the
    import that made it) between the package and the deletion is seen all the same — the case
    is archived again, with the new topic, before its personal data go."""
    from consultations.models import Consultation
    from tests.imports.test_import_data import run, write
    from tests.imports.test_import_integrity import CONSULTATION_HEADERS

    row = ["2021-0000041", "consultation", "SOF", "line", "2021-11-01", "2021-12-04", "", "Det gamle emne"]
    assert run("consultations", write(tmp_path, "first", CONSULTATION_HEADERS, [row]))[0]
    consultation = Consultation.objects.get(case_number="2021-0000041")
    package = ArchivePackage.objects.create(cases=[["consultation", consultation.pk]])
    services.write(package)  # …and then the run died; it resumes later
    # The clock of that story, set by hand: imported ten minutes ago, the package written five
    # minutes ago, the second import now.
    Consultation.objects.filter(pk=consultation.pk).update(
        updated_at=F("updated_at") - dt.timedelta(minutes=10)
    )
    ArchivePackage.objects.filter(pk=package.pk).update(written_at=F("written_at") - dt.timedelta(minutes=5))
    row[7] = "Det nye emne"
    ok, out, _err = run("consultations", write(tmp_path, "second", CONSULTATION_HEADERS, [row]))
    assert ok and "updated: 1" in out
    services.run_due(TODAY)
    assert deleted_numbers() == {"2021-0000041"}
    second = ArchivePackage.objects.latest("pk")
    assert second.pk != package.pk and Deletion.objects.get().package == second
    with private_storage().open(second.file, "rb") as handle, zipfile.ZipFile(handle) as archive:
        assert "Det nye emne" in archive.read("tabeller/consultations_consultation.csv").decode()


def test_a_file_lost_from_the_storage_does_not_stop_the_runs(jurist, django_capture_on_commit_callbacks):
    complaint = a_closed_complaint(DUE)
    with django_capture_on_commit_callbacks(execute=True):
        attachment = complaint_services.attachment_add(
            complaint=complaint, by=jurist, upload=SimpleUploadedFile("bilag.pdf", PDF)
        )
    private_storage().delete(attachment.file.name)  # lost
    services.run_due(TODAY)
    assert deleted_numbers() == {complaint.case_number}
    with (
        private_storage().open(ArchivePackage.objects.get().file, "rb") as handle,
        zipfile.ZipFile(handle) as archive,
    ):
        assert "manglede i lageret" in archive.read("dokumenter/indeks.csv").decode().lower()
        assert "Manglede i lageret" in archive.read("LÆSMIG.txt").decode()


def test_a_deleted_cases_files_answer_404_not_an_error_page(
    client_for, jurist, django_capture_on_commit_callbacks
):
    complaint = a_closed_complaint(DUE)
    with django_capture_on_commit_callbacks(execute=True):
        attachment = complaint_services.attachment_add(
            complaint=complaint, by=jurist, upload=SimpleUploadedFile("bilag.pdf", PDF)
        )
        services.run_due(TODAY)
    url = f"/sager/{complaint.pk}/bilag/{attachment.pk}/"
    assert client_for(jurist).get(url).status_code == 404

"""An import never rewrites a person's work, and the numbers it brings move the series on
(issue 14, findings 6, 7 and 12)."""

import datetime as dt
import re
from pathlib import Path

import pytest
import time_machine
from django.test import Client

from complaints import services as complaint_services
from complaints.models import CaseEvent, Complaint, ComplaintPoint
from consultations import services as consultation_services
from consultations.models import Consultation
from core.models import Department
from ops.uploads import private_storage, stored_names
from supervision import services as supervision_services
from tests.factories import ComplaintFactory
from tests.imports.test_import_data import COMPLAINT_HEADERS, GOOD_COMPLAINTS, WB_HEADERS, WB_ROWS, run, write
from whistleblower import services as wb_services

pytestmark = pytest.mark.django_db

CONSULTATION_HEADERS = [
    "case_number",
    "kind",
    "department",
    "channel",
    "received_on",
    "closed_on",
    "participants",
    "topic",
]
SUPERVISION_HEADERS = [
    "case_number",
    "kind",
    "departments",
    "opened_on",
    "concluded_on",
    "closed_on",
    "conclusion",
    "source_case_number",
]


def complaint_row(number, **changes):
    row = dict(zip(COMPLAINT_HEADERS, GOOD_COMPLAINTS[0], strict=True))
    row.update(case_number=number, **changes)
    return [row[h] for h in COMPLAINT_HEADERS]


# --- finding 6: a case a person works on is never rewritten ----------------------------------


def test_a_one_row_file_cannot_rewrite_a_case_under_treatment(tmp_path, secretariat, jurist):
    """The reproduction: a case from the digital form, under treatment, and a one-row file with
    its number — the points, the received date and the survey answer stay as they were."""
    theme = ComplaintPoint._meta.get_field("theme").related_model.objects.get(code="access")
    case = complaint_services.complaint_create(
        by=None,
        kind="complaint",
        channel="digital_form",
        summary="Jeg har bedt om aktindsigt og intet hørt.",
        person_name="Karen Hansen",
        contact_email="karen@example.invalid",
        department=Department.objects.get(code="SOF"),
        points=[(theme, "Aktindsigt ikke besvaret")],
    )
    complaint_services.complaint_transition(complaint=case, action="start_screening", by=jurist)
    before = (case.received_on, list(case.points.values_list("theme__code", "description")))
    row = complaint_row(case.case_number, received_on="2018-01-01", closed_on="", track="", themes="delay")
    ok, _out, err = run("complaints", write(tmp_path, "one", COMPLAINT_HEADERS, [row]))
    assert not ok
    assert (
        f"row 1, column case_number: {case.case_number} findes allerede og er oprettet eller behandlet" in err
    )
    case.refresh_from_db()
    assert (case.received_on, list(case.points.values_list("theme__code", "description"))) == before
    assert (case.state, case.satisfaction) == ("screening", "")


def test_an_imported_case_that_a_jurist_has_touched_is_no_longer_the_imports(tmp_path, secretariat, jurist):
    path = write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS)
    assert run("complaints", path)[0]
    inquiry = Complaint.objects.get(case_number="2018-0000002")
    complaint_services.complaint_transition(complaint=inquiry, action="start_screening", by=jurist)
    changed = [row[:] for row in GOOD_COMPLAINTS]
    changed[1][2] = "letter"  # the touched case
    changed[2][8] = "upheld"  # an untouched imported case: still the import's to update
    ok, _out, err = run("complaints", write(tmp_path, "c2", COMPLAINT_HEADERS, changed))
    assert not ok and "row 2, column case_number: 2018-0000002 findes allerede" in err
    assert "row 3" not in err
    assert Complaint.objects.get(case_number="2018-0000003").outcome == "not_assessed"  # nothing written
    # Without the touched case the rest goes through, and an unchanged row is no error.
    ok, out, _err = run(
        "complaints", write(tmp_path, "c3", COMPLAINT_HEADERS, [GOOD_COMPLAINTS[1], changed[2]])
    )
    assert ok and "new: 0, updated: 1, unchanged: 1" in out
    assert Complaint.objects.get(case_number="2018-0000003").outcome == "upheld"


def test_a_consultation_someone_closed_is_not_rewritten_by_an_import(tmp_path, secretariat, jurist):
    rows = [["2018-0000010", "consultation", "SOF", "line", "2018-05-01", "", "", "Partshøring"]]
    assert run("consultations", write(tmp_path, "k", CONSULTATION_HEADERS, rows))[0]
    rows[0][7] = "Aktindsigt"
    ok, out, _err = run("consultations", write(tmp_path, "k2", CONSULTATION_HEADERS, rows))
    assert ok and "updated: 1" in out  # untouched since the import: the import's to change
    consultation = Consultation.objects.get(case_number="2018-0000010")
    consultation_services.consultation_transition(consultation=consultation, action="close", by=jurist)
    rows[0][7] = "Noget helt andet"
    ok, _out, err = run("consultations", write(tmp_path, "k3", CONSULTATION_HEADERS, rows))
    assert not ok and "2018-0000010 findes allerede" in err
    assert Consultation.objects.get(case_number="2018-0000010").topic == "Aktindsigt"


def test_a_supervision_opened_in_the_system_is_not_rewritten_by_an_import(tmp_path, secretariat, jurist):
    supervision = supervision_services.supervision_create(
        by=jurist,
        kind="inspection",
        title="Tilgængelighed på plejehjem",
        departments=[Department.objects.get(code="SUF")],
    )
    row = [supervision.case_number, "inspection", "SOF", "2018-05-01", "", "", "", ""]
    ok, _out, err = run("supervisions", write(tmp_path, "s", SUPERVISION_HEADERS, [row]))
    assert not ok and f"{supervision.case_number} findes allerede" in err
    supervision.refresh_from_db()
    assert supervision.title == "Tilgængelighed på plejehjem"
    assert list(supervision.departments.values_list("code", flat=True)) == ["SUF"]


def test_a_report_the_unit_handles_is_not_rewritten_by_an_import(tmp_path, wb_member):
    report, _code = wb_services.report_submit(body="Indhold")
    row = [report.reference, "2018-03-01", "phone", "other", "rejected", "outside_scope", "2018-04-20"]
    ok, _out, err = run("whistleblower", write(tmp_path, "w", WB_HEADERS, [row]), user=wb_member.username)
    assert not ok and f"{report.reference} findes allerede" in err
    report.refresh_from_db()
    assert (report.state, report.channel, report.body) == ("received", "portal", "Indhold")
    # An imported report nobody has handled is the import's to correct.
    assert run("whistleblower", write(tmp_path, "w2", WB_HEADERS, WB_ROWS), user=wb_member.username)[0]
    corrected = [WB_ROWS[0][:], WB_ROWS[1]]
    corrected[0][2] = "letter"
    ok, out, _err = run(
        "whistleblower", write(tmp_path, "w3", WB_HEADERS, corrected), user=wb_member.username
    )
    assert ok and "updated: 1" in out


# --- finding 7: imported numbers move the series on ------------------------------------------


@time_machine.travel(dt.datetime(2026, 11, 23, 10, 0, tzinfo=dt.UTC))
def test_importing_this_years_numbers_moves_the_series_past_them(tmp_path, secretariat, jurist):
    rows = [
        complaint_row(f"2026-{n:07d}", received_on="2026-05-01", closed_on="2026-05-11") for n in (1, 7, 3)
    ]
    assert run("complaints", write(tmp_path, "c", COMPLAINT_HEADERS, rows))[0]
    consultation_rows = [["2026-0000012", "consultation", "SOF", "line", "2026-05-01", "", "", "Råd"]]
    assert run("consultations", write(tmp_path, "k", CONSULTATION_HEADERS, consultation_rows))[0]
    case = complaint_services.complaint_create(
        by=jurist, kind="complaint", channel="phone", summary="Ny sag", person_name="Ny Borger"
    )
    assert case.case_number == "2026-0000013"
    consultation = consultation_services.consultation_create(
        by=jurist, kind="consultation", channel="phone", topic="Råd om partshøring"
    )
    assert consultation.case_number == "2026-0000014"


def test_importing_whistleblower_references_moves_the_units_series_on(tmp_path, wb_member):
    year = dt.date.today().year
    rows = [[f"WB-{year}-0040", f"{year}-01-02", "portal", "other", "within", "", ""]]
    assert run("whistleblower", write(tmp_path, "w", WB_HEADERS, rows), user=wb_member.username)[0]
    report, _code = wb_services.report_submit(body="Ny indberetning")
    assert report.reference == f"WB-{year}-0041"


# --- finding 12: the admin's import is all-or-nothing, with no path from the form -----------


def admin_upload(client, path: Path):
    with path.open("rb") as upload:
        return client.post("/admin/complaints/complaint/import/", {"import_file": upload})


def pending_files() -> list[str]:
    """The uploads waiting for confirmation, in the private storage (a folder or the bucket)."""
    return list(stored_names(private_storage(), "import-pending"))


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


def token_of(response) -> str:
    return re.search(r'name="token" value="([^"]+)"', response.content.decode())[1]


def test_the_confirm_step_imports_nothing_when_the_file_has_become_bad(
    tmp_path, private_root, secretariat, jurist
):
    """Checked clean, then — before the confirmation — one number has become a case somebody
    works on: the confirmation imports nothing at all, not the other good rows."""
    client = Client()
    client.force_login(secretariat)
    rows = [complaint_row(f"2019-{n:07d}") for n in (1, 2, 3)]
    preview = admin_upload(client, write(tmp_path, "c", COMPLAINT_HEADERS, rows))
    assert "3 nye, 0 opdaterede, 0 uændrede" in preview.content.decode()
    assert not Complaint.objects.exists()
    ComplaintFactory(case_number="2019-0000002")  # somebody's case, meanwhile
    response = client.post("/admin/complaints/complaint/process_import/", {"token": token_of(preview)})
    assert response.status_code == 400
    assert "2019-0000002 findes allerede" in response.content.decode()
    assert "Intet er importeret" in response.content.decode()
    assert Complaint.objects.count() == 1
    assert pending_files() == []


def test_a_good_file_is_imported_through_the_two_steps(tmp_path, private_root, secretariat):
    client = Client()
    client.force_login(secretariat)
    preview = admin_upload(client, write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS))
    assert len(pending_files()) == 1
    response = client.post("/admin/complaints/complaint/process_import/", {"token": token_of(preview)})
    assert response.status_code == 302
    assert Complaint.objects.count() == 3
    assert CaseEvent.objects.filter(action="imported").count() == 3
    assert pending_files() == []
    # The same confirmation twice: the upload is gone, nothing more happens.
    again = client.post("/admin/complaints/complaint/process_import/", {"token": token_of(preview)})
    assert again.status_code == 400 and Complaint.objects.count() == 3


def test_the_confirmation_reads_no_file_named_in_the_form(tmp_path, private_root, secretariat):
    client = Client()
    client.force_login(secretariat)
    for posted in (
        {"import_file_name": "/etc/passwd", "format": "0"},
        {"token": "../../../../etc/passwd"},
        {
            "token": token_of(admin_upload(client, write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS)))[
                :-3
            ]
            + "xyz"
        },
    ):
        response = client.post("/admin/complaints/complaint/process_import/", posted)
        assert response.status_code == 400
        assert "Importen er udløbet" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_token_is_bound_to_its_user_and_its_format(tmp_path, private_root, secretariat):
    from tests.factories import UserFactory

    client = Client()
    client.force_login(secretariat)
    token = token_of(admin_upload(client, write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS)))
    colleague = Client()
    colleague.force_login(UserFactory(username="anden-sekretær", roles=["secretariat"], is_staff=True))
    assert colleague.post("/admin/complaints/complaint/process_import/", {"token": token}).status_code == 400
    assert (
        client.post("/admin/consultations/consultation/process_import/", {"token": token}).status_code == 400
    )
    assert not Complaint.objects.exists() and not Consultation.objects.exists()


def test_a_failed_check_leaves_no_upload_behind_and_shows_no_traceback(tmp_path, private_root, secretariat):
    client = Client()
    client.force_login(secretariat)
    bad = [row[:] for row in GOOD_COMPLAINTS]
    bad[1][1] = "nonsense"
    response = admin_upload(client, write(tmp_path, "bad", COMPLAINT_HEADERS, bad))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Række 2, kolonne kind" in html and "Intet er importeret" in html
    assert "Traceback" not in html and 'name="token"' not in html
    assert pending_files() == []
    garbage = tmp_path / "garbage.xlsx"
    garbage.write_bytes(b"this is not a spreadsheet")
    response = admin_upload(client, garbage)
    assert response.status_code == 400 and "Traceback" not in response.content.decode()
    assert pending_files() == []


def test_a_note_or_a_follow_up_date_makes_an_imported_case_a_persons_work(tmp_path, secretariat, jurist):
    from core import notes

    assert run("complaints", write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS))[0]
    noted = Complaint.objects.get(case_number="2018-0000002")
    notes.note_add(case="complaint", instance=noted, by=jurist, data={"text": "Ringede til borgeren."})
    rows = [["2018-0000010", "consultation", "SOF", "line", "2018-05-01", "", "", "Partshøring"]]
    assert run("consultations", write(tmp_path, "k", CONSULTATION_HEADERS, rows))[0]
    consultation = Consultation.objects.get(case_number="2018-0000010")
    notes.follow_up_set(case="consultation", instance=consultation, by=jurist, on=None)
    changed = [row[:] for row in GOOD_COMPLAINTS]
    changed[1][2] = "letter"
    ok, _out, err = run("complaints", write(tmp_path, "c2", COMPLAINT_HEADERS, changed))
    assert not ok and "row 2, column case_number: 2018-0000002 findes allerede" in err
    rows[0][7] = "Noget helt andet"
    ok, _out, err = run("consultations", write(tmp_path, "k2", CONSULTATION_HEADERS, rows))
    assert not ok and "2018-0000010 findes allerede" in err
    assert Consultation.objects.get(case_number="2018-0000010").topic == "Partshøring"

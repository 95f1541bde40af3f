"""The four import formats of DOMAIN §8 through `import_data`: all rows or none."""

import datetime as dt
import io
from pathlib import Path

import pytest
import tablib
from django.core.management import CommandError, call_command

from complaints.models import CaseEvent, Complaint
from consultations.models import Consultation
from supervision.models import Supervision
from tests.factories import ComplaintFactory
from whistleblower.models import Report

pytestmark = pytest.mark.django_db

COMPLAINT_HEADERS = [
    "case_number",
    "kind",
    "requester",
    "channel",
    "department",
    "received_on",
    "closed_on",
    "track",
    "outcome",
    "solved",
    "department_admitted_error",
    "legality_error",
    "discrimination_ground",
    "themes",
    "satisfaction",
]
GOOD_COMPLAINTS = [
    [
        "2018-0000001",
        "complaint",
        "citizen",
        "phone",
        "SOF",
        "2018-05-01",
        "2018-05-11",
        "telephone",
        "upheld",
        "solved",
        "yes",
        "no",
        "age",
        "delay;guidance",
        "satisfied",
    ],
    ["2018-0000002", "inquiry", "citizen", "email", "", "2018-06-01", "", "", "", "", "", "", "", "", ""],
    [
        "2018-0000003",
        "complaint",
        "company",
        "letter",
        "BUF",
        "2018-07-01",
        "2018-07-02",
        "forwarded",
        "not_assessed",
        "",
        "",
        "",
        "",
        "delay",
        "",
    ],
]


def write(tmp_path, name, headers, rows, fmt="csv") -> Path:
    dataset = tablib.Dataset(*rows, headers=headers)
    path = tmp_path / f"{name}.{fmt}"
    if fmt == "csv":
        path.write_text(dataset.export("csv"), encoding="utf-8")
    else:
        path.write_bytes(dataset.export("xlsx"))
    return path


def run(kind, path, user="p-secretariat", dry_run=False):
    out, err = io.StringIO(), io.StringIO()
    args = [kind, str(path), "--as", user] + (["--dry-run"] if dry_run else [])
    try:
        call_command("import_data", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return False, out.getvalue(), err.getvalue() + str(exc)
    return True, out.getvalue(), err.getvalue()


def test_a_valid_complaints_file_is_imported_with_state_themes_and_timeline(tmp_path, secretariat):
    ok, out, _err = run("complaints", write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS))
    assert ok and "new: 3, updated: 0, unchanged: 0" in out
    first = Complaint.objects.get(case_number="2018-0000001")
    assert (first.state, first.track, first.department.code, first.department_admitted_error) == (
        "closed",
        "telephone",
        "SOF",
        True,
    )
    assert sorted(first.points.values_list("theme__code", flat=True)) == ["delay", "guidance"]
    assert Complaint.objects.get(case_number="2018-0000002").state == "received"
    assert Complaint.objects.get(case_number="2018-0000003").state == "forwarded"
    events = CaseEvent.objects.filter(complaint=first)
    assert [(e.action, e.note) for e in events] == [("imported", "Importeret fra det gamle statistiksystem.")]


def test_importing_the_same_file_twice_changes_nothing(tmp_path, secretariat):
    path = write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS)
    run("complaints", path)
    before = (Complaint.objects.count(), CaseEvent.objects.count())
    ok, out, _err = run("complaints", path)
    assert ok and "new: 0, updated: 0, unchanged: 3" in out
    assert (Complaint.objects.count(), CaseEvent.objects.count()) == before


def test_an_existing_number_updates_that_case(tmp_path, secretariat):
    run("complaints", write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS))
    changed = [row[:] for row in GOOD_COMPLAINTS]
    changed[0][8] = "not_upheld"
    changed[0][13] = "delay"
    ok, out, _err = run("complaints", write(tmp_path, "c2", COMPLAINT_HEADERS, changed))
    assert ok and "new: 0, updated: 1, unchanged: 2" in out
    first = Complaint.objects.get(case_number="2018-0000001")
    assert first.outcome == "not_upheld"
    assert list(first.points.values_list("theme__code", flat=True)) == ["delay"]


@pytest.mark.parametrize(
    ("column", "value", "reason"),
    [
        ("kind", "complaint_x", "gyldigt valg"),
        ("received_on", "01-05-2018", "ÅÅÅÅ-MM-DD"),
        ("department", "XYZ", "XYZ"),
        ("themes", "delay;nosuch", "nosuch"),
        ("department_admitted_error", "maybe", "yes"),
    ],
    ids=["unknown code", "bad date", "unknown department", "unknown theme", "bad boolean"],
)
def test_each_kind_of_bad_row_is_reported_and_nothing_is_written(
    tmp_path, secretariat, column, value, reason
):
    rows = [row[:] for row in GOOD_COMPLAINTS]
    rows[1][COMPLAINT_HEADERS.index(column)] = value
    ok, _out, err = run("complaints", write(tmp_path, "bad", COMPLAINT_HEADERS, rows))
    assert not ok
    assert f"row 2, column {column}:" in err and reason in err
    assert not Complaint.objects.exists() and not CaseEvent.objects.exists()


def test_closed_without_track_and_duplicate_numbers_are_row_errors(tmp_path, secretariat):
    rows = [row[:] for row in GOOD_COMPLAINTS]
    rows[0][COMPLAINT_HEADERS.index("track")] = ""
    rows[2][0] = rows[1][0]
    ok, _out, err = run("complaints", write(tmp_path, "bad", COMPLAINT_HEADERS, rows))
    assert not ok
    assert "row 1, column track:" in err
    assert "row 3, column case_number:" in err and "række 2" in err
    assert not Complaint.objects.exists()


def test_dry_run_writes_nothing(tmp_path, secretariat):
    ok, out, _err = run("complaints", write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS), dry_run=True)
    assert ok and "new: 3" in out and "nothing written" in out
    assert not Complaint.objects.exists()


def test_xlsx_works_like_csv(tmp_path, secretariat):
    ok, out, _err = run("complaints", write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS, fmt="xlsx"))
    assert ok and "new: 3" in out
    assert Complaint.objects.get(case_number="2018-0000001").received_on == dt.date(2018, 5, 1)


def test_missing_columns_reject_the_file(tmp_path, secretariat):
    ok, _out, err = run(
        "complaints", write(tmp_path, "c", COMPLAINT_HEADERS[:-2], [r[:-2] for r in GOOD_COMPLAINTS])
    )
    assert not ok and "themes" in err and "satisfaction" in err


@pytest.mark.parametrize("persona_name", ["jurist", "committee", "wb_member", "superuser"])
def test_case_data_import_is_the_secretariats(tmp_path, request, persona_name):
    user = request.getfixturevalue(persona_name)
    ok, _out, err = run(
        "complaints", write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS), user=user.username
    )
    assert not ok and "may not import" in err
    assert not Complaint.objects.exists()


def test_consultations_format(tmp_path, secretariat):
    headers = [
        "case_number",
        "kind",
        "department",
        "channel",
        "received_on",
        "closed_on",
        "participants",
        "topic",
    ]
    rows = [
        ["2018-0000010", "consultation", "SOF", "line", "2018-05-01", "2018-05-03", "", "Partshøring"],
        ["2018-0000011", "teaching", "BUF", "meeting", "2018-06-01", "2018-06-01", "25", "Forvaltningsret"],
    ]
    ok, out, _err = run("consultations", write(tmp_path, "k", headers, rows))
    assert ok and "new: 2" in out
    assert Consultation.objects.get(case_number="2018-0000011").participants == 25
    rows[0][3] = "pigeon"
    ok, _out, err = run("consultations", write(tmp_path, "k2", headers, rows))
    assert not ok and "row 1, column channel" in err


def test_supervisions_format(tmp_path, secretariat):
    source = ComplaintFactory(case_number="2018-0000020")
    headers = [
        "case_number",
        "kind",
        "departments",
        "opened_on",
        "concluded_on",
        "closed_on",
        "conclusion",
        "source_case_number",
    ]
    rows = [
        [
            "2018-0000021",
            "concrete",
            "SOF",
            "2018-05-01",
            "2018-08-01",
            "2018-09-01",
            "criticism",
            source.case_number,
        ],
        ["2018-0000022", "inspection", "SUF;SOF", "2018-05-01", "", "", "", ""],
    ]
    ok, out, _err = run("supervisions", write(tmp_path, "s", headers, rows))
    assert ok and "new: 2" in out
    concrete = Supervision.objects.get(case_number="2018-0000021")
    assert (concrete.state, concrete.source_complaint, concrete.conclusion) == ("closed", source, "criticism")
    assert sorted(
        Supervision.objects.get(case_number="2018-0000022").departments.values_list("code", flat=True)
    ) == ["SOF", "SUF"]
    ok, out, _err = run("supervisions", write(tmp_path, "s", headers, rows))
    assert ok and "unchanged: 2" in out
    rows[1][2] = "SOF;NOPE"
    ok, _out, err = run("supervisions", write(tmp_path, "s3", headers, rows))
    assert not ok and "row 2, column departments" in err


WB_HEADERS = ["reference", "received_on", "channel", "matters", "scope", "rejection_reason", "closed_on"]
WB_ROWS = [
    [
        "WB-2018-0001",
        "2018-03-01",
        "portal",
        "work_environment;work_environment;finances",
        "within",
        "",
        "2018-06-01",
    ],
    ["WB-2018-0002", "2018-04-01", "phone", "other", "rejected", "outside_scope", "2018-04-20"],
]


def test_whistleblower_metadata_format_for_the_unit(tmp_path, wb_member):
    ok, out, _err = run("whistleblower", write(tmp_path, "w", WB_HEADERS, WB_ROWS), user=wb_member.username)
    assert ok and "new: 2" in out
    first = Report.objects.get(reference="WB-2018-0001")
    assert sorted(first.matters.values_list("theme", flat=True)) == [
        "finances",
        "work_environment",
        "work_environment",
    ]
    assert Report.objects.get(reference="WB-2018-0002").state == "rejected"


@pytest.mark.parametrize("persona_name", ["jurist", "head", "committee", "secretariat", "superuser"])
def test_whistleblower_format_is_refused_outside_the_unit(tmp_path, request, persona_name):
    user = request.getfixturevalue(persona_name)
    ok, _out, err = run("whistleblower", write(tmp_path, "w", WB_HEADERS, WB_ROWS), user=user.username)
    assert not ok and "may not import whistleblower" in err
    assert not Report.objects.exists()


def test_closing_before_receiving_is_a_row_error_with_a_danish_reason(tmp_path, secretariat):
    rows = [row[:] for row in GOOD_COMPLAINTS]
    rows[0][COMPLAINT_HEADERS.index("closed_on")] = "2018-04-01"  # before 2018-05-01
    ok, _out, err = run("complaints", write(tmp_path, "bad", COMPLAINT_HEADERS, rows))
    assert (
        not ok and "row 1, column closed_on: Afslutningsdatoen kan ikke ligge før modtagelsesdatoen." in err
    )
    assert not Complaint.objects.exists()


def test_admin_import_page_is_the_secretariats_only(client_for, secretariat, head, superuser):
    url = "/admin/complaints/complaint/import/"
    assert client_for(secretariat).get(url).status_code == 200
    assert client_for(head).get(url).status_code == 403
    assert client_for(superuser).get(url).status_code == 403


def test_admin_import_runs_the_same_resource(client, secretariat, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(secretariat)
    path = write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS)
    with path.open("rb") as upload:
        response = client.post("/admin/complaints/complaint/import/", {"import_file": upload})
    assert response.status_code == 200
    html = response.content.decode()
    assert "c.csv: 3 nye, 0 opdaterede, 0 uændrede. Intet er skrevet endnu." in html
    assert not Complaint.objects.exists()  # the preview writes nothing
    token = __import__("re").search(r'name="token" value="([^"]+)"', html)[1]
    response = client.post("/admin/complaints/complaint/process_import/", {"token": token})
    assert response.status_code == 302
    assert Complaint.objects.count() == 3
    assert CaseEvent.objects.filter(action="imported").count() == 3


def test_no_whistleblower_model_in_the_general_admin(client_for, secretariat, superuser):
    for user in (secretariat, superuser):
        html = client_for(user).get("/admin/").content.decode().lower()
        assert "whistleblower" not in html
        assert "totp" not in html  # a superuser must not read a unit member's second-factor key
    assert client_for(superuser).get("/admin/otp_totp/totpdevice/").status_code == 404


def test_a_nul_character_in_a_cell_is_named_not_a_crash(tmp_path, secretariat):
    """Found by the fuzz test: PostgreSQL cannot store NUL in text and failed the import."""
    rows = [row[:] for row in GOOD_COMPLAINTS]
    rows[1][0] = "2018-00\x0000002"
    ok, _out, err = run("complaints", write(tmp_path, "nul", COMPLAINT_HEADERS, rows))
    assert not ok and "Række 2, kolonne case_number: cellen indeholder et NUL-tegn." in err
    assert not Complaint.objects.exists()


def test_imported_cases_leave_the_general_problem_question_unrecorded(tmp_path, secretariat):
    """The old statistics system never asked whether a case revealed a general problem: an
    imported case says "not recorded" (None), so the yearly report prints "ikke registreret"
    for the year instead of a 0 nobody measured (issue 23)."""
    assert "general_problem" not in COMPLAINT_HEADERS
    ok, _out, err = run("complaints", write(tmp_path, "c", COMPLAINT_HEADERS, GOOD_COMPLAINTS))
    assert ok, err
    assert set(Complaint.objects.values_list("general_problem", flat=True)) == {None}

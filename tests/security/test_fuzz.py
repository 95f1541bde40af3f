"""Arbitrary input into the public forms not covered in tests/complaints/test_fuzz.py — the
status page's survey, the whistleblower portal and its follow-up — and into every import
format (cells and whole files): never a 500, never half a write."""

import datetime as dt
import io

import pytest
import tablib
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints.models import CaseEvent, Complaint
from consultations.models import Consultation
from supervision.models import Supervision
from tests.factories import ComplaintFactory, UserFactory
from whistleblower import services as wb_services
from whistleblower.models import Matter, Message, Report, ReportEvent

pytestmark = pytest.mark.django_db

text = st.text(max_size=200) | st.sampled_from(
    [
        "",
        " ",
        "\x00",
        "<script>alert(1)</script>",
        "a" * 20000,
        "0101901234",
        '=HYPERLINK("x")',
        "ØÆÅ",
        "\r\n",
    ]
)
FUZZ = settings(max_examples=50, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(answer=st.sampled_from(["satisfied", "neutral", "dissatisfied", ""]) | text)
def test_survey_answers_once_with_a_known_answer_or_not_at_all(answer):
    cache.clear()  # the survey's throttle would otherwise stop the later examples
    complaint = ComplaintFactory(state="closed", closed_on=dt.date.today(), track="telephone")
    # The form's field is ``answer`` (complaints.forms.SurveyForm).
    response = Client().post(f"/min-sag/{complaint.public_token}/tilfredshed/", {"answer": answer})
    assert response.status_code < 500
    complaint.refresh_from_db()
    known = answer in ("satisfied", "neutral", "dissatisfied")
    assert complaint.satisfaction == (answer if known else "")
    if known:
        other = "dissatisfied" if answer != "dissatisfied" else "satisfied"
        again = Client().post(f"/min-sag/{complaint.public_token}/tilfredshed/", {"answer": other})
        assert again.status_code < 500
        complaint.refresh_from_db()
        assert complaint.satisfaction == answer  # answered once, never changed afterwards


@FUZZ
@given(
    body=text,
    where=text,
    department=st.sampled_from(["", "1", "7", "999", "x"]),
    when=text,
    third_persons=text,
    reporter_name=text,
    reporter_contact=text,
)
def test_portal_report_form_writes_a_whole_report_or_nothing(**data):
    cache.clear()  # the form's throttle would otherwise stop the later examples
    before = (Report.objects.count(), ReportEvent.objects.count())
    response = Client(REMOTE_ADDR="10.9.9.9").post("/whistleblower/indberet/", data)
    assert response.status_code in (200, 400, 429)
    created = Report.objects.count() - before[0]
    assert created in (0, 1)
    if created:
        report = Report.objects.latest("id")
        assert report.body.strip()
        assert ReportEvent.objects.count() > before[1]  # with its timeline
        assert "receipt-code" in response.content.decode()
    else:
        assert ReportEvent.objects.count() == before[1]


@pytest.fixture
def open_report(db):
    report, code = wb_services.report_submit(body="Der snydes med kørselsregnskabet.")
    return report, code


@FUZZ
@given(code=text, body=text, use_real_code=st.booleans())
def test_follow_up_never_fails_and_only_the_right_code_adds_a_message(open_report, code, body, use_real_code):
    cache.clear()
    _report, real = open_report
    before = Message.objects.count()
    sent_code = real if use_real_code else code
    response = Client().post("/whistleblower/opfoelgning/", {"code": sent_code, "body": body})
    assert response.status_code in (200, 400, 429)
    added = Message.objects.count() - before
    assert added in (0, 1)
    if added:  # only with the right code, only a message with words in it
        assert response.status_code == 200 and sent_code == real
        assert Message.objects.latest("id").body.strip()


# --- imports: cells and whole files ----------------------------------------------------------

FORMATS = {
    "complaints": {
        "case_number": ["2018-0000001", "2018-0000002"],
        "kind": ["complaint", "inquiry"],
        "requester": ["citizen", "company"],
        "channel": ["phone", "email"],
        "department": ["SOF", "BUF", ""],
        "received_on": ["2018-05-01"],
        "closed_on": ["2018-05-11", ""],
        "track": ["telephone", "written", ""],
        "outcome": ["upheld", ""],
        "solved": ["solved", ""],
        "department_admitted_error": ["yes", "no", ""],
        "legality_error": ["yes", "no", ""],
        "discrimination_ground": ["age", ""],
        "themes": ["delay", "delay;guidance", ""],
        "satisfaction": ["satisfied", ""],
    },
    "consultations": {
        "case_number": ["2018-0100001"],
        "kind": ["consultation", "teaching"],
        "department": ["SOF", ""],
        "channel": ["phone", "line"],
        "received_on": ["2018-05-01"],
        "closed_on": ["2018-05-02", ""],
        "participants": ["12", ""],
        "topic": ["Aktindsigt"],
    },
    "supervisions": {
        "case_number": ["2018-0200001"],
        "kind": ["own_initiative_case", "inspection"],
        "departments": ["SOF", "SOF;BUF"],
        "opened_on": ["2018-05-01"],
        "concluded_on": ["2018-06-01", ""],
        "closed_on": ["2018-06-02", ""],
        "conclusion": ["criticism", ""],
        "source_case_number": [""],
    },
    "whistleblower": {
        "reference": ["WB-2018-0001"],
        "received_on": ["2018-05-01"],
        "channel": ["portal", "phone"],
        "matters": ["work_environment", "finances;finances;other"],
        "scope": ["within"],
        "rejection_reason": [""],
        "closed_on": ["2018-06-01", ""],
    },
}
USERS = {"whistleblower": "fuzz-wb"}


def snapshot():
    return tuple(m.objects.count() for m in (Complaint, CaseEvent, Consultation, Supervision, Report, Matter))


def import_file(kind, path):
    try:
        call_command(
            "import_data",
            kind,
            str(path),
            "--as",
            USERS.get(kind, "fuzz-secretariat"),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )
    except CommandError:
        return False
    return True


@pytest.fixture
def importers(db):
    UserFactory(username="fuzz-secretariat", roles=["secretariat"])
    UserFactory(username="fuzz-wb", roles=["whistleblower_unit"])


def rows_for(kind):
    """Rows of known-good values, some with arbitrary cells mixed in: files that import and
    files that must be refused whole."""
    columns = FORMATS[kind]
    clean = st.fixed_dictionaries({name: st.sampled_from(samples) for name, samples in columns.items()})
    dirty = st.fixed_dictionaries(
        {name: st.sampled_from(samples) | text for name, samples in columns.items()}
    )
    return st.lists(clean | dirty, min_size=1, max_size=4)


@pytest.mark.parametrize("kind", list(FORMATS))
def test_every_import_format_imports_all_rows_or_none(kind, importers, tmp_path):
    @FUZZ
    @given(rows=rows_for(kind), fmt=st.sampled_from(["csv", "xlsx"]))
    def check(rows, fmt):
        headers = list(FORMATS[kind])
        dataset = tablib.Dataset(*[[row[h] for h in headers] for row in rows], headers=headers)
        path = tmp_path / f"fuzz.{fmt}"
        try:
            data = dataset.export(fmt)
        except Exception:
            return
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
        with transaction.atomic():  # each example starts from the same empty tables
            before = snapshot()
            ok = import_file(kind, path)
            after = snapshot()
            transaction.set_rollback(True)
        if not ok:
            assert after == before  # rejected: nothing written
        else:  # imported: one record per distinct number, never more
            imported = {"complaints": 0, "consultations": 2, "supervisions": 3, "whistleblower": 4}[kind]
            numbers = {row[next(iter(FORMATS[kind]))].strip() for row in rows}
            assert after[imported] - before[imported] == len(numbers)

    check()


@FUZZ
@given(content=st.binary(max_size=2000), suffix=st.sampled_from([".csv", ".xlsx", ".txt", ""]))
def test_any_file_at_all_is_answered_with_a_message_and_writes_nothing(importers, tmp_path, content, suffix):
    path = tmp_path / f"junk{suffix}"
    path.write_bytes(content)
    before = snapshot()
    for kind in FORMATS:
        import_file(kind, path)
    assert snapshot() == before


def test_a_file_whose_first_line_is_empty_is_answered_with_a_message(importers, tmp_path):
    """Found by the fuzzing above: an empty first line and a NUL left tablib without headers,
    and django-import-export failed with a TypeError."""
    path = tmp_path / "junk.csv"
    path.write_bytes(b"\n\x00")
    before = snapshot()
    for kind in FORMATS:
        with pytest.raises(CommandError, match=r"Den første række skal indeholde kolonnernes navne\."):
            call_command("import_data", kind, str(path), "--as", USERS.get(kind, "fuzz-secretariat"))
    assert snapshot() == before

"""The retention schedule (issue 26, DOMAIN §9), with dates worked out by hand: today is
Saturday 5 December 2026, so a complaint closed 5 years and a day ago closed on 4 December
2021, one closed 5 years minus a day ago on 6 December 2021."""

import csv
import datetime as dt
import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection

from complaints import services as complaint_services
from complaints.models import Complaint, ComplaintPoint, LetterTemplate, MediationRound, Theme
from consultations.models import Consultation
from core import access, notes
from core.disqualification import disqualification_record
from retention import services
from retention.models import ArchivePackage, Deletion, Hold
from tests.factories import ComplaintFactory, SupervisionFactory, UserFactory, department
from tests.retention.cases import DUE, NOT_YET, PDF, TODAY, a_closed_complaint, closed, deleted_numbers
from tests.storage import everything, raw

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_a_complaint_five_years_and_a_day_after_closing_is_archived_then_deleted_and_one_a_day_short_is_not():
    due = a_closed_complaint(DUE, person_name="Karen Due")
    not_yet = a_closed_complaint(NOT_YET, person_name="Karen Endnu")
    to_the_day = a_closed_complaint(dt.date(2021, 12, 5), person_name="Karen Præcis")
    open_case = ComplaintFactory(received_on=dt.date(2015, 1, 5), state="written", person_name="Karen Åben")
    counts = services.run_due(TODAY)
    assert counts == {"packages": 1, "deleted": 1}
    assert deleted_numbers() == {due.case_number}
    package = ArchivePackage.objects.get()
    assert package.state == "done" and package.cases == [["complaint", due.pk]]
    assert Complaint.objects.get(pk=due.pk).person_name == ""
    for kept in (not_yet, to_the_day, open_case):
        assert Complaint.objects.get(pk=kept.pk).person_name == kept.person_name
    # The next night nothing more is due; the day after, the one closed on 5 December 2021 is.
    assert services.run_due(TODAY) == {"packages": 0, "deleted": 0}
    services.run_due(dt.date(2026, 12, 6))
    assert deleted_numbers() == {due.case_number, to_the_day.case_number}


def test_on_29_february_a_case_closed_on_28_february_five_years_before_is_due():
    """Closed 28 February 2019: its fifth anniversary is 28 February 2024, so it is due on
    29 February 2024; one closed 1 March 2019 is due on 2 March."""
    feb = a_closed_complaint(dt.date(2019, 2, 28))
    march = a_closed_complaint(dt.date(2019, 3, 1))
    services.run_due(dt.date(2024, 2, 28))
    assert deleted_numbers() == set()
    services.run_due(dt.date(2024, 2, 29))
    assert deleted_numbers() == {feb.case_number}
    services.run_due(dt.date(2024, 3, 1))
    assert deleted_numbers() == {feb.case_number}
    services.run_due(dt.date(2024, 3, 2))
    assert deleted_numbers() == {feb.case_number, march.case_number}


def test_kept_postponed_under_access_request_or_source_of_an_open_supervision_are_not_deleted(
    secretariat, jurist
):
    kept = a_closed_complaint(DUE)
    postponed = a_closed_complaint(DUE)
    postponed_to_yesterday = a_closed_complaint(DUE)
    asked_for = a_closed_complaint(DUE)
    supervised = a_closed_complaint(DUE)
    plain = a_closed_complaint(DUE)
    services.decide(
        kind="complaint", case=kept, decision="keep", reason="Principiel sag.", until=None, by=secretariat
    )
    services.decide(
        kind="complaint",
        case=postponed,
        decision="postpone",
        reason="Retssag.",
        until=dt.date(2027, 3, 1),
        by=secretariat,
    )
    services.decide(
        kind="complaint",
        case=postponed_to_yesterday,
        decision="postpone",
        reason="Afventede svar.",
        until=dt.date(2026, 12, 4),
        by=secretariat,
    )
    access.access_request_register(
        instance=asked_for,
        by=jurist,
        data={
            "requester": "party",
            "requester_name": "Lise Berg",
            "requester_address": "",
            "received_on": dt.date(2026, 12, 1),
            "basis": "forvaltningsloven",
        },
    )
    SupervisionFactory(source_complaint=supervised, state="opened")
    services.run_due(TODAY)
    assert deleted_numbers() == {plain.case_number, postponed_to_yesterday.case_number}


def test_supervisions_are_kept_ten_years_and_consultations_five():
    def closed_supervision(on):
        return SupervisionFactory(
            state="closed",
            opened_on=dt.date(2016, 1, 4),
            concluded_on=on,
            conclusion="criticism",
            closed_on=on,
            title="Tilsyn med Jens Hansens botilbud",
        )

    supervision_due = closed_supervision(dt.date(2016, 12, 4))
    supervision_not = closed_supervision(dt.date(2016, 12, 6))
    consultation = Consultation.objects.create(
        case_number="2021-0900001",
        kind="consultation",
        channel="phone",
        topic="Spørgsmål om aktindsigt fra Jens Hansen",
        department=department("SOF"),
        received_on=dt.date(2021, 11, 1),
        state="closed",
        closed_on=DUE,
    )
    services.run_due(TODAY)
    assert deleted_numbers() == {supervision_due.case_number, consultation.case_number}
    assert Consultation.objects.get(pk=consultation.pk).topic == ""
    assert supervision_not.case_number not in deleted_numbers()


def full_case(jurist, head):
    """A complaint with something personal in every place a case keeps text or files."""
    complaint = ComplaintFactory(
        received_on=dt.date(2021, 9, 1),
        channel="email",
        state="written",
        responsible=jurist,
        person_name="Karen Slettesen",
        person_cpr="010190-1234",
        contact_email="karen.slettesen@example.invalid",
        contact_phone="+45 20 30 40 50",
        contact_address="Slettevej 7, 2200 København N",
        representative_name="Advokat Ulla Sletten",
        summary="Hjemmeplejen kom ikke i tre uger (SLETTEMÆRKE-RESUMÉ).",
    )
    ComplaintPoint.objects.create(
        complaint=complaint, theme=Theme.objects.order_by("pk").first(), description="SLETTEMÆRKE-PUNKT"
    )
    MediationRound.objects.create(complaint=complaint, party="citizen", summary="SLETTEMÆRKE-PENDUL")
    notes.note_add(
        case="complaint",
        instance=complaint,
        by=jurist,
        data={
            "text": "Ringede til Karen Slettesen (SLETTEMÆRKE-NOTAT).",
            "kind": "call",
            "contact_name": "Karen",
        },
    )
    complaint_services.attachment_add(
        complaint=complaint, by=jurist, upload=SimpleUploadedFile("Karen Slettesen lægeerklæring.pdf", PDF)
    )
    complaint_services.incoming_from_citizen(
        complaint=complaint,
        text="Her er papirerne (SLETTEMÆRKE-BESKED).",
        upload=SimpleUploadedFile("brev.pdf", PDF + b"SLETTEMAERKE-FIL"),
    )
    complaint_services.letter_send(
        complaint=complaint, by=jurist, code=LetterTemplate.Code.ACKNOWLEDGEMENT, free_text="SLETTEMÆRKE-BREV"
    )
    colleague = UserFactory(username="kollega", roles=["jurist"])
    disqualification_record(instance=complaint, person=colleague, by=head, reason="SLETTEMÆRKE-INHABIL")
    request = access.access_request_register(
        instance=complaint,
        by=jurist,
        data={
            "requester": "third_party",
            "requester_name": "Journalist Bo Slettebo",
            "requester_address": "Avisvej 1",
            "received_on": dt.date(2021, 10, 1),
            "basis": "offentlighedsloven",
        },
    )
    access.access_request_decide(
        access_request=request,
        by=jurist,
        decisions={d.key: access.default_decision(d) for d in access.documents_of(request)},
    )
    return closed(complaint, DUE)


MARKERS = [
    "Slettesen",
    "010190",
    "slettesen@example",
    "20 30 40 50",
    "Slettevej",
    "Sletten",
    "Slettebo",
    "SLETTEMÆRKE",
    "SLETTEMAERKE",
]


def text_columns():
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            for column in connection.introspection.get_table_description(cursor, table):
                yield table, column.name


def found_in_database(marker: str) -> list[str]:
    hits = []
    with connection.cursor() as cursor:
        for table, column in text_columns():
            q = connection.ops.quote_name
            cursor.execute(
                f"SELECT COUNT(*) FROM {q(table)} WHERE CAST({q(column)} AS TEXT) LIKE %s",  # noqa: S608
                [f"%{marker}%"],
            )
            if cursor.fetchone()[0]:
                hits.append(f"{table}.{column}")
    return hits


def figures_of_every_year() -> dict[int, str]:
    out = {}
    for year in range(2019, 2027):
        buffer = io.StringIO()
        call_command("beretning_stats", "--year", str(year), stdout=buffer)
        out[year] = buffer.getvalue()
    return out


def test_after_deletion_no_name_cpr_or_free_text_is_left_anywhere_and_every_figure_is_the_same(
    jurist, head, secretariat, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        complaint = full_case(jurist, head)
    files_before = set(everything())
    assert len(files_before) >= 4  # attachment, citizen's file, letter, access letters
    for marker in ("Slettesen", "SLETTEMÆRKE"):
        assert found_in_database(marker)  # the scan can find them
    figures = figures_of_every_year()

    with django_capture_on_commit_callbacks(execute=True):
        services.run_due(TODAY)

    assert deleted_numbers() == {complaint.case_number}
    assert figures_of_every_year() == figures  # byte for byte, every year
    for marker in MARKERS:
        assert found_in_database(marker) == [], marker
    # The case's files are gone from the storage; what is left is the archive package only.
    left = everything()
    assert all(raw(name) is None for name in files_before)
    assert list(left) == [ArchivePackage.objects.get().file]
    # The status link leads nowhere any more.
    assert Complaint.objects.get(pk=complaint.pk).public_token != complaint.public_token

    # The package: its manifest's checksums match its files, and it holds what was deleted.
    with zipfile.ZipFile(io.BytesIO(left[ArchivePackage.objects.get().file])) as package:
        names = set(package.namelist())
        manifest = package.read("manifest-sha256.txt").decode()
        listed = {}
        for line in manifest.splitlines():
            digest, name = line.split("  ", 1)
            listed[name] = digest
        assert set(listed) == names - {"manifest-sha256.txt"}
        for name, digest in listed.items():
            assert hashlib.sha256(package.read(name)).hexdigest() == digest, name
        table = list(csv.DictReader(io.StringIO(package.read("tabeller/complaints_complaint.csv").decode())))
        assert [(row["case_number"], row["person_name"], row["person_cpr"]) for row in table] == [
            (complaint.case_number, "Karen Slettesen", "010190-1234")
        ]
        assert b"Karen Slettesen" in package.read("tabeller/complaints_complaint.xml")
        assert b'name="person_cpr" type="xs:string"' in package.read("tabeller/complaints_complaint.xsd")
        folder = f"dokumenter/{complaint.case_number}/"
        documents = sorted(name for name in names if name.startswith(folder))
        assert f"{folder}sagsoversigt.pdf" in documents
        assert any(name.endswith("Karen_Slettesen_l_geerkl_ring.pdf") for name in documents)
        assert len(documents) >= 6  # the record, two files, the letter, two access letters
        assert package.read(f"{folder}sagsoversigt.pdf").startswith(b"%PDF-")
        notes_rows = package.read("tabeller/core_casenote.csv").decode()
        assert "SLETTEMÆRKE-NOTAT" in notes_rows
        index = list(csv.reader(io.StringIO(package.read("dokumenter/indeks.csv").decode())))
        assert index[0] == ["sagsnummer", "fil", "titel", "dato"]
        assert sorted(row[1] for row in index[1:] if row[0] == complaint.case_number) == documents

    # Collected by the archive: the package leaves the storage, and nothing personal is left.
    package = ArchivePackage.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        services.collected(package=package, by=secretariat)
    assert everything() == {}


def test_the_run_is_idempotent_and_resumes_a_package_left_half_done(django_capture_on_commit_callbacks):
    cases = [a_closed_complaint(DUE, person_name=f"Borger {n}") for n in range(3)]
    # A run that died after choosing its cases, before writing the package:
    package = ArchivePackage.objects.create(cases=[["complaint", c.pk] for c in cases[:2]])
    with django_capture_on_commit_callbacks(execute=True):
        services.run_due(TODAY)
    assert Deletion.objects.count() == 3
    assert sorted(Deletion.objects.values_list("package_id", flat=True)) == sorted(
        [package.pk, package.pk, ArchivePackage.objects.latest("pk").pk]
    )
    again = services.run_due(TODAY)
    assert again == {"packages": 0, "deleted": 0}
    assert json.loads(json.dumps(list(ArchivePackage.objects.values_list("state", flat=True)))) == [
        "done",
        "done",
    ]


def test_every_text_field_of_a_case_is_decided_on():
    """A text field added to a case's model later must be named as going or staying
    (retention.cases), not silently kept after the deletion."""
    from django.db import models

    from retention.cases import FILE_FIELDS, KEPT, KINDS, PERSONAL

    undecided = []
    for spec in KINDS.values():
        for model in (spec.model, *(part.model for part in spec.parts)):
            for field in model._meta.concrete_fields:
                if not isinstance(field, models.CharField | models.TextField | models.FileField):
                    continue
                decided = (*PERSONAL.get(model, ()), *KEPT.get(model, ()), *FILE_FIELDS.get(model, ()))
                if not field.choices and field.name not in decided:
                    undecided.append(f"{model._meta.label}.{field.name}")
    assert undecided == []


def test_every_row_that_belongs_to_a_case_is_a_part_of_it():
    """Every model that points at a case — or at a part of one (an inquiry's reminders, an
    access request's letters) — is listed in retention.cases, or named as a record of its own:
    a model added later cannot keep a deleted case's text unnoticed."""
    from retention.cases import KINDS, SEPARATE

    unlisted = []
    for spec in KINDS.values():
        listed = {spec.model, *(part.model for part in spec.parts)}
        for model in listed:
            for relation in model._meta.related_objects:
                key = (relation.related_model._meta.label, relation.field.name)
                if relation.related_model not in listed and key not in SEPARATE:
                    unlisted.append(f"{key[0]}.{key[1]} → {model._meta.label}")
    assert unlisted == []


def test_the_secretariat_sees_what_falls_due_next_month_without_names_and_postpones_a_case(
    client_for, secretariat
):
    # On 5 December 2026 the coming month runs to 5 January 2027: closed 4 January 2022 falls
    # due on 5 January 2027 (listed), closed 5 January 2022 on the 6th (not yet).
    soon = a_closed_complaint(dt.date(2022, 1, 4), person_name="Karen Snart")
    later = a_closed_complaint(dt.date(2022, 1, 5), person_name="Karen Senere")
    client = client_for(secretariat)
    url = "/opbevaring/"
    page = client.get(url).content.decode()
    assert soon.case_number in page and later.case_number not in page
    assert "Karen" not in page
    assert "5. jan 2027" in page  # the day it falls due
    # A postponement needs a day after today and a reason, in Danish, naming the field.
    refused = client.post(
        url,
        {
            "hold-case_number": soon.case_number,
            "hold-decision": "postpone",
            "hold-until": "2026-12-05",
            "hold-reason": "",
        },
    )
    html = refused.content.decode()
    assert refused.status_code == 400
    assert "Dagen skal ligge efter i dag." in html and "Begrundelse" in html
    assert not Hold.objects.exists()
    unknown = client.post(
        url, {"hold-case_number": "2099-0000001", "hold-decision": "keep", "hold-reason": "Principiel."}
    )
    assert "Ingen klage, konsultation eller tilsynssag har nummeret 2099-0000001." in unknown.content.decode()
    done = client.post(
        url,
        {
            "hold-case_number": soon.case_number,
            "hold-decision": "postpone",
            "hold-until": "2027-06-30",
            "hold-reason": "Sagen indgår i en verserende retssag.",
        },
        follow=True,
    )
    assert f"Afgørelsen om {soon.case_number} er gemt." in done.content.decode()
    hold = Hold.objects.get()
    assert (hold.case_number, hold.kind, hold.until, hold.decided_by) == (
        soon.case_number,
        "postpone",
        dt.date(2027, 6, 30),
        secretariat,
    )
    services.run_due(dt.date(2027, 1, 5))
    assert deleted_numbers() == set()  # postponed
    services.run_due(dt.date(2027, 7, 1))
    assert deleted_numbers() == {soon.case_number, later.case_number}


def test_the_periods_are_edited_by_the_secretariat(client_for, secretariat):
    client = client_for(secretariat)
    a_closed_complaint(dt.date(2019, 12, 4))
    client.post("/opbevaring/frister/complaint/", {"complaint-kind": "complaint", "complaint-years": "10"})
    assert services.run_due(TODAY) == {"packages": 0, "deleted": 0}  # now kept 10 years
    response = client.post(
        "/opbevaring/frister/complaint/", {"complaint-kind": "complaint", "complaint-years": "0"}, follow=True
    )
    assert "Antallet af år skal være et helt tal fra 1 til 100." in response.content.decode()
    client.post("/opbevaring/frister/complaint/", {"complaint-kind": "complaint", "complaint-years": "5"})
    assert services.run_due(TODAY)["deleted"] == 1

"""A case whose personal data are deleted under the retention schedule is a record: its page
says so, offers no move, and no move — reopening included — gets through, by any door. Today
is 5 December 2026; the complaint closed on 4 December 2021 is due."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from complaints import services as complaint_services
from complaints.models import Complaint, ComplaintPoint, Theme
from retention import services
from tests.factories import ComplaintFactory
from tests.retention.cases import DUE, NOT_YET, TODAY, a_closed_complaint

pytestmark = pytest.mark.django_db

NOTICE = "Personoplysningerne i sagen blev slettet efter opbevaringsfristen den 5. december 2026"
REFUSED = (
    "Sagens personoplysninger blev slettet efter opbevaringsfristen den 5. december 2026: "
    "sagen er nu en registrering"
)


@pytest.fixture(autouse=True)
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def test_the_page_of_a_deleted_case_says_so_and_offers_no_move_and_reopening_is_refused(client_for, jurist):
    deleted = a_closed_complaint(DUE, person_name="Karen Slettet", responsible=jurist)
    kept = a_closed_complaint(NOT_YET, person_name="Karen Endnu", responsible=jurist)
    assert services.run_due(TODAY) == {"packages": 1, "deleted": 1}
    client = client_for(jurist)
    reopen = reverse("complaints:transition", args=[deleted.pk, "reopen"])

    page = client.get(reverse("complaints:detail", args=[deleted.pk])).content.decode()
    assert NOTICE in page
    assert reopen not in page  # no button, no form
    other = client.get(reverse("complaints:detail", args=[kept.pk])).content.decode()
    assert "Personoplysningerne i sagen blev slettet" not in other
    assert reverse("complaints:transition", args=[kept.pk, "reopen"]) in other

    # The form's POST, made by hand: refused, with the reason on the page it returns to.
    answer = client.post(reopen, {"reopen-note": "Borgeren har skrevet igen."}, follow=True)
    assert REFUSED in answer.content.decode()
    assert Complaint.objects.get(pk=deleted.pk).state == "closed"
    # The service, which views, commands and imports all call, refuses it with the reason.
    with pytest.raises(ValidationError) as refused:
        complaint_services.complaint_transition(
            complaint=Complaint.objects.get(pk=deleted.pk), action="reopen", by=jurist, note="Igen."
        )
    assert REFUSED in " ".join(refused.value.messages)
    assert Complaint.objects.get(pk=deleted.pk).state == "closed"
    # The kept one still reopens.
    complaint_services.complaint_transition(
        complaint=Complaint.objects.get(pk=kept.pk), action="reopen", by=jurist, note="Igen."
    )
    assert Complaint.objects.get(pk=kept.pk).state == "screening"


def test_nothing_new_is_written_to_a_deleted_case_a_note_a_point_or_a_follow_up(client_for, jurist):
    """What the schedule deleted stays deleted: a note or a point would bring names and texts
    back into a case that is never deleted again."""
    from core.models import CaseNote

    deleted = a_closed_complaint(DUE, person_name="Karen Slettet", responsible=jurist)
    services.run_due(TODAY)
    client = client_for(jurist)
    notes, events = CaseNote.objects.count(), deleted.events.count()
    answers = [
        client.post(
            reverse("complaints:note_add", args=[deleted.pk]),
            {
                "note-kind": "note",
                "note-occurred_at": "2026-12-05T09:00",
                "note-text": "Karen Slettet ringede igen.",
            },
            follow=True,
        ),
        client.post(
            reverse("complaints:point_add", args=[deleted.pk]),
            {"point-theme": Theme.objects.first().pk, "point-description": "Karen Slettets nye klagepunkt"},
            follow=True,
        ),
        client.post(
            reverse("complaints:follow_up", args=[deleted.pk]),
            {"follow-follow_up_on": "2027-01-04", "follow-follow_up_reason": "Ring til Karen Slettet"},
            follow=True,
        ),
    ]
    for answer in answers:
        assert REFUSED in answer.content.decode()
    assert CaseNote.objects.count() == notes and deleted.events.count() == events
    assert not ComplaintPoint.objects.filter(complaint=deleted, description__contains="Karen").exists()
    assert Complaint.objects.get(pk=deleted.pk).follow_up_on is None


def test_an_open_case_keeps_its_moves_and_forms_and_takes_a_note(client_for, jurist):
    """The check costs a case nothing until the schedule has deleted it."""
    case = ComplaintFactory(state="screening", responsible=jurist)
    client = client_for(jurist)
    page = client.get(reverse("complaints:detail", args=[case.pk])).content.decode()
    assert "Personoplysningerne i sagen blev slettet" not in page
    assert reverse("complaints:note_add", args=[case.pk]) in page
    assert f"/sager/{case.pk}/handling/" in page  # its moves
    client.post(
        reverse("complaints:note_add", args=[case.pk]),
        {"note-kind": "note", "note-occurred_at": "2026-12-05T09:00", "note-text": "Ringede til borgeren."},
    )
    assert case.notes.filter(text="Ringede til borgeren.").exists()


def test_an_old_import_file_cannot_bring_a_deleted_cases_text_back(tmp_path, secretariat):
    """A consultation imported and closed on 4 December 2021, untouched since (so the import's
    to change), is due today: once its topic is deleted, the same file imported again is
    refused at its row, naming the case and the day — the topic does not come back."""
    from consultations.models import Consultation
    from tests.imports.test_import_data import run, write
    from tests.imports.test_import_integrity import CONSULTATION_HEADERS

    topic = "Råd til sagsbehandleren om Karen Hansens klage over hjemmeplejen"
    rows = [["2021-0000040", "consultation", "SOF", "line", "2021-11-01", "2021-12-04", "", topic]]
    old_file = write(tmp_path, "old", CONSULTATION_HEADERS, rows)
    assert run("consultations", old_file)[0]
    assert services.run_due(TODAY) == {"packages": 1, "deleted": 1}
    assert Consultation.objects.get(case_number="2021-0000040").topic == ""

    ok, _out, err = run("consultations", old_file)
    assert not ok
    assert (
        "row 1, column case_number: 2021-0000040 er en registrering: sagens personoplysninger blev "
        "slettet efter opbevaringsfristen den 5. december 2026, og en import må ikke skrive i den"
    ) in err
    assert Consultation.objects.get(case_number="2021-0000040").topic == ""

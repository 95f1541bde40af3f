"""The supervision workflow of DOMAIN §4 and its round trip with the complaint."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_fsm import TransitionNotAllowed

from complaints.models import CaseEvent
from supervision import services
from supervision.models import HearingRound, Supervision, SupervisionEvent
from tests.factories import ComplaintFactory, SupervisionFactory, department

pytestmark = pytest.mark.django_db

MOVES = {
    "start_hearing": (["opened"], "hearing"),
    "send_draft": (["hearing"], "draft"),
    "reopen_hearing": (["draft"], "hearing"),
    "conclude": (["draft"], "concluded"),
    "start_follow_up": (["concluded"], "follow_up"),
    "close": (["concluded", "follow_up"], "closed"),
}
STATES = ["opened", "hearing", "draft", "concluded", "follow_up", "closed"]


def in_state(state, **extra):
    if state in {"concluded", "follow_up", "closed"}:
        extra.setdefault("conclusion", "no_criticism")
        extra.setdefault("concluded_on", dt.date(2023, 8, 1))
    if state == "closed":
        extra.setdefault("closed_on", dt.date(2023, 9, 1))
    supervision = SupervisionFactory(state=state, **extra)
    HearingRound.objects.create(
        supervision=supervision,
        department=department("SOF"),
        questions="?",
        sent_on=dt.date(2023, 5, 2),
        due_on=dt.date(2023, 5, 20),
    )
    return supervision


def fields_for(action):
    return {"conclusion": "criticism"} if action == "conclude" else {}


@pytest.mark.parametrize(
    ("action", "source", "target"), [(a, s, t) for a, (sources, t) in MOVES.items() for s in sources]
)
def test_allowed_move_reaches_its_target_with_a_timeline_row(action, source, target, head):
    supervision = in_state(source)
    services.supervision_transition(
        supervision=supervision, action=action, by=head, fields=fields_for(action)
    )
    assert Supervision.objects.get(pk=supervision.pk).state == target
    event = SupervisionEvent.objects.get(supervision=supervision)
    assert (event.action, event.from_state, event.to_state, event.actor) == (action, source, target, head)


@pytest.mark.parametrize(
    ("action", "source"), [(a, s) for a, (sources, _t) in MOVES.items() for s in STATES if s not in sources]
)
def test_move_from_a_forbidden_state_is_refused(action, source, head):
    supervision = in_state(source)
    with pytest.raises(TransitionNotAllowed):
        services.supervision_transition(
            supervision=supervision, action=action, by=head, fields=fields_for(action)
        )
    assert Supervision.objects.get(pk=supervision.pk).state == source


def test_a_jurist_cannot_conclude_the_head_can(jurist, head):
    supervision = in_state("draft")
    with pytest.raises(PermissionDenied):
        services.supervision_transition(
            supervision=supervision, action="conclude", by=jurist, fields={"conclusion": "criticism"}
        )
    assert Supervision.objects.get(pk=supervision.pk).state == "draft"
    services.supervision_transition(
        supervision=supervision,
        action="conclude",
        by=head,
        fields={"conclusion": "criticism"},
        on=dt.date(2023, 9, 1),
    )
    supervision.refresh_from_db()
    assert (supervision.state, supervision.conclusion, supervision.concluded_on) == (
        "concluded",
        "criticism",
        dt.date(2023, 9, 1),
    )


def test_conclusion_must_say_criticism_or_not(head):
    supervision = in_state("draft")
    with pytest.raises(ValidationError):
        services.supervision_transition(supervision=supervision, action="conclude", by=head)


@pytest.mark.parametrize("persona_name", ["committee", "secretariat", "wb_member", "outsider", "superuser"])
def test_only_caseworkers_move_a_supervision(persona_name, request):
    supervision = in_state("opened")
    with pytest.raises(PermissionDenied):
        services.supervision_transition(
            supervision=supervision, action="start_hearing", by=request.getfixturevalue(persona_name)
        )


def test_general_investigation_cannot_leave_opened_without_committee_consultation(jurist):
    supervision = in_state("opened", kind="own_initiative_general")
    with pytest.raises(ValidationError) as exc:
        services.supervision_transition(supervision=supervision, action="start_hearing", by=jurist)
    assert "samråd med udvalget (vedtægtens § 13)" in exc.value.messages[0]
    Supervision.objects.filter(pk=supervision.pk).update(committee_consulted_on=dt.date(2023, 4, 20))
    services.supervision_transition(supervision=supervision, action="start_hearing", by=jurist)
    assert Supervision.objects.get(pk=supervision.pk).state == "hearing"


def test_draft_needs_a_hearing_round_first(jurist):
    supervision = SupervisionFactory(state="hearing")
    with pytest.raises(ValidationError):
        services.supervision_transition(supervision=supervision, action="send_draft", by=jurist)


def test_several_hearing_rounds_are_allowed(jurist):
    supervision = in_state("hearing")
    services.hearing_round_add(
        supervision=supervision,
        by=jurist,
        department=department("SOF"),
        questions="Nyt?",
        sent_on=dt.date(2023, 6, 1),
        deadline=dt.date(2023, 6, 20),
    )
    services.supervision_transition(supervision=supervision, action="send_draft", by=jurist)
    services.supervision_transition(supervision=supervision, action="reopen_hearing", by=jurist)
    services.hearing_round_add(
        supervision=supervision,
        by=jurist,
        department=department("SOF"),
        questions="Igen?",
        sent_on=dt.date(2023, 7, 1),
        deadline=dt.date(2023, 7, 20),
    )
    assert supervision.hearing_rounds.count() == 3


def test_complaint_supervision_round_trip_leaves_both_right_with_timelines(jurist, head):
    complaint = ComplaintFactory(state="written", furthest_step="written", themes=["delay"])
    supervision = services.supervision_open_from_complaint(complaint=complaint, by=jurist, title="Tilsyn")
    complaint.refresh_from_db()
    assert (supervision.kind, supervision.source_complaint, complaint.state) == (
        "concrete",
        complaint,
        "supervision",
    )
    assert list(supervision.departments.all()) == [complaint.department]

    services.supervision_transition(supervision=supervision, action="start_hearing", by=jurist)
    services.hearing_round_add(
        supervision=supervision,
        by=jurist,
        department=complaint.department,
        questions="?",
        sent_on=dt.date(2023, 6, 1),
        deadline=dt.date(2023, 6, 20),
    )
    services.supervision_transition(supervision=supervision, action="send_draft", by=jurist)
    services.supervision_transition(
        supervision=supervision, action="conclude", by=head, fields={"conclusion": "criticism"}
    )
    complaint.refresh_from_db()
    assert complaint.state == "written"  # resumed: the jurist tells the parties and closes it
    complaint_actions = list(CaseEvent.objects.filter(complaint=complaint).values_list("action", flat=True))
    assert complaint_actions == ["escalate_to_supervision", "resume_after_supervision"]
    assert "kritik" in CaseEvent.objects.filter(complaint=complaint).last().note.lower()
    supervision_actions = list(
        SupervisionEvent.objects.filter(supervision=supervision).values_list("action", flat=True)
    )
    assert supervision_actions == ["created", "start_hearing", "hearing_sent", "send_draft", "conclude"]

    # Closing the complaint afterwards records the supervision as its track.
    from complaints.services import complaint_transition

    point = complaint.points.get()
    complaint_transition(
        complaint=complaint,
        action="close",
        by=jurist,
        fields={
            "outcome": "upheld",
            "solved": "solved",
            "department_admitted_error": True,
            "legality_error": False,
            "point_assessments": {point.pk: "upheld"},
        },
    )
    complaint.refresh_from_db()
    assert (complaint.state, complaint.track) == ("closed", "supervision")


def test_no_supervision_from_a_complaint_in_running_mediation(jurist):
    complaint = ComplaintFactory(state="mediation", furthest_step="mediation")
    with pytest.raises(ValidationError) as exc:
        services.supervision_open_from_complaint(complaint=complaint, by=jurist, title="Tilsyn")
    assert "mæglingen pågår" in exc.value.messages[0]
    assert not Supervision.objects.exists()
    complaint.refresh_from_db()
    assert complaint.state == "mediation"


def test_no_supervision_from_a_closed_complaint(jurist):
    complaint = ComplaintFactory(state="closed", closed_on=dt.date(2023, 6, 1), track="telephone")
    with pytest.raises(TransitionNotAllowed):
        services.supervision_open_from_complaint(complaint=complaint, by=jurist, title="Tilsyn")
    assert not Supervision.objects.exists()


def test_own_initiative_needs_a_department_and_is_never_concrete(jurist):
    with pytest.raises(ValidationError):
        services.supervision_create(by=jurist, kind="own_initiative_case", title="x", departments=[])
    with pytest.raises(ValidationError):
        services.supervision_create(by=jurist, kind="concrete", title="x", departments=[department("SOF")])
    assert not Supervision.objects.exists()


def test_finding_only_for_a_department_of_the_supervision(jurist):
    supervision = SupervisionFactory(departments=["SOF", "BUF"])
    services.finding_set(supervision=supervision, by=jurist, department=department("SOF"), value="meets")
    services.finding_set(
        supervision=supervision, by=jurist, department=department("SOF"), value="partly_meets"
    )
    assert supervision.findings.get().value == "partly_meets"  # one per department, updated
    with pytest.raises(ValidationError):
        services.finding_set(supervision=supervision, by=jurist, department=department("TMF"), value="meets")


def test_system_notes_are_written_in_danish_whatever_the_actors_language(jurist, head):
    from django.utils import translation

    complaint = ComplaintFactory(state="written")
    with translation.override("en"):
        supervision = services.supervision_open_from_complaint(complaint=complaint, by=jurist, title="T")
        Supervision.objects.filter(pk=supervision.pk).update(state="draft")
        services.supervision_transition(
            supervision=supervision, action="conclude", by=head, fields={"conclusion": "no_criticism"}
        )
    notes = list(CaseEvent.objects.filter(complaint=complaint).values_list("note", flat=True))
    assert notes == ["Tilsyn oprettet.", f"Tilsyn {supervision.case_number} afgivet: Ingen kritik."]

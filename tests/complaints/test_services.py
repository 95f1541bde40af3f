"""The complaint workflow of DOMAIN §3, through its one entry point ``complaint_transition``."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_fsm import TransitionNotAllowed

from complaints import services
from complaints.models import CaseEvent, Complaint, Consequence, State
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db

ALL_STATES = [s.value for s in State]

# action → (allowed source states, target state)
MOVES = {
    "start_screening": (["received"], "screening"),
    "advise": (["screening"], "advised"),
    "forward": (["screening"], "forwarded"),
    "reject": (["screening"], "rejected"),
    "call": (["screening"], "telephone"),
    "write": (["screening", "telephone", "mediation"], "written"),
    "mediate": (["screening", "telephone", "written"], "mediation"),
    "escalate_to_supervision": (["screening", "telephone", "written", "mediation"], "supervision"),
    "close": (["telephone", "written", "mediation", "supervision"], "closed"),
    "reopen": (["advised", "forwarded", "rejected", "closed"], "screening"),
}

CLOSURE = {
    "outcome": "upheld",
    "solved": "solved",
    "department_admitted_error": True,
    "legality_error": False,
}


def ready_for(action, state):
    """A complaint in ``state`` that meets every guard of ``action``."""
    extra = {}
    if action == "mediate":
        extra = {"citizen_consent_on": dt.date(2023, 5, 2), "department_consent_on": dt.date(2023, 5, 3)}
    if state == "mediation":
        extra["mediation_result"] = "no_agreement"
    if state in {"advised", "forwarded", "rejected", "closed"}:
        extra.update(closed_on=dt.date(2023, 6, 1), track="telephone" if state == "closed" else "advice")
    return ComplaintFactory(
        state=state, furthest_step="telephone" if state != "screening" else "", themes=["delay"], **extra
    )


def fields_for(action, complaint):
    if action == "reject":
        return {"rejection_reason": "withdrawn"}
    if action == "close":
        return {**CLOSURE, "point_assessments": {p.pk: "upheld" for p in complaint.points.all()}}
    return {}


@pytest.mark.parametrize(
    ("action", "source", "target"),
    [(action, source, target) for action, (sources, target) in MOVES.items() for source in sources],
)
def test_allowed_move_reaches_its_target_and_writes_a_timeline_row(action, source, target, jurist):
    complaint = ready_for(action, source)
    result = services.complaint_transition(
        complaint=complaint, action=action, by=jurist, note="n", fields=fields_for(action, complaint)
    )
    assert result.state == target
    assert Complaint.objects.get(pk=complaint.pk).state == target
    event = CaseEvent.objects.get(complaint=complaint)
    assert (event.action, event.from_state, event.to_state, event.actor, event.note) == (
        action,
        source,
        target,
        jurist,
        "n",
    )


@pytest.mark.parametrize(
    ("action", "source"),
    [(action, s) for action, (sources, _t) in MOVES.items() for s in ALL_STATES if s not in sources],
)
def test_move_from_a_forbidden_state_is_refused_and_writes_nothing(action, source, jurist):
    complaint = ready_for(action, source)
    with pytest.raises(TransitionNotAllowed):
        services.complaint_transition(
            complaint=complaint, action=action, by=jurist, note="n", fields=fields_for(action, complaint)
        )
    assert Complaint.objects.get(pk=complaint.pk).state == source
    assert not CaseEvent.objects.exists()


@pytest.mark.parametrize("persona_name", ["committee", "secretariat", "wb_member", "outsider", "superuser"])
def test_only_jurists_and_the_head_may_move_a_case(persona_name, request, head):
    user = request.getfixturevalue(persona_name)
    complaint = ComplaintFactory(state="received")
    with pytest.raises(PermissionDenied):
        services.complaint_transition(complaint=complaint, action="start_screening", by=user)
    assert Complaint.objects.get(pk=complaint.pk).state == "received"
    services.complaint_transition(complaint=complaint, action="start_screening", by=head)
    assert Complaint.objects.get(pk=complaint.pk).state == "screening"


@pytest.mark.parametrize(
    "consents",
    [{}, {"citizen_consent_on": dt.date(2023, 5, 2)}, {"department_consent_on": dt.date(2023, 5, 2)}],
    ids=["none", "citizen-only", "department-only"],
)
def test_mediation_requires_consent_of_both_parties(consents, jurist):
    complaint = ComplaintFactory(state="telephone", **consents)
    with pytest.raises(ValidationError) as exc:
        services.complaint_transition(complaint=complaint, action="mediate", by=jurist)
    assert "samtykke fra både borgeren og forvaltningen" in exc.value.messages[0]
    assert Complaint.objects.get(pk=complaint.pk).state == "telephone"


def test_mediation_about_the_content_of_a_decision_is_refused(jurist):
    complaint = ComplaintFactory(
        state="written",
        concerns_decision=True,
        citizen_consent_on=dt.date(2023, 5, 2),
        department_consent_on=dt.date(2023, 5, 2),
    )
    with pytest.raises(ValidationError) as exc:
        services.complaint_transition(complaint=complaint, action="mediate", by=jurist)
    assert "afgørelse" in exc.value.messages[0]


def test_no_supervision_while_mediation_runs(jurist):
    complaint = ComplaintFactory(state="mediation", furthest_step="mediation")
    with pytest.raises(ValidationError) as exc:
        services.complaint_transition(complaint=complaint, action="escalate_to_supervision", by=jurist)
    assert "mæglingen pågår" in exc.value.messages[0]
    services.complaint_transition(
        complaint=complaint, action="end_mediation", by=jurist, fields={"mediation_result": "no_agreement"}
    )
    result = services.complaint_transition(complaint=complaint, action="escalate_to_supervision", by=jurist)
    assert result.state == "supervision"


def test_mediation_with_agreement_can_only_be_closed(jurist):
    complaint = ComplaintFactory(state="mediation", furthest_step="mediation")
    services.complaint_transition(
        complaint=complaint, action="end_mediation", by=jurist, fields={"mediation_result": "agreement"}
    )
    for action in ("write", "escalate_to_supervision"):
        with pytest.raises(ValidationError):
            services.complaint_transition(complaint=complaint, action=action, by=jurist)


def test_closing_requires_the_closure_fields_and_writes_nothing_halfway(jurist):
    complaint = ComplaintFactory(state="telephone", furthest_step="telephone", themes=["delay", "guidance"])
    first, _second = complaint.points.all()
    with pytest.raises(ValidationError):
        services.complaint_transition(
            complaint=complaint,
            action="close",
            by=jurist,
            fields={**CLOSURE, "point_assessments": {first.pk: "upheld"}},  # second point unassessed
        )
    complaint.refresh_from_db()
    assert complaint.state == "telephone"
    assert complaint.outcome == ""
    assert set(complaint.points.values_list("assessment", flat=True)) == {""}  # rolled back
    for missing in CLOSURE:
        fields = {k: v for k, v in CLOSURE.items() if k != missing}
        with pytest.raises(ValidationError):
            services.complaint_transition(complaint=complaint, action="close", by=jurist, fields=fields)


def test_closing_records_date_track_consequences_and_every_point(jurist):
    complaint = ComplaintFactory(state="telephone", furthest_step="telephone", themes=["delay", "guidance"])
    points = list(complaint.points.all())
    apology = Consequence.objects.get(code="apology")
    services.complaint_transition(
        complaint=complaint,
        action="close",
        by=jurist,
        closed_on=dt.date(2023, 6, 10),
        fields={
            **CLOSURE,
            "consequences": [apology],
            "point_assessments": {points[0].pk: "upheld", points[1].pk: "not_upheld"},
        },
    )
    complaint.refresh_from_db()
    assert (complaint.state, complaint.track, complaint.closed_on) == (
        "closed",
        "telephone",
        dt.date(2023, 6, 10),
    )
    assert list(complaint.consequences.all()) == [apology]
    assert list(complaint.points.values_list("assessment", flat=True)) == ["upheld", "not_upheld"]


def test_track_of_a_closed_case_is_the_furthest_step_reached(jurist):
    complaint = ComplaintFactory(
        state="screening",
        themes=["delay"],
        citizen_consent_on=dt.date(2023, 5, 2),
        department_consent_on=dt.date(2023, 5, 2),
    )
    for action, fields in [
        ("call", {}),
        ("mediate", {}),
        ("end_mediation", {"mediation_result": "no_agreement"}),
        ("write", {}),
    ]:
        services.complaint_transition(complaint=complaint, action=action, by=jurist, fields=fields)
    point = complaint.points.get()
    services.complaint_transition(
        complaint=complaint,
        action="close",
        by=jurist,
        fields={**CLOSURE, "point_assessments": {point.pk: "partly"}},
    )
    complaint.refresh_from_db()
    assert complaint.track == "mediation"  # written came last, but mediation was the furthest step


@pytest.mark.parametrize(
    ("action", "track"), [("advise", "advice"), ("forward", "forwarded"), ("reject", "rejected")]
)
def test_final_states_record_closing_date_and_track(action, track, jurist):
    complaint = ComplaintFactory(state="screening")
    services.complaint_transition(
        complaint=complaint,
        action=action,
        by=jurist,
        fields=fields_for(action, complaint),
        closed_on=dt.date(2023, 5, 20),
    )
    complaint.refresh_from_db()
    assert (complaint.track, complaint.closed_on, complaint.outcome) == (
        track,
        dt.date(2023, 5, 20),
        "not_assessed",
    )


def test_rejection_needs_a_reason(jurist):
    complaint = ComplaintFactory(state="screening")
    with pytest.raises(ValidationError):
        services.complaint_transition(complaint=complaint, action="reject", by=jurist)
    services.complaint_transition(
        complaint=complaint, action="reject", by=jurist, fields={"rejection_reason": "pending_elsewhere"}
    )
    assert Complaint.objects.get(pk=complaint.pk).rejection_reason == "pending_elsewhere"


def test_forwarding_needs_the_department(jurist):
    complaint = ComplaintFactory(state="screening", department=None, kind="inquiry")
    with pytest.raises(ValidationError):
        services.complaint_transition(complaint=complaint, action="forward", by=jurist)


def test_reopen_needs_a_reason_and_clears_the_closing(jurist):
    complaint = ready_for("reopen", "closed")
    with pytest.raises(ValidationError):
        services.complaint_transition(complaint=complaint, action="reopen", by=jurist, note="  ")
    services.complaint_transition(complaint=complaint, action="reopen", by=jurist, note="New information")
    complaint.refresh_from_db()
    assert (complaint.state, complaint.closed_on, complaint.track) == ("screening", None, "")
    assert CaseEvent.objects.get(complaint=complaint).note == "New information"


def test_a_move_based_on_a_stale_page_is_refused_as_a_conflict(jurist):
    complaint = ComplaintFactory(state="screening")
    services.complaint_transition(complaint=complaint, action="call", by=jurist, expected_state="screening")
    with pytest.raises(services.ConflictError):
        # A colleague still has the page from when the case was in screening.
        services.complaint_transition(
            complaint=complaint, action="write", by=jurist, expected_state="screening"
        )
    assert Complaint.objects.get(pk=complaint.pk).state == "telephone"


def test_available_actions_offer_only_legal_moves_with_met_guards(jurist, committee):
    complaint = ComplaintFactory(state="telephone", themes=["delay"])
    names = {a.name for a in services.available_actions(complaint, jurist)}
    assert names == {"write", "close"}  # mediate lacks consents; supervision is opened elsewhere
    blocked = dict(services.blocked_actions(complaint, jurist))
    assert "Start mægling" in blocked
    assert services.available_actions(complaint, committee) == []
    # Without a complaint point there is nothing to assess: closing waits, and says why.
    pointless = ComplaintFactory(state="telephone")
    assert {a.name for a in services.available_actions(pointless, jurist)} == {"write"}
    assert "ingen klagepunkter" in dict(services.blocked_actions(pointless, jurist))["Afslut sagen"]


def test_the_state_field_cannot_be_set_directly():
    complaint = ComplaintFactory(state="received")
    with pytest.raises(AttributeError):
        complaint.state = "closed"

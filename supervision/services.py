"""Writes for supervisions. ``supervision_transition`` is the one entry point for a move.

A concrete supervision is opened from a complaint here; this service moves the complaint
through the complaints service (the higher app calls the lower one, never the reverse).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from complaints import services as complaint_services
from complaints.models import Complaint
from core import deadlines, workflow
from core.disqualification import ensure_may_be_responsible
from core.numbering import next_case_number
from core.workflow import system_text

from .models import (
    OWN_INITIATIVE_KINDS,
    Finding,
    HearingReminder,
    HearingRound,
    Kind,
    Recommendation,
    Result,
    Supervision,
    SupervisionAction,
    SupervisionEvent,
)

ConflictError = workflow.ConflictError
IMPORTED_NOTE = complaint_services.IMPORTED_NOTE
available_actions = workflow.available_actions
blocked_actions = workflow.blocked_actions


def ui_actions() -> frozenset[str]:
    return workflow.ui_actions(Supervision)


def _log(supervision, by, action, note="", from_state="", to_state=""):
    """The timeline row every write on a supervision leaves (in the write's transaction)."""
    workflow.refuse_if_personal_data_deleted(supervision)
    SupervisionEvent.objects.create(
        supervision=supervision,
        actor=by if getattr(by, "is_authenticated", False) else None,
        action=action,
        from_state=from_state or supervision.state,
        to_state=to_state or supervision.state,
        note=note,
    )


@transaction.atomic
def supervision_create(
    *,
    by,
    kind: str,
    title: str,
    departments,
    responsible=None,
    summary: str = "",
    committee_consulted_on: date | None = None,
    opened_on: date | None = None,
    imported: bool = False,
) -> Supervision:
    """Open an own-initiative supervision or an inspection.

    Concrete supervisions are opened with ``supervision_open_from_complaint``.
    """
    if kind not in OWN_INITIATIVE_KINDS:
        raise ValidationError(_("A concrete supervision is opened from its complaint."))
    return _create(
        by=by,
        kind=kind,
        title=title,
        departments=departments,
        responsible=responsible,
        summary=summary,
        committee_consulted_on=committee_consulted_on,
        opened_on=opened_on,
        imported=imported,
    )


def _create(*, by, departments, imported=False, opened_on=None, responsible=None, **data) -> Supervision:
    departments = list(departments)
    if not departments:
        raise ValidationError({"departments": [_("Choose at least one department.")]})
    supervision = Supervision(
        case_number=next_case_number(),
        opened_on=opened_on or timezone.localdate(),
        responsible=responsible or (by if getattr(by, "is_authenticated", False) else None),
        **data,
    )
    supervision.full_clean(exclude=["state"])
    supervision.save()
    supervision.departments.set(departments)
    _log(
        supervision,
        by,
        SupervisionAction.IMPORTED if imported else SupervisionAction.CREATED,
        to_state=supervision.state,
    )
    return supervision


@transaction.atomic
def supervision_open_from_complaint(
    *, complaint: Complaint, by, title: str, summary: str = "", expected_state: str | None = None
) -> Supervision:
    """Open a concrete supervision from ``complaint`` and move the complaint to ``supervision``.

    The complaints service applies its own guards: not while a mediation runs, and only from
    a state that allows escalation. If it refuses, nothing is created.
    """
    complaint_services.complaint_transition(
        complaint=complaint,
        action="escalate_to_supervision",
        by=by,
        expected_state=expected_state,
        note=system_text(gettext_lazy("Supervision opened.")),
    )
    complaint.refresh_from_db()
    return _create(
        by=by,
        kind=Kind.CONCRETE,
        title=title,
        summary=summary,
        departments=[d for d in [complaint.department] if d],
        source_complaint=complaint,
    )


@transaction.atomic
def supervision_transition(
    *,
    supervision: Supervision,
    action: str,
    by,
    note: str = "",
    expected_state: str | None = None,
    fields: dict | None = None,
    on: date | None = None,
) -> Supervision:
    """Apply move ``action``; on conclusion, the source complaint resumes (complaints service)."""
    locked = Supervision.objects.select_for_update().get(pk=supervision.pk)
    kwargs = {}
    if on is not None and action in {"conclude", "close"}:
        kwargs = {"concluded_on" if action == "conclude" else "closed_on": on}
    from_state = workflow.apply_transition(
        locked, action=action, by=by, expected_state=expected_state, fields=dict(fields or {}), kwargs=kwargs
    )
    _log(locked, by, action, note, from_state=from_state, to_state=locked.state)
    complaint = locked.source_complaint
    if action == "conclude" and complaint is not None and complaint.state == "supervision":
        # The complaint waited for the conclusion; it now resumes so the jurist can tell the
        # citizen and the department, and close it with its own closure data.
        complaint_services.complaint_transition(
            complaint=complaint,
            action="resume_after_supervision",
            by=by,
            note=system_text(
                gettext_lazy("Supervision %(number)s concluded: %(conclusion)s."),
                number=locked.case_number,
                conclusion=locked.get_conclusion_display,
            ),
        )
    return locked


@transaction.atomic
def supervision_update(*, supervision: Supervision, by, data: dict, departments=None) -> Supervision:
    locked = Supervision.objects.select_for_update().get(pk=supervision.pk)
    if data.get("responsible") is not None and data["responsible"].pk != locked.responsible_id:
        ensure_may_be_responsible(locked, data["responsible"])
    for name, value in data.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=["state"])
    locked.save()
    if departments is not None:
        locked.departments.set(departments)
    _log(locked, by, SupervisionAction.UPDATED)
    return locked


@transaction.atomic
def hearing_round_add(
    *, supervision: Supervision, by, department, questions: str, sent_on: date, deadline: date
) -> HearingRound:
    if supervision.state not in {"opened", "hearing"}:
        raise ValidationError(_("Hearing rounds are registered while the supervision is in hearing."))
    hearing_round = deadlines.send(
        HearingRound(
            supervision=supervision,
            department=department,
            questions=questions,
            sent_on=sent_on,
            due_on=deadline,
        )
    )
    _log(supervision, by, SupervisionAction.HEARING_SENT)
    return hearing_round


# The hearing round's reminders and answer follow core.deadlines, as the written inquiry's do.
HEARING_ACTIONS = (
    SupervisionAction.HEARING_REMINDER,
    SupervisionAction.HEARING_REMINDER_CORRECTED,
    SupervisionAction.HEARING_ANSWERED,
)
HEARINGS = deadlines.DeadlineKind("hearing_round", HearingReminder, _log, HEARING_ACTIONS)


@transaction.atomic
def recommendation_add(*, supervision: Supervision, by, **data) -> Recommendation:
    recommendation = Recommendation(supervision=supervision, **data)
    recommendation.full_clean()
    recommendation.save()
    _log(supervision, by, SupervisionAction.RECOMMENDATION_ADDED)
    return recommendation


@transaction.atomic
def recommendation_follow_up(
    *, recommendation: Recommendation, by, status: str, department_answer: str, answered_on: date | None
) -> Recommendation:
    recommendation.status = status
    recommendation.department_answer = department_answer
    recommendation.answered_on = answered_on
    recommendation.full_clean()
    recommendation.save()
    _log(recommendation.supervision, by, SupervisionAction.RECOMMENDATION_FOLLOWED_UP)
    return recommendation


@transaction.atomic
def finding_set(*, supervision: Supervision, by, department, value: str, note: str = "") -> Finding:
    if not supervision.departments.filter(pk=department.pk).exists():
        raise ValidationError(_("The department is not part of this supervision."))
    finding, _created = Finding.objects.update_or_create(
        supervision=supervision, department=department, defaults={"value": value, "note": note}
    )
    _log(supervision, by, SupervisionAction.FINDING_SET)
    return finding


@transaction.atomic
def result_add(
    *, supervision: Supervision | None, by, department, text: str, case_number: str, report_year: int
) -> Result:
    result = Result(
        supervision=supervision,
        department=department,
        text=text,
        case_number=case_number,
        report_year=report_year,
    )
    result.full_clean()
    result.save()
    if supervision is not None:
        _log(supervision, by, SupervisionAction.RESULT_ADDED)
    return result

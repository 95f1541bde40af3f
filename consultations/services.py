"""Writes for consultations and teaching. Views, the demo and imports call only these."""

from django.db import transaction

from core import workflow
from core.numbering import next_case_number

from .models import Consultation


@transaction.atomic
def consultation_create(*, by, **data) -> Consultation:
    consultation = Consultation(case_number=next_case_number(), **data)
    if consultation.responsible_id is None and by is not None:
        consultation.responsible = by
    consultation.full_clean(exclude=["state"])
    consultation.save()
    return consultation


@transaction.atomic
def consultation_transition(
    *, consultation: Consultation, action: str, by, expected_state: str | None = None, closed_on=None
) -> Consultation:
    locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
    locked.untouched_import = False  # a person's work: a later import may not change it
    kwargs = {"closed_on": closed_on} if (closed_on and action == "close") else {}
    workflow.apply_transition(
        locked, action=action, by=by, expected_state=expected_state, fields={}, kwargs=kwargs
    )
    return locked

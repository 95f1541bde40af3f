"""Deleting one case's personal data (after it is archived): the text fields ``cases.PERSONAL``
names are emptied, its files leave the storage once the deletion commits, e-mails about it
leave the outbox, the citizen's status link stops working, and a ``Deletion`` row records it —
in one transaction, once per case."""

from functools import cache, reduce
from operator import or_

from django.db import models, transaction
from django.utils import timezone

from complaints.models import Complaint, new_public_token
from ops.models import OutboxMessage
from ops.uploads import delete_after_commit

from . import policy
from .cases import FILE_FIELDS, KINDS, PERSONAL
from .models import Deletion, Hold

# Times that change without the case changing: a caseworker opening a message, the time a call
# took place (entered by hand).
NOT_CHANGES = {"seen_at", "occurred_at"}


@cache
def _stamps(model) -> tuple[str, ...]:
    """The date-time columns that move when a row of ``model`` is made or changed."""
    return tuple(
        f.name
        for f in model._meta.concrete_fields
        if isinstance(f, models.DateTimeField) and f.name not in NOT_CHANGES
    )


def changed_since(spec, case_id: int, moment) -> bool:
    """Whether the case or a row of it was made or changed after ``moment`` (when its package
    began to be written): then the package does not hold it as it is now. Seen through the
    rows' date-time columns: a row without one (a point, an inquiry's dates) tells nothing,
    but for a complaint or a supervision the timeline row
    every change leaves does."""
    for model, path in ((spec.model, "pk"), *((part.model, part.to_case) for part in spec.parts)):
        stamps = _stamps(model)
        if not stamps:
            continue
        later = reduce(or_, (models.Q(**{f"{name}__gt": moment}) for name in stamps))
        if model.objects.filter(**{path: case_id}).filter(later).exists():
            return True
    return False


def erase(kind: str, case_id: int, package, today) -> bool:
    """Delete the personal data of one case. False if it was deleted already (a batch resumed
    after a crash), no longer exists, is no longer due (reopened, kept, postponed or asked for
    since its package was chosen), or was written to after its package was written."""
    spec = KINDS[kind]
    with transaction.atomic():
        case = spec.model.objects.select_for_update().filter(pk=case_id).first()
        if case is None or Deletion.objects.filter(case_kind=kind, case_id=case_id).exists():
            return False
        if not policy.still_due(kind, case_id, today):
            return False
        if package.written_at and changed_since(spec, case_id, package.written_at):
            # Written to, after its package was written (a run that died and resumed later):
            # not deleted now; it is archived again in a later package.
            return False
        files = []
        for part in ((spec.model, "pk"), *((p.model, p.to_case) for p in spec.parts)):
            model, to_case = part
            rows = model.objects.filter(**{to_case: case_id})
            for field in FILE_FIELDS.get(model, ()):
                files += [name for name in rows.values_list(field, flat=True) if name]
            cleared = {name: "" for name in (*PERSONAL.get(model, ()), *FILE_FIELDS.get(model, ()))}
            if model is Complaint:
                cleared["public_token"] = new_public_token()  # the old status link leads nowhere
            if cleared:
                rows.update(**cleared)
        # A postponement that has run out, with its reason, goes with the case.
        Hold.objects.filter(case_kind=kind, case_id=case_id).delete()
        # E-mails about the case (kept only while unsent or recently sent) go with it.
        OutboxMessage.objects.filter(related=f"{spec.model._meta.label_lower}:{case_id}").delete()
        Deletion.objects.create(
            case_kind=kind,
            case_id=case_id,
            case_number=case.case_number,
            closed_on=case.closed_on,
            package=package,
            files=len(files),
            deleted_at=timezone.now(),
        )
        delete_after_commit(files)
    return True

"""Which cases are due: closed longer ago than their kind's period, not yet deleted, not in a
package being worked on, and not held back — kept ("bevares"), postponed to a later day, under
an access request not yet decided, or (a complaint) the source of a supervision still open."""

import datetime as dt

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q
from django.utils import timezone

from core.importing import CHUNK
from core.models import AccessRequest
from supervision.models import State as SupervisionState
from supervision.models import Supervision

from .cases import KINDS, MODEL_KIND
from .models import DEFAULT_YEARS, ArchivePackage, CaseKind, Deletion, Hold, RetentionPeriod


def years_before(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` earlier. 29 February in a year without one is 1 March: on
    29 February a case closed on 28 February, its anniversary passed, is due (as ``_due_on``
    says)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return dt.date(day.year - years, 3, 1)


def periods() -> dict[str, int]:
    configured = dict(RetentionPeriod.objects.values_list("kind", "years"))
    return {kind: configured.get(kind, DEFAULT_YEARS[kind]) for kind in CaseKind}


def cutoff(kind: str, today: dt.date, years: int | None = None) -> dt.date:
    """A case of ``kind`` closed before this day has been kept its whole period by ``today``:
    closed 5 years and a day ago it is due, closed 5 years ago to the day it is not yet."""
    return years_before(today, periods()[kind] if years is None else years)


def _held(kind: str, today: dt.date) -> Q:
    holds = Hold.objects.filter(case_kind=kind, case_id=OuterRef("pk")).filter(
        Q(kind=Hold.Kind.KEEP) | Q(kind=Hold.Kind.POSTPONE, until__gte=today)
    )
    undecided = AccessRequest.objects.filter(**{kind: OuterRef("pk")}, state=AccessRequest.State.RECEIVED)
    held = Q(Exists(holds)) | Q(Exists(undecided))
    if kind == CaseKind.COMPLAINT:
        open_supervision = Supervision.objects.filter(source_complaint=OuterRef("pk")).exclude(
            state=SupervisionState.CLOSED
        )
        held |= Q(Exists(open_supervision))
    return held


def _in_packages(kind: str) -> set[int]:
    """Cases already chosen for a package not finished yet (resumed, never chosen twice)."""
    return {
        case_id
        for cases in ArchivePackage.objects.exclude(state=ArchivePackage.State.DONE).values_list(
            "cases", flat=True
        )
        for case_kind, case_id in cases
        if case_kind == kind
    }


def closed_before(kind: str, day: dt.date):
    """Cases of ``kind`` closed before ``day`` and not deleted yet (whatever holds them)."""
    deleted = Deletion.objects.filter(case_kind=kind, case_id=OuterRef("pk"))
    return (
        KINDS[kind].model.objects.filter(closed_on__isnull=False, closed_on__lt=day).exclude(Exists(deleted))
    )


def due(kind: str, today: dt.date):
    """The cases of ``kind`` to archive and delete on ``today``, oldest first."""
    return (
        closed_before(kind, cutoff(kind, today))
        .exclude(_held(kind, today))
        .exclude(pk__in=_in_packages(kind))
        .order_by("closed_on", "pk")
    )


def still_due(kind: str, case_id: int, today: dt.date) -> bool:
    """Checked again as each case of a package is deleted: a case reopened, kept, postponed or
    asked for since its package was chosen is archived but not deleted."""
    return closed_before(kind, cutoff(kind, today)).filter(pk=case_id).exclude(_held(kind, today)).exists()


def coming(today: dt.date, until: dt.date) -> list[dict]:
    """What falls due after ``today`` up to ``until`` (next month, for the secretariat): per
    kind, the cases — number, closed, due on, and whether something holds it — no names."""
    rows = []
    configured = periods()
    for kind in CaseKind:
        years = configured[kind]
        cases = (
            closed_before(kind, cutoff(kind, until, years))
            .filter(closed_on__gte=cutoff(kind, today, years))
            .annotate(held=ExpressionWrapper(_held(kind, until), output_field=BooleanField()))
            .order_by("closed_on", "case_number")
            .values("pk", "case_number", "closed_on", "held")
        )
        for case in cases:
            rows.append(
                {
                    "kind": kind,
                    "kind_label": CaseKind(kind).label,
                    **case,
                    "due_on": _due_on(case["closed_on"], years),
                }
            )
    return rows


def _due_on(closed_on: dt.date, years: int) -> dt.date:
    """The first day a case closed on ``closed_on`` is due (the day after the anniversary)."""
    try:
        anniversary = closed_on.replace(year=closed_on.year + years)
    except ValueError:
        anniversary = closed_on.replace(year=closed_on.year + years, day=28)
    return anniversary + dt.timedelta(days=1)


def deleted_numbers(model, numbers) -> dict[str, dt.date]:
    """Of the case numbers ``numbers`` of ``model``, those whose personal data were deleted,
    with the day: one query per few thousand numbers, for an import file."""
    kind = MODEL_KIND.get(model)
    if kind is None:
        return {}
    numbers = sorted(set(numbers))
    found = {}
    for start in range(0, len(numbers), CHUNK):
        rows = Deletion.objects.filter(
            case_kind=kind, case_number__in=numbers[start : start + CHUNK]
        ).values_list("case_number", "deleted_at")
        found.update((number, timezone.localdate(deleted_at)) for number, deleted_at in rows)
    return found


def deleted_on(instance) -> dt.date | None:
    """The day ``instance``'s personal data were deleted (the deletion log), or None — also for
    what the schedule does not cover."""
    kind = MODEL_KIND.get(type(instance))
    if kind is None or instance.pk is None:
        return None
    # Asked several times for one page (its moves, the panels): read once per case object.
    if "_deleted_on" not in instance.__dict__:
        deleted_at = (
            Deletion.objects.filter(case_kind=kind, case_id=instance.pk)
            .values_list("deleted_at", flat=True)
            .first()
        )
        instance._deleted_on = timezone.localdate(deleted_at) if deleted_at else None
    return instance._deleted_on

"""The retention run and the secretariat's decisions.

``run_due`` is the periodic job (nightly, in the worker). It works in batches: the due cases
of a batch are chosen and recorded in an ``ArchivePackage`` (one transaction); the package's zip
is written to the private storage and recorded as written (its SHA-256); only then is each case
deleted, one transaction per case with its ``Deletion`` row. A run killed anywhere resumes at
the next run: a package not yet written is written again under the same name (nothing of its
cases is deleted yet), a written one goes on with the cases not yet deleted. So every due case
is archived in exactly one package and deleted exactly once."""

import datetime as dt
import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from core.audit import audit_record
from ops.uploads import delete_after_commit, private_storage

from . import archive, erase, policy
from .models import ArchivePackage, CaseKind, Hold, RetentionPeriod

log = logging.getLogger(__name__)


def run_due(today: dt.date | None = None) -> dict:
    """Archive, then delete, every case due on ``today``; resume what a killed run left."""
    today = today or timezone.localdate()
    batch = getattr(settings, "RETENTION_BATCH_SIZE", 50)
    counts = {"packages": 0, "deleted": 0}
    for package in ArchivePackage.objects.exclude(state=ArchivePackage.State.DONE).order_by("pk"):
        counts["deleted"] += finish(package, today)
        counts["packages"] += 1
    while True:
        with transaction.atomic():
            chosen = []
            for kind in CaseKind:
                room = batch - len(chosen)
                if room <= 0:
                    break
                chosen += [
                    [kind.value, pk] for pk in policy.due(kind, today).values_list("pk", flat=True)[:room]
                ]
            if not chosen:
                break
            package = ArchivePackage.objects.create(cases=chosen)
        counts["deleted"] += finish(package, today)
        counts["packages"] += 1
    if counts["packages"]:
        log.info("Retention: %(packages)s package(s) archived, %(deleted)s case(s) deleted.", counts)
    return counts


def finish(package: ArchivePackage, today: dt.date) -> int:
    """Write the package if it is not written, then delete its cases not yet deleted."""
    if package.state == ArchivePackage.State.CHOSEN:
        write(package)
    deleted = sum(erase.erase(kind, case_id, package, today) for kind, case_id in package.cases)
    ArchivePackage.objects.filter(pk=package.pk).update(
        state=ArchivePackage.State.DONE, finished_at=timezone.now()
    )
    return deleted


def write(package: ArchivePackage) -> None:
    started = timezone.now()  # what changes after this may not be in the package
    data = archive.build(package, [tuple(case) for case in package.cases])
    storage = private_storage()
    name = f"archive/{package}.zip"
    # Written again after a crash: the same name, the earlier (possibly partial) file replaced.
    storage.delete(name)
    stored = storage.save(name, ContentFile(data))
    ArchivePackage.objects.filter(pk=package.pk).update(
        state=ArchivePackage.State.WRITTEN,
        file=stored,
        sha256=hashlib.sha256(data).hexdigest(),
        written_at=started,
    )
    package.refresh_from_db()


@transaction.atomic
def decide(*, kind: str, case, decision: str, reason: str, until: dt.date | None, by) -> Hold:
    """Keep a case ("bevares") or postpone its deletion to ``until``, with a reason."""
    hold, _created = Hold.objects.update_or_create(
        case_kind=kind,
        case_id=case.pk,
        defaults={
            "case_number": case.case_number,
            "kind": decision,
            "until": until if decision == Hold.Kind.POSTPONE else None,
            "reason": reason,
            "decided_by": by,
            "decided_at": timezone.now(),
        },
    )
    audit_record(actor=by, action=f"retention_{decision}", obj=case)
    return hold


@transaction.atomic
def release(*, hold: Hold, by) -> None:
    """Undo a decision: the case follows the schedule again."""
    audit_record(actor=by, action="retention_released", obj=hold)
    hold.delete()


@transaction.atomic
def set_period(*, kind: str, years: int, by) -> RetentionPeriod:
    period, _created = RetentionPeriod.objects.update_or_create(
        kind=kind, defaults={"years": years, "changed_by": by, "changed_at": timezone.now()}
    )
    audit_record(actor=by, action="retention_period_changed", obj=period)
    return period


@transaction.atomic
def collected(*, package: ArchivePackage, by) -> bool:
    """The archive has collected a finished package: its zip leaves the private storage."""
    locked = ArchivePackage.objects.select_for_update().get(pk=package.pk)
    if locked.state != ArchivePackage.State.DONE or locked.collected_at:
        return False
    delete_after_commit([locked.file])
    ArchivePackage.objects.filter(pk=locked.pk).update(collected_at=timezone.now(), collected_by=by)
    audit_record(actor=by, action="retention_package_collected", obj=locked)
    return True

"""Periodic jobs on the task framework (django-tasks with its database backend).

Apps declare their periodic work on their AppConfig (``periodic_jobs = (Periodic(...), …)``),
so ops never imports the apps built on it. ``manage.py run_scheduler`` ticks every few seconds:
for each job whose slot has come, it claims the slot with a conditional update on the job's
row — so any number of schedulers, on any number of machines, enqueue each slot once — and
enqueues ``ops.tasks.run_periodic``. The worker (``manage.py run_worker``) runs it under a lease
on the same row, so two workers never run one job at the same time; a worker that dies leaves
the lease to run out. The row also keeps the last success and the last error's kind, which the
health check reads.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import PeriodicJob

log = logging.getLogger(__name__)

LEASE = dt.timedelta(minutes=30)


class JobFailed(Exception):
    """A periodic job raised; the message names the job and the kind of error only."""


@dataclass(frozen=True)
class Periodic:
    """A job run every ``every``, or once a day at ``daily_at`` (local time)."""

    name: str
    function: str  # dotted path of a callable without arguments (its result is not kept)
    every: dt.timedelta | None = None
    daily_at: dt.time | None = None
    # Exclusive jobs run under a lease on their row (never two at once). A job whose work is
    # claimed piece by piece (the outbox sweep claims each message) need not be.
    exclusive: bool = True

    def slot(self, now: dt.datetime) -> dt.datetime:
        """The start of the period ``now`` falls in: the moment the job is next due from."""
        if self.every is not None:
            step = int(self.every.total_seconds())
            return dt.datetime.fromtimestamp(int(now.timestamp()) // step * step, tz=dt.UTC)
        local = timezone.localtime(now)
        today = timezone.make_aware(dt.datetime.combine(local.date(), self.daily_at))
        return today if local >= today else today - dt.timedelta(days=1)

    @property
    def late_after(self) -> dt.timedelta:
        """Without a success for this long, the health check says the job is late."""
        return 3 * self.every if self.every is not None else dt.timedelta(hours=26)


def registry() -> dict[str, Periodic]:
    jobs = {}
    for config in apps.get_app_configs():
        for job in getattr(config, "periodic_jobs", ()):
            jobs[job.name] = job
    return jobs


def tick(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every job whose slot has come and that no scheduler has enqueued yet."""
    from .tasks import run_periodic  # here, not at the top: ops.tasks imports this module

    now = now or timezone.now()
    enqueued = []
    for job in registry().values():
        slot = job.slot(now)
        # The slot is claimed and its run enqueued in one transaction: a scheduler that dies in
        # between leaves the slot unclaimed for the next tick, not claimed and never run.
        with transaction.atomic():
            PeriodicJob.objects.get_or_create(name=job.name)
            won = PeriodicJob.objects.filter(
                Q(last_slot__isnull=True) | Q(last_slot__lt=slot), name=job.name
            ).update(last_slot=slot)
            if won:
                run_periodic.enqueue(job.name)
                enqueued.append(job.name)
    return enqueued


def run(name: str) -> str:
    """Run job ``name`` — if it is exclusive, only when no other worker is running it (a lease
    on its row; a worker that dies leaves the lease to run out)."""
    job = registry()[name]
    now = timezone.now()
    PeriodicJob.objects.get_or_create(name=name)
    if job.exclusive:
        lease = dt.timedelta(seconds=getattr(settings, "JOB_LEASE_SECONDS", LEASE.total_seconds()))
        free = Q(locked_until__isnull=True) | Q(locked_until__lt=now)
        leased = PeriodicJob.objects.filter(free, name=name).update(
            locked_until=now + lease, last_started_at=now
        )
    else:
        leased = PeriodicJob.objects.filter(name=name).update(last_started_at=now)
    if not leased:
        log.info("Periodic job %s is running elsewhere; skipped.", name)
        return "skipped: running elsewhere"
    try:
        import_string(job.function)()
    except Exception as exc:
        kind = type(exc).__name__[:100]
        PeriodicJob.objects.filter(name=name).update(
            locked_until=None, last_failure_at=timezone.now(), last_error=kind
        )
        log.error("Periodic job %s failed: %s", name, kind)
        # The task framework stores the exception: its kind only, never its text (which may
        # quote data).
        raise JobFailed(f"{name}: {kind}") from None
    PeriodicJob.objects.filter(name=name).update(
        locked_until=None, last_success_at=timezone.now(), last_error=""
    )
    # Only "done": a job's result (e.g. how many reports were purged) would otherwise be stored
    # in the task table, outside the unit's tables.
    return "done"


def late_jobs(now: dt.datetime | None = None) -> list[str]:
    """Jobs without a success for longer than they should be (for the health check)."""
    now = now or timezone.now()
    state = {j.name: j for j in PeriodicJob.objects.all()}
    late = []
    for name, job in registry().items():
        done = state.get(name)
        if done is None or done.last_success_at is None or now - done.last_success_at > job.late_after:
            late.append(name)
    return late

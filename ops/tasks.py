"""Tasks for the worker (django-tasks; ``manage.py run_worker`` runs them). Arguments are ids
and names only: a task's arguments are stored in the task table, so nothing personal goes
there."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from . import jobs, outbox
from .uploads import sweep_file_deletions


@task()
def deliver_message(message_id: str) -> str:
    """The first attempt at one queued e-mail, right after the action that queued it."""
    return outbox.deliver(message_id)


@task()
def run_periodic(name: str) -> str:
    return jobs.run(name)


# --- the platform's periodic work (declared in ops.apps) ---------------------------------


def deliver_outbox() -> dict:
    return outbox.deliver_due()


def delete_files() -> str:
    return f"{sweep_file_deletions()} file(s) still to delete"


def prune() -> str:
    """Sent e-mails after ``OUTBOX_KEEP_DAYS`` (their bodies hold status links), and the task
    framework's finished results after a week."""
    # here, not at the top: the database backend's models exist only once the apps are ready
    from django_tasks_db.models import DBTaskResult

    mails = outbox.prune(keep_days=settings.OUTBOX_KEEP_DAYS)
    results, _ = (
        DBTaskResult.objects.finished().filter(finished_at__lt=timezone.now() - timedelta(days=7)).delete()
    )
    return f"{mails} e-mails, {results} task results"

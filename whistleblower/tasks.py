"""The whistleblower scheme's tasks for the worker. Arguments are ids only (the task table is
outside the unit's tables); results are a status word, and an error is stored as its kind only
(its text or traceback could quote a file)."""

import logging

from django_tasks import task

from . import cleaning

log = logging.getLogger(__name__)


class CleaningFailed(Exception):
    """Cleaning a file failed outside the child process; the message is the kind of error."""


@task()
def clean_file(file_id: int) -> str:
    """Clean one uploaded file (``whistleblower.cleaning.report_file_clean``). On an error the
    file stays pending: its lease runs out and the sweep tries again (three times at most)."""
    try:
        return cleaning.report_file_clean(file_id)
    except Exception as exc:
        kind = type(exc).__name__[:100]
        log.error("Cleaning whistleblower file %s failed: %s", file_id, kind)
        raise CleaningFailed(kind) from None

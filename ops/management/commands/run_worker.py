"""``manage.py run_worker``: django-tasks-db's ``db_worker``, made to survive the database.

The stock worker dies on the first database error outside a task: a connection terminated by
the server (``pg_terminate_backend``, a failover, a restart) or a database that refuses
connections for a while, and nothing restarts it until a person notices. This worker closes
the broken connections and carries on with backoff (1, 2, 4 … 30 s), in its loop and around
each task: a task whose result could not be recorded is recorded when the database is back.
What a task had done stays the task's business — the outbox keeps a message it could not mark
as sent in "sending" under a lease, and the periodic sweep sends it again with the same
Message-ID once the lease has run out (at most twice, never a third time).

Same options as ``db_worker``. Logs say what failed (the exception's class), never the data.
"""

import logging
import os
import time

from django.core.management.base import CommandError

# Error, not DatabaseError: a connection the server has closed raises InterfaceError, its sibling.
from django.db import Error as DatabaseError
from django.db import connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

log = logging.getLogger("ops.worker")

BACKOFF_SECONDS = (1, 2, 4, 8, 16, 30)


def close_all_connections() -> None:
    """Every connection of this process closed, broken or not: the next query opens a new one."""
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            # Closing a connection the server has already dropped: it is gone either way.
            connection.connection = None


class ResilientWorker(db_worker.Worker):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.failures = 0
        self.unrecorded = None  # a task whose outcome could not be written

    def run(self) -> None:
        while self.running:
            try:
                self._record_unrecorded()
                super().run()
                return  # --batch or --max-tasks: the stock loop ended as asked
            except DatabaseError as exc:
                self._database_lost(exc)

    def run_task(self, db_task_result) -> None:
        try:
            super().run_task(db_task_result)
        except DatabaseError:
            # The task ran (or failed), but the database went away before its outcome was
            # written: keep it to write once the database is back.
            self.unrecorded = db_task_result
            raise
        self.failures = 0

    def _record_unrecorded(self) -> None:
        task, self.unrecorded = self.unrecorded, None
        if task is None:
            return
        try:
            task.set_failed(RuntimeError("The database went away while the task ran."))
        except DatabaseError:
            self.unrecorded = task
            raise

    def _database_lost(self, exc: DatabaseError) -> None:
        wait = BACKOFF_SECONDS[min(self.failures, len(BACKOFF_SECONDS) - 1)]
        self.failures += 1
        log.warning(
            "Database unavailable (%s); worker %s tries again in %d s (attempt %d).",
            type(exc).__name__,
            self.worker_id,
            wait,
            self.failures,
        )
        close_all_connections()
        if self.running:
            time.sleep(wait)


class Command(db_worker.Command):
    help = "Run the task worker (django-tasks-db's db_worker), surviving database outages."

    def handle(self, *, verbosity, queue_name, interval, batch, backend_name, startup_delay, reload,
               max_tasks, worker_id, exclude_queues, **options):  # fmt: skip
        self.configure_logging(verbosity)
        queue_names = queue_name.split(",")
        excluded = exclude_queues.split(",") if exclude_queues else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=interval,
            batch=batch,
            backend_name=backend_name,
            startup_delay=startup_delay,
            max_tasks=max_tasks,
            worker_id=worker_id,
            excluded_queue_names=excluded,
        )
        if reload and not batch:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # in the reloader's child only
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()

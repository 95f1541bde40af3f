"""Enqueue the periodic jobs when they are due (ops.jobs); ``manage.py run_worker`` runs them.

Any number of schedulers may run, on any number of machines, against the same database: each
slot of each job is claimed by one of them only. ``--once`` ticks once and exits (for cron-less
tests and a manual nudge)."""

import logging
import signal
import time

from django.core.management.base import BaseCommand
from django.db import close_old_connections

from ops import jobs

log = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Enqueue periodic jobs when they are due."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="Tick once and exit.")
        parser.add_argument("--interval", type=float, default=15.0, help="Seconds between ticks.")

    def handle(self, *args, once=False, interval=15.0, **options):
        running = True

        def stop(signum, frame):
            nonlocal running
            running = False

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        log.info("Scheduler started: %s", ", ".join(sorted(jobs.registry())))
        while running:
            try:
                enqueued = jobs.tick()
            except Exception as exc:
                log.error("Scheduler tick failed: %s", type(exc).__name__)
            else:
                for name in enqueued:
                    log.info("Enqueued periodic job %s", name)
            if once:
                return
            # Like a request's end: a connection the database dropped is replaced next tick.
            close_old_connections()
            slept = 0.0
            while running and slept < interval:
                time.sleep(0.5)
                slept += 0.5

"""Delete the content of whistleblower reports closed more than WB_RETENTION_DAYS ago. The
statistics fields stay (dates, channel, matter themes, scope). The scheduler runs this every
night (ops.jobs, ``wb_purge``); the command is for a run by hand."""

from django.conf import settings
from django.core.management.base import BaseCommand

from whistleblower.upkeep import purge_due


class Command(BaseCommand):
    help = "Delete closed reports' content after the retention period (statistics fields stay)."

    def handle(self, *args, **options):
        purged = purge_due()
        self.stdout.write(
            f"Content deleted from {purged} report(s) closed more than {settings.WB_RETENTION_DAYS} days ago."
        )

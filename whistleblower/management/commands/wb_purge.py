"""Delete the content of whistleblower reports closed more than WB_RETENTION_DAYS ago. The
statistics fields stay (dates, channel, matter themes, scope). Safe to run every night."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from whistleblower.services import purge_content


class Command(BaseCommand):
    help = "Delete closed reports' content after the retention period (statistics fields stay)."

    def handle(self, *args, **options):
        purged = purge_content(today=timezone.localdate(), retention_days=settings.WB_RETENTION_DAYS)
        self.stdout.write(
            f"Content deleted from {purged} report(s) closed more than {settings.WB_RETENTION_DAYS} days ago."
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "retention"
    verbose_name = _("Retention")
    # A case whose personal data are deleted is a record: no move, no reopening (core.workflow).
    personal_data_deleted = "retention.policy.deleted_on"
    # ... and no import writes to it either (core.importing asks for a file's numbers at once).
    personal_data_deleted_numbers = "retention.policy.deleted_numbers"

    @property
    def periodic_jobs(self):
        from datetime import time

        from ops.jobs import Periodic

        # At night, in batches: every due case archived, then its personal data deleted.
        return (Periodic("retention", "retention.services.run_due", daily_at=time(2, 0)),)

    @property
    def nav_items(self):
        from core.navigation import NavItem

        from .permissions import can_manage_retention

        return (NavItem(_("Retention"), "retention:schedule", can_manage_retention, order=75),)

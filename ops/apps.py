from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "ops"
    verbose_name = _("Operations")

    @property
    def periodic_jobs(self):
        from datetime import time, timedelta

        from .jobs import Periodic

        return (
            # Each message is claimed on its own: sweeps may overlap (a dead worker blocks nothing).
            Periodic(
                "deliver_outbox", "ops.tasks.deliver_outbox", every=timedelta(minutes=1), exclusive=False
            ),
            Periodic("prune", "ops.tasks.prune", daily_at=time(3, 0)),
            # Private files whose rows are gone and which the storage did not delete at once.
            Periodic("delete_files", "ops.tasks.delete_files", every=timedelta(minutes=15)),
        )

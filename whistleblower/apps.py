from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WhistleblowerConfig(AppConfig):
    name = "whistleblower"
    # Its part of the restore drill's look at the system (ops.drill).
    restore_drill_look = "whistleblower.drill.look"
    verbose_name = _("Whistleblower scheme")
    demo_seeders = (
        "whistleblower.demo.seed_member",
        "whistleblower.demo.seed",
        "whistleblower.demo.seed_live",
    )

    @property
    def nav_items(self):
        from core.navigation import NavItem

        from .permissions import is_unit

        return (NavItem(_("Whistleblower unit"), "whistleblower:unit_queue", is_unit, order=40),)

    @property
    def periodic_jobs(self):
        from datetime import time, timedelta

        from ops.jobs import Periodic

        return (
            # Files whose cleaning task was lost or whose worker died; each file is claimed on
            # its own, so sweeps may overlap.
            Periodic(
                "wb_clean_files",
                "whistleblower.cleaning.clean_pending",
                every=timedelta(minutes=1),
                exclusive=False,
            ),
            Periodic("wb_deadlines", "whistleblower.upkeep.deadlines_remind", daily_at=time(7, 0)),
            Periodic("wb_purge", "whistleblower.upkeep.purge_due", daily_at=time(2, 30)),
        )

    def ready(self):
        from . import membership  # noqa: F401  (the guard on the unit's membership)

    import_formats = {
        "whistleblower": (
            "whistleblower.resources.ReportResource",
            "whistleblower.permissions.can_import_whistleblower_data",
        ),
    }

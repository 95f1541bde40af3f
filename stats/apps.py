from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatsConfig(AppConfig):
    # Not "statistics": a top-level package of that name would shadow Python's own
    # statistics module, which Django's SQLite backend imports.
    name = "stats"
    # Its part of the restore drill's look at the system (ops.drill).
    restore_drill_look = "stats.drill.look"
    verbose_name = _("Statistics")

    @property
    def nav_items(self):
        from core.navigation import NavItem

        from .permissions import can_view_statistics

        return (NavItem(_("Statistics"), "stats:dashboard", can_view_statistics, order=50),)

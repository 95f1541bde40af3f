from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervisions")
    demo_seeders = ("supervision.demo.seed_history", "supervision.demo.seed")
    import_formats = {
        "supervisions": (
            "supervision.resources.SupervisionResource",
            "complaints.permissions.can_import_case_data",
        ),
    }

    @property
    def nav_items(self):
        from core.navigation import NavItem

        from .permissions import can_handle_supervisions

        return (
            NavItem(_("Supervisions"), "supervision:queue", can_handle_supervisions, order=30),
            NavItem(_("Recommendations"), "supervision:tracker", can_handle_supervisions, order=31),
        )

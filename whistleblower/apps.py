from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WhistleblowerConfig(AppConfig):
    name = "whistleblower"
    verbose_name = _("Whistleblower scheme")
    demo_seeders = ("whistleblower.demo.seed",)
    import_formats = {
        "whistleblower": (
            "whistleblower.resources.ReportResource",
            "whistleblower.permissions.can_import_whistleblower_data",
        ),
    }

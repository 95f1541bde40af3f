from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualReportConfig(AppConfig):
    name = "annual_report"
    verbose_name = _("Yearly report")
    demo_seeders = ("annual_report.demo.seed",)

    @property
    def nav_items(self):
        from core.navigation import NavItem

        from .permissions import can_make_report

        return (NavItem(_("Yearly report"), "annual_report:index", can_make_report, order=60),)

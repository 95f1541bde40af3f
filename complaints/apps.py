from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "complaints"
    # Its part of the restore drill's look at the system (ops.drill).
    restore_drill_look = "complaints.drill.look"
    verbose_name = _("Complaints and inquiries")
    demo_seeders = ("complaints.demo.history.seed", "complaints.demo.seed")
    import_formats = {
        "complaints": (
            "complaints.resources.ComplaintResource",
            "core.permissions.can_import_case_data",
        ),
    }

    @property
    def periodic_jobs(self):
        from datetime import time

        from ops.jobs import Periodic

        return (
            Periodic("reply_reminders", "complaints.upkeep.reply_reminders", daily_at=time(7, 30)),
            Periodic("close_surveys", "complaints.upkeep.surveys_close", daily_at=time(1, 0)),
        )

    def ready(self):
        from core.workdays import closing_days_changed

        from . import (
            notifications,  # noqa: F401  (the receiver of mail that failed for good)
            upkeep,
        )

        closing_days_changed.connect(upkeep.deadlines_recompute, dispatch_uid="complaints-deadlines")

    @property
    def case_types(self):
        from core.casetypes import CaseType

        from . import casefile
        from .permissions import complaints_visible_to

        return (
            CaseType(
                "complaint",
                "complaints.Complaint",
                urls="complaints",
                list_url="complaints:queue",
                documents=casefile.access_documents,
                visible_to=complaints_visible_to,
            ),
        )

    @property
    def search_sources(self):
        from django.urls import reverse

        from core.search import SearchSource

        from . import selectors
        from .permissions import can_handle_complaints

        return (
            SearchSource(
                "complaints",
                _("Complaints and inquiries"),
                selectors.complaints_found,
                lambda c: {
                    "url": reverse("complaints:detail", args=[c.pk]),
                    "number": c.case_number,
                    "title": c.person_name or c.get_kind_display(),
                    "department": c.department.code if c.department_id else "",
                    "state": c.get_state_display(),
                    "date": c.received_on,
                },
                can_handle_complaints,
                order=10,
            ),
        )

    @property
    def nav_items(self):
        from core.navigation import NavItem
        from core.permissions import can_import_case_data

        from .permissions import can_handle_complaints, can_see_workload

        return (
            NavItem(_("Cases"), "complaints:queue", can_handle_complaints, order=10),
            NavItem(_("Search"), "core:search", can_handle_complaints, order=12),
            NavItem(_("New case"), "complaints:intake", can_handle_complaints, order=11),
            NavItem(_("Workload"), "complaints:workload", can_see_workload, order=21),
            NavItem(
                _("Export for a department"), "complaints:department_export", can_import_case_data, order=70
            ),
        )

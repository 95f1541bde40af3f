from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "supervision"
    verbose_name = _("Supervisions")
    demo_seeders = ("supervision.demo.seed_history", "supervision.demo.seed")
    import_formats = {
        "supervisions": (
            "supervision.resources.SupervisionResource",
            "core.permissions.can_import_case_data",
        ),
    }

    @property
    def case_types(self):
        from core.casetypes import CaseType

        from .permissions import supervisions_visible_to
        from .selectors import access_documents

        return (
            CaseType(
                "supervision",
                "supervision.Supervision",
                urls="supervision",
                list_url="supervision:queue",
                documents=access_documents,
                visible_to=supervisions_visible_to,
            ),
        )

    @property
    def search_sources(self):
        from django.urls import reverse

        from core.search import SearchSource

        from . import selectors
        from .permissions import can_handle_supervisions

        return (
            SearchSource(
                "supervisions",
                _("Supervisions"),
                selectors.supervisions_found,
                lambda s: {
                    "url": reverse("supervision:detail", args=[s.pk]),
                    "number": s.case_number,
                    "title": s.title,
                    "department": ", ".join(d.code for d in s.departments.all()),
                    "state": s.get_state_display(),
                    "date": s.opened_on,
                },
                can_handle_supervisions,
                order=20,
            ),
        )

    @property
    def nav_items(self):
        from core.navigation import NavItem

        from .permissions import can_handle_supervisions

        return (
            NavItem(_("Supervisions"), "supervision:queue", can_handle_supervisions, order=30),
            NavItem(_("Recommendations"), "supervision:tracker", can_handle_supervisions, order=31),
        )

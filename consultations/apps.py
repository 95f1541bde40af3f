from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsultationsConfig(AppConfig):
    name = "consultations"
    verbose_name = _("Consultations and teaching")
    import_formats = {
        "consultations": (
            "consultations.resources.ConsultationResource",
            "core.permissions.can_import_case_data",
        ),
    }

    @property
    def case_types(self):
        from core.casetypes import CaseType

        from . import selectors
        from .permissions import consultations_visible_to

        return (
            CaseType(
                "consultation",
                "consultations.Consultation",
                urls="consultations",
                list_url="consultations:list",
                documents=selectors.access_documents,
                visible_to=consultations_visible_to,
            ),
        )

    @property
    def search_sources(self):
        from django.urls import reverse

        from core.permissions import is_caseworker
        from core.search import SearchSource

        from . import selectors

        return (
            SearchSource(
                "consultations",
                _("Consultations and teaching"),
                selectors.consultations_found,
                lambda c: {
                    "url": reverse("consultations:detail", args=[c.pk]),
                    "number": c.case_number,
                    "title": c.topic,
                    "department": c.department.code if c.department_id else "",
                    "state": c.get_state_display(),
                    "date": c.received_on,
                },
                is_caseworker,
                order=30,
            ),
        )

    @property
    def nav_items(self):
        from core.navigation import NavItem
        from core.permissions import is_caseworker

        return (NavItem(_("Consultations"), "consultations:list", is_caseworker, order=20),)

"""The kinds of case, each declared by the app that owns it (``case_types`` on its AppConfig,
as apps declare their search sources and navigation): core imports no case app and names none.

A kind's pages follow one naming in its URL namespace — ``detail``, ``note_add``,
``note_edit``, ``follow_up``, ``access_add``, ``disqualification_add`` — so that notes,
follow-up dates, requests for access and disqualifications work the same on every kind."""

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.apps import apps


@dataclass(frozen=True)
class CaseType:
    """What core needs to know of one kind of case."""

    name: str  # "complaint", "consultation", "supervision" — the CaseNote/CaseLink field
    model: str  # "<app>.<Model>"
    urls: str  # the URL namespace of its pages
    list_url: str  # where someone goes who may no longer see a case of the kind (disqualified)
    documents: Callable  # a case → its documents for a request for access (core.access)
    visible_to: Callable  # (user, queryset=None) → the cases the user may see (the app's permissions)

    def url(self, page: str) -> str:
        return f"{self.urls}:{page}"

    def model_class(self):
        return apps.get_model(self.model)


@cache
def case_types() -> dict[str, CaseType]:
    return {
        kind.name: kind for config in apps.get_app_configs() for kind in getattr(config, "case_types", ())
    }


def case_type(name: str) -> CaseType:
    return case_types()[name]

"""Reads for consultations and teaching: the list, one case, the search page's part, the
documents a request for access lists, and the rows the yearly statistics count (the stats app
reads consultations only through ``statistics_consultations``)."""

from django.utils import timezone

from core import search
from core.access import CaseDocument
from core.disqualification import case_or_404
from core.notes import notes_of

from .models import Consultation
from .permissions import consultations_visible_to


def consultation_list(user, *, state: str = "", kind: str = ""):
    qs = consultations_visible_to(user).select_related("department", "responsible")
    if state:
        qs = qs.filter(state=state)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-received_on", "-id")


def consultation_for_user_or_404(user, pk: int) -> Consultation:
    return case_or_404(consultations_visible_to(user).select_related("department"), user, pk=pk)


def consultations_found(user, q: str):
    """The search page's consultations and teaching cases."""
    return search.matching(
        consultations_visible_to(user).select_related("department"),
        q,
        words=("topic", "follow_up_reason"),
        identifiers=("case_number",),
        note_field="consultation",
    ).order_by("-received_on", "-id")


def access_documents(consultation) -> list[CaseDocument]:
    """A consultation's documents: the request for advice, and the notes (internal)."""
    rows = [CaseDocument("consultation", consultation.topic, consultation.received_on)]
    for note in notes_of("consultation", consultation).filter(system=False):
        day = timezone.localtime(note.occurred_at).date()
        rows.append(
            CaseDocument(f"note:{note.pk}", str(note.action_label), day, text=note.text, internal=True)
        )
    return rows


def statistics_consultations():
    """Every consultation and teaching case."""
    return Consultation.objects.all()

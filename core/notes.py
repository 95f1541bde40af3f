"""Notes and telephone calls on a case (``core.models.CaseNote``): written by jurists on
complaints, consultations and supervisions alike, without changing the case's state."""

from datetime import timedelta

from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import CaseNote

# The cases a note can belong to: the model, the case page, and the note's add and edit pages.
CASES = {
    "complaint": ("complaints.Complaint", "complaints:detail", "complaints:note_add", "complaints:note_edit"),
    "consultation": (
        "complaints.Consultation",
        "complaints:consultation_detail",
        "complaints:consultation_note_add",
        "complaints:consultation_note_edit",
    ),
    "supervision": (
        "supervision.Supervision",
        "supervision:detail",
        "supervision:note_add",
        "supervision:note_edit",
    ),
}


def case_model(case: str):
    return apps.get_model(CASES[case][0])


def notes_of(case: str, instance):
    """The case's notes, with what their labels read, in one query."""
    return CaseNote.objects.filter(**{case: instance}).select_related("author", "contact")


def merged_timeline(events, notes) -> list:
    """A case's events and notes in the order they happened (one case: a few dozen rows)."""
    return sorted([*events, *notes], key=lambda item: item.at)


def _check(note: CaseNote) -> None:
    if note.kind == CaseNote.Kind.CALL and not (note.contact_id or note.contact_name.strip()):
        raise ValidationError({"contact_name": _("Choose the contact person or write who you talked to.")})
    if note.occurred_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("The time cannot be in the future.")})
    note.full_clean()


@transaction.atomic
def note_add(*, case: str, instance, by, data: dict) -> CaseNote:
    note = CaseNote(**{case: instance}, author=by, **data)
    _check(note)
    note.save()
    return note


@transaction.atomic
def note_edit(*, note: CaseNote, by, data: dict) -> CaseNote:
    """Only the author, and only for ``CaseNote.EDIT_MINUTES`` after writing it."""
    locked = CaseNote.objects.select_for_update().get(pk=note.pk)
    if locked.author_id != by.pk:
        raise PermissionDenied
    if not locked.editable_by(by):
        raise ValidationError(
            _("A note can be corrected for %(minutes)s minutes. Write a new note with the correction.")
            % {"minutes": CaseNote.EDIT_MINUTES}
        )
    for name, value in data.items():
        setattr(locked, name, value)
    _check(locked)
    locked.edited_at = timezone.now()
    locked.save()
    return locked

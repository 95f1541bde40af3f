"""Notes and telephone calls on a case (``core.models.CaseNote``): written by jurists on
complaints, consultations and supervisions alike, without changing the case's state."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .casetypes import case_type
from .formatting import long_date
from .models import CaseNote
from .workflow import refuse_if_personal_data_deleted, system_text

FOLLOW_UP_SET = gettext_lazy("Follow-up date %(date)s: %(reason)s")
FOLLOW_UP_SET_NO_REASON = gettext_lazy("Follow-up date %(date)s.")
FOLLOW_UP_REMOVED = gettext_lazy("Follow-up date removed.")


def case_model(case: str):
    """The model of the kind of case ``case`` (core.casetypes)."""
    return case_type(case).model_class()


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


def _touched(instance) -> None:
    """A person's work on the case: a later import may not rewrite it (consultations keep a
    flag; complaints and supervisions are judged by their timelines and notes)."""
    if getattr(instance, "untouched_import", False):
        type(instance).objects.filter(pk=instance.pk).update(untouched_import=False)


@transaction.atomic
def note_add(*, case: str, instance, by, data: dict) -> CaseNote:
    refuse_if_personal_data_deleted(instance)
    note = CaseNote(**{case: instance}, author=by, **data)
    _check(note)
    note.save()
    _touched(instance)
    return note


@transaction.atomic
def follow_up_set(*, case: str, instance, by, on, reason: str = ""):
    """Set (or with ``on=None`` remove) the date to look at the case again; the timeline
    says so in a note."""
    locked = case_model(case).objects.select_for_update().get(pk=instance.pk)
    refuse_if_personal_data_deleted(locked)
    if on is not None and on < timezone.localdate():
        raise ValidationError({"follow_up_on": _("The follow-up date cannot be in the past.")})
    reason = reason.strip() if on else ""
    locked.follow_up_on, locked.follow_up_reason = on, reason
    locked.save(update_fields=["follow_up_on", "follow_up_reason"])
    if on is None:
        text = system_text(FOLLOW_UP_REMOVED)
    else:
        when = lambda: long_date(on)  # noqa: E731  (in the system's language)
        text = system_text(FOLLOW_UP_SET if reason else FOLLOW_UP_SET_NO_REASON, date=when, reason=reason)
    CaseNote.objects.create(**{case: locked}, author=by, text=text, system=True)
    _touched(locked)
    return locked


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

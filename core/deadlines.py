"""The rules of a letter with a deadline (``core.models.DeadlineLetter``) and its reminders: the
written inquiry of a complaint and the hearing round of a supervision alike. The apps call
these with their own models and write their own timeline rows."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .formatting import short_date
from .models import DeadlineLetter, DeadlineReminder
from .workflow import system_text

REMINDER_CORRECTED = gettext_lazy("The reminder's date corrected from %(old)s to %(new)s.")


def send(letter: DeadlineLetter) -> DeadlineLetter:
    letter.full_clean()
    letter.save()
    return letter


def _check_reminder_date(letter: DeadlineLetter, sent_on: date) -> None:
    if sent_on < letter.sent_on or sent_on > timezone.localdate():
        raise ValidationError(
            {
                "sent_on": _("A reminder is sent after the letter (%(date)s) and not later than today.")
                % {"date": short_date(letter.sent_on)}
            }
        )


def remind(letter: DeadlineLetter, reminder: DeadlineReminder) -> DeadlineReminder:
    """``reminder`` (unsaved, dated, pointing at ``letter``) is registered: only while the
    answer is awaited, dated after the letter and not in the future."""
    if letter.answered_on:
        raise ValidationError(_("The department has already replied."))
    _check_reminder_date(letter, reminder.sent_on)
    reminder.save()
    return reminder


def correct_reminder(letter: DeadlineLetter, reminder: DeadlineReminder, sent_on: date) -> str:
    """A reminder's date registered wrong is corrected; returns the timeline note saying so."""
    _check_reminder_date(letter, sent_on)
    old = reminder.sent_on
    reminder.sent_on = sent_on
    reminder.save(update_fields=["sent_on"])
    return system_text(REMINDER_CORRECTED, old=short_date(old), new=short_date(sent_on))


def answered(letter: DeadlineLetter, received_on: date) -> DeadlineLetter:
    if received_on < letter.sent_on:
        raise ValidationError(_("The reply cannot be received before the letter was sent."))
    if received_on > timezone.localdate():
        raise ValidationError(_("The reply cannot be received in the future."))
    letter.answered_on = received_on
    letter.save(update_fields=["answered_on"])
    return letter


@dataclass(frozen=True)
class DeadlineKind:
    """How one app keeps its deadline letters: the name of the letter (the keyword its services
    take it by, and the reminder's field pointing at it), the reminder model, the app's
    timeline writer ``(case, by, action, note="")`` and the timeline actions for a reminder, a
    corrected reminder and the answer. The letter's ``case`` is its complaint or supervision.
    The services are these methods, once."""

    letter_arg: str
    reminder_model: type
    log: Callable
    actions: tuple[str, str, str]

    @transaction.atomic
    def remind(self, *, by, sent_on: date | None = None, **letter_kwarg):
        letter = letter_kwarg[self.letter_arg]
        reminder = self.reminder_model(**{self.letter_arg: letter}, sent_on=sent_on or timezone.localdate())
        remind(letter, reminder)
        self.log(letter.case, by, self.actions[0])
        return reminder

    @transaction.atomic
    def correct(self, *, reminder, by, sent_on: date):
        """A reminder registered with the wrong date: corrected, and the timeline says so."""
        letter = getattr(reminder, self.letter_arg)
        note = correct_reminder(letter, reminder, sent_on)
        self.log(letter.case, by, self.actions[1], note)
        return reminder

    @transaction.atomic
    def answer(self, *, by, received_on: date, **letter_kwarg):
        letter = letter_kwarg[self.letter_arg]
        answered(letter, received_on)
        self.log(letter.case, by, self.actions[2])
        return letter

"""What every case kind shares: the general-problem and follow-up fields, deadline letters and
their reminders, the timeline row, the case-number series, notes, and the municipality's closing
days."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .organisation import ContactPerson


def exactly_one_case(name: str) -> models.CheckConstraint:
    """A row that belongs to a case belongs to exactly one: a complaint, a consultation or a
    supervision."""
    return models.CheckConstraint(
        condition=(
            models.Q(complaint__isnull=False, consultation__isnull=True, supervision__isnull=True)
            | models.Q(complaint__isnull=True, consultation__isnull=False, supervision__isnull=True)
            | models.Q(complaint__isnull=True, consultation__isnull=True, supervision__isnull=False)
        ),
        name=name,
    )


class GeneralProblem(models.Model):
    """What a single case can reveal: an error in the municipality that hits many citizens — a
    decision practice, a standard letter, a fault in an IT system (the yearly report's main
    theme). On complaints and supervisions alike; the yearly figures ``systemic_cases`` and
    ``citizens_affected`` count it (DOMAIN §6)."""

    # None: not recorded (an import of older cases without the question); a case handled here
    # always has an answer (the form's tick box).
    general_problem = models.BooleanField(
        _("reveals a general problem"),
        default=False,
        null=True,
        blank=True,
        help_text=_("One error that hits many citizens, not only the one who complained."),
    )
    citizens_affected = models.PositiveIntegerField(_("citizens affected (estimate)"), null=True, blank=True)
    it_system = models.CharField(_("IT system involved"), max_length=200, blank=True)
    department_explanation = models.TextField(_("the department's explanation"), blank=True)

    class Meta:
        abstract = True


class FollowUp(models.Model):
    """A date the jurist wants to look at the case again ("the department will tell us when it
    is fixed"), on complaints, consultations and supervisions alike. Set through
    ``core.notes.follow_up_set``, which writes it on the timeline."""

    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    follow_up_reason = models.CharField(_("what to follow up"), max_length=300, blank=True)

    class Meta:
        abstract = True


class DeadlineLetter(models.Model):
    """A letter to a department with a deadline for its answer: the written inquiry of a
    complaint (skriftlig forelæggelse) and the hearing round of a supervision (høring) are the
    same thing to the system — sent, due, answered, with dated reminders (``DeadlineReminder``)
    and one set of rules (``core.deadlines``)."""

    sent_on = models.DateField(_("sent"), default=timezone.localdate)
    due_on = models.DateField(_("deadline"))
    answered_on = models.DateField(_("answer received"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["sent_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("sent_on")),
                name="%(app_label)s_%(class)s_due_after_sent",
            ),
        ]

    @property
    def is_overdue(self) -> bool:
        return self.answered_on is None and self.due_on < timezone.localdate()

    @property
    def case(self):
        """The complaint or supervision the letter belongs to (``case_field`` names it)."""
        return getattr(self, self.case_field)


class DeadlineReminder(models.Model):
    """A reminder (rykker) about an unanswered ``DeadlineLetter``; its date can be corrected."""

    sent_on = models.DateField(_("sent"), default=timezone.localdate)

    class Meta:
        abstract = True
        ordering = ["sent_on", "id"]


class TimelineEvent(models.Model):
    """One row of a case's timeline: a move of its state, or something else that happened to
    it. Complaints, supervisions and whistleblower reports each keep their own table (the unit's
    must stay apart); what a row is and how it reads is defined once, here. A subclass adds the
    foreign key to its case, ``from_state``/``to_state`` with the case's states, ``case_model``
    and ``labels`` (action → label), and a note where its case may carry one (a whistleblower
    report's timeline carries none)."""

    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=40)

    labels: dict = {}
    case_model = None

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    @property
    def action_label(self) -> str:
        # here, not at the top: core.workflow imports the models
        from ..workflow import event_label

        return event_label(self.case_model, self.action, self.labels)


class NumberCounter(models.Model):
    """One running-number series per year. See ``core.numbering``.

    Abstract so that the whistleblower scheme keeps its own counter table: even the number
    of reports per year must not sit in a table that other staff's code reads.
    """

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.year}: {self.last}"


class CaseNumberCounter(NumberCounter):
    """The shared series ``YYYY-NNNNNNN`` of complaints, consultations and supervisions."""

    class Meta:
        verbose_name = _("case number counter")
        verbose_name_plural = _("case number counters")


class CaseNote(models.Model):
    """A note or a telephone call written down on a complaint, a supervision or a consultation,
    without changing its state (the jurist's working record). Internal: never on the
    complainant's status page. Its author may correct it for ``EDIT_MINUTES``; after that it is
    frozen, and a correction is a new note."""

    EDIT_MINUTES = 30

    class Kind(models.TextChoices):
        NOTE = "note", _("Case note")
        CALL = "call", _("Telephone call")

    complaint = models.ForeignKey(
        "complaints.Complaint", on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    consultation = models.ForeignKey(
        "consultations.Consultation", on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    supervision = models.ForeignKey(
        "supervision.Supervision", on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
    )
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.NOTE)
    # With whom, for a call: a department's contact person from the reference data, or a name.
    contact = models.ForeignKey(
        ContactPerson,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contact person"),
    )
    contact_name = models.CharField(_("other person"), max_length=200, blank=True)
    occurred_at = models.DateTimeField(_("when"), default=timezone.now)
    text = models.TextField(_("summary"))
    # A step the system records in the person's name (a follow-up date, a request for access, a
    # disqualification), not a note a person wrote: not a document of the case of its own.
    system = models.BooleanField(_("written by the system"), default=False, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        constraints = [exactly_one_case("casenote_exactly_one_case")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"

    # The case timelines render events and notes alike: a note answers the same questions.
    @property
    def at(self):
        return self.occurred_at

    @property
    def actor(self):
        return self.author

    @property
    def note(self):
        return self.text

    from_state = to_state = ""

    @property
    def with_whom(self) -> str:
        return self.contact.name if self.contact_id else self.contact_name

    @property
    def action_label(self) -> str:
        if self.kind == self.Kind.CALL:
            who = self.with_whom
            return _("Telephone call with %(name)s") % {"name": who} if who else str(_("Telephone call"))
        return str(self.Kind.NOTE.label)

    def editable_by(self, user, now=None) -> bool:
        now = now or timezone.now()
        return (
            not self.system
            and self.author_id == user.pk
            and now - self.created_at <= timedelta(minutes=self.EDIT_MINUTES)
        )


class ClosingDay(models.Model):
    """The secretariat's change to the working-day calendar (``core.workdays``) on one date: a
    day the municipality is closed besides the public holidays and the default closing days, or
    (``closed`` unticked) a default closing day — 24 or 31 December, 5 June — that is a working
    day that year."""

    day = models.DateField(_("date"), unique=True)
    closed = models.BooleanField(
        _("closed"),
        default=True,
        help_text=_(
            "Untick to make one of the default closing days (24 and 31 December, 5 June) a working day."
        ),
    )
    label = models.CharField(_("what the day is"), max_length=100, blank=True)

    class Meta:
        ordering = ["day"]
        verbose_name = _("closing day")
        verbose_name_plural = _("closing days")

    def __str__(self):
        return f"{self.day:%Y-%m-%d}"

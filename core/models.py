import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """One of the municipality's seven departments (forvaltninger), DOMAIN §2.

    The codes are fixed and created by a data migration; the secretariat may edit names
    but never add or remove a department.
    """

    code = models.CharField(_("code"), max_length=8, unique=True)
    name = models.CharField(_("name"), max_length=200)
    # The official order of the seven departments in every table of the yearly report.
    position = models.PositiveSmallIntegerField(_("position"), unique=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class Unit(models.Model):
    """A unit (enhed) within a department, e.g. "Borgercenter Handicap"."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="units", verbose_name=_("department")
    )
    name = models.CharField(_("name"), max_length=200)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["department__position", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["department", "name"], name="unit_unique_name_per_department"),
        ]

    def __str__(self):
        return f"{self.name} ({self.department.code})"


class ContactPerson(models.Model):
    """The Borgerrådgiver's direct entry into a department (kontaktperson)."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("department")
    )
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contacts",
        verbose_name=_("unit"),
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["department__position", "name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")

    def __str__(self):
        return f"{self.name} ({self.department.code})"


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
        from .workflow import event_label

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


class AuditEvent(models.Model):
    """Append-only record of who did what to which object, and when.

    Deliberately has no free-text field: an audit row must never carry personal data or
    report content, only codes and references. Updates are refused by the model and, as a
    second line, by a database trigger (migration 0004).
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("actor"),
    )
    action = models.CharField(_("action"), max_length=64)
    object_type = models.CharField(_("object type"), max_length=64, blank=True)
    object_ref = models.CharField(_("object reference"), max_length=32, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.object_type} {self.object_ref}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AuditEvent.Immutable("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AuditEvent.Immutable("Audit events are append-only.")

    class Immutable(Exception):
        pass


class OutboxMessage(models.Model):
    """An e-mail waiting to go out, written in the same transaction as the action that causes it
    (core.outbox). A worker delivers it with retries and backoff; the id is the message's
    Message-ID, so a retry after a crash is recognisably the same message. Sent messages are
    pruned after ``OUTBOX_KEEP_DAYS``."""

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("queued"), default=timezone.now)
    purpose = models.CharField(_("purpose"), max_length=64)
    # Whistleblower mail: the secretariat's view shows neither subject nor recipients.
    confidential = models.BooleanField(default=False)
    recipients = models.JSONField(default=list)
    subject = models.TextField()
    body = models.TextField()
    # What the message is about, for the failure notice on its case ("complaints.complaint:12").
    related = models.CharField(max_length=64, blank=True)
    state = models.CharField(_("state"), max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    lease_until = models.DateTimeField(null=True, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    # The kind of the last error (an exception's class name): never its text, which may quote
    # an address.
    last_error = models.CharField(_("last error"), max_length=100, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outgoing e-mail")
        verbose_name_plural = _("outgoing e-mails")
        indexes = [
            # The worker's question: which messages are due now?
            models.Index(fields=["state", "next_attempt_at"], name="outbox_due_idx"),
        ]

    def __str__(self):
        return f"{self.purpose} {self.state}"


class PeriodicJob(models.Model):
    """The state of one periodic job (core.jobs): the last slot enqueued — claimed by a
    conditional update, so several schedulers never enqueue a slot twice — and a lease that
    keeps two workers from running the job at the same time."""

    name = models.CharField(max_length=64, primary_key=True)
    last_slot = models.DateTimeField(null=True, blank=True)
    locked_until = models.DateTimeField(null=True, blank=True)
    last_started_at = models.DateTimeField(null=True, blank=True)
    last_success_at = models.DateTimeField(null=True, blank=True)
    last_failure_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=100, blank=True)

    def __str__(self):
        return self.name


class ExternalIdentity(models.Model):
    """A person's account at the municipality's identity provider (OpenID Connect): the
    provider's stable subject identifier, and the roles its group claim gave at the last
    sign-in (core.oidc)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identity"
    )
    issuer = models.CharField(max_length=200)
    subject = models.CharField(max_length=255)
    roles_from_provider = models.JSONField(default=list)
    last_sign_in = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="external_identity_unique_subject"),
        ]

    def __str__(self):
        return f"{self.issuer} {self.subject}"


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
        "complaints.Consultation", on_delete=models.CASCADE, null=True, blank=True, related_name="notes"
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
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("author")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    edited_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        constraints = [
            # Exactly one case.
            models.CheckConstraint(
                condition=(
                    models.Q(complaint__isnull=False, consultation__isnull=True, supervision__isnull=True)
                    | models.Q(complaint__isnull=True, consultation__isnull=False, supervision__isnull=True)
                    | models.Q(complaint__isnull=True, consultation__isnull=True, supervision__isnull=False)
                ),
                name="casenote_exactly_one_case",
            ),
        ]

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
        return self.author_id == user.pk and now - self.created_at <= timedelta(minutes=self.EDIT_MINUTES)

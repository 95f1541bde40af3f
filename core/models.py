import uuid
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from .uploads import private_storage


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


class FileDeletion(models.Model):
    """A private file that must leave the storage: its row (or its content) was deleted, and
    this row was written in the same transaction. The file is deleted after the commit; one the
    storage could not delete (a bucket that did not answer, a worker that died) stays listed,
    and the periodic sweep tries again until it is gone (core.uploads). Names are the storage's
    own random names: nothing personal."""

    name = models.CharField(max_length=300, unique=True)
    requested_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
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


class CaseLink(models.Model):
    """Belongs to exactly one case: a complaint, a consultation or a supervision (the field is
    named after the case's model, as on ``CaseNote``). ``case`` is that case."""

    CASE_FIELDS = ("complaint", "consultation", "supervision")

    class Meta:
        abstract = True

    @property
    def case(self):
        return next(getattr(self, name) for name in self.CASE_FIELDS if getattr(self, f"{name}_id"))

    @property
    def case_kind(self) -> str:
        return next(name for name in self.CASE_FIELDS if getattr(self, f"{name}_id"))

    @classmethod
    def for_case(cls, instance) -> dict:
        """The filter (or the constructor's keyword) for ``instance``'s rows."""
        return {instance._meta.model_name: instance}


def _exactly_one_case(name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(
            models.Q(complaint__isnull=False, consultation__isnull=True, supervision__isnull=True)
            | models.Q(complaint__isnull=True, consultation__isnull=False, supervision__isnull=True)
            | models.Q(complaint__isnull=True, consultation__isnull=True, supervision__isnull=False)
        ),
        name=name,
    )


class Disqualification(CaseLink):
    """A person disqualified on a case (inhabilitet, forvaltningsloven § 3): declared by
    themselves or recorded by the head, with the reason. From then on the person cannot be the
    caseworker, cannot move the case (nor conclude a supervision), and sees only the case's
    number and the fact of the disqualification (``core.disqualification``)."""

    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="disqualifications",
    )
    consultation = models.ForeignKey(
        "complaints.Consultation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="disqualifications",
    )
    supervision = models.ForeignKey(
        "supervision.Supervision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="disqualifications",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("disqualification")
        verbose_name_plural = _("disqualifications")
        constraints = [
            _exactly_one_case("disqualification_exactly_one_case"),
            models.UniqueConstraint(
                fields=["complaint", "person"], name="disqualification_once_per_complaint"
            ),
            models.UniqueConstraint(
                fields=["consultation", "person"], name="disqualification_once_per_consultation"
            ),
            models.UniqueConstraint(
                fields=["supervision", "person"], name="disqualification_once_per_supervision"
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.person_id}"


class AccessRequest(FSMModelMixin, CaseLink):
    """A request for access to the documents of a case (aktindsigt, DOMAIN §9): who asked, on
    which legal basis, by when it must be decided; then a decision per document, the letter of
    decision with the appeal guidance and the documents handed out — or a deadline letter when
    the decision cannot be made in time (``core.access``)."""

    class Requester(models.TextChoices):
        PARTY = "party", _("The party")
        REPRESENTATIVE = "representative", _("A party's representative")
        THIRD_PARTY = "third_party", _("A third party (e.g. a journalist)")

    class Basis(models.TextChoices):
        OFFENTLIGHEDSLOVEN = "offentlighedsloven", _("The Access to Public Administration Files Act")
        FORVALTNINGSLOVEN = "forvaltningsloven", _("The Public Administration Act (as a party)")
        GDPR_ART15 = "gdpr_art15", _("The right of access to one's own data (GDPR art. 15)")

    class State(models.TextChoices):
        RECEIVED = "received", _("Awaiting decision")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Decision(models.TextChoices):
        FULL = "full", _("Full access")
        PARTIAL = "partial", _("Partial access")
        REFUSED = "refused", _("Refused")

    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_requests",
    )
    consultation = models.ForeignKey(
        "complaints.Consultation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_requests",
    )
    supervision = models.ForeignKey(
        "supervision.Supervision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_requests",
    )
    requester = models.CharField(_("who asks"), max_length=16, choices=Requester.choices)
    requester_name = models.CharField(_("name of the requester"), max_length=200)
    requester_address = models.CharField(_("address of the requester"), max_length=300, blank=True)
    received_on = models.DateField(_("received"), default=timezone.localdate)
    basis = models.CharField(_("legal basis"), max_length=20, choices=Basis.choices)
    due_on = models.DateField(_("deadline"), editable=False)
    state = FSMField(_("state"), default=State.RECEIVED, choices=State.choices, protected=True)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    # The deadline letter (fristbrev): why the deadline cannot be met, and when to expect a
    # decision.
    delay_reason = models.TextField(_("why the deadline cannot be met"), blank=True)
    expected_on = models.DateField(_("decision expected"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("request for access to documents")
        verbose_name_plural = _("requests for access to documents")
        indexes = [models.Index(fields=["state", "due_on"], name="access_request_open_idx")]
        constraints = [
            _exactly_one_case("access_request_exactly_one_case"),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("received_on")),
                name="access_request_due_after_received",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="decided") | models.Q(decision__gt="", decided_on__isnull=False),
                name="access_request_decided_has_decision",
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.received_on:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.RECEIVED

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    @property
    def deadline_letter_due(self) -> bool:
        """The deadline has passed undecided and the requester has not been told why."""
        return self.is_overdue and self.expected_on is None

    @transition(state, source=State.RECEIVED, target=State.DECIDED, custom={"label": _("Decide")})
    def decide(self, decision: str, on):
        self.decision = decision
        self.decided_on = on

    @transition(state, source=State.RECEIVED, target=State.WITHDRAWN, custom={"label": _("Withdrawn")})
    def withdraw(self):
        pass


class AccessDocument(models.Model):
    """One document of the case as it stood when the request was decided, with the decision on
    it: handed out in full, in part (the passages withheld, and the section of the act), or
    refused (the section). ``key`` names the document on its case (``letter:12``)."""

    class Decision(models.TextChoices):
        FULL = "full", _("Handed out")
        PARTIAL = "partial", _("Handed out with passages withheld")
        REFUSED = "refused", _("Withheld")

    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="documents")
    key = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("document"), max_length=300)
    dated = models.DateField(_("date"), null=True, blank=True)
    internal = models.BooleanField(_("internal working document"), default=False)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    withheld = models.TextField(_("passages withheld"), blank=True)
    section = models.CharField(_("section of the act"), max_length=200, blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("document decided on")
        verbose_name_plural = _("documents decided on")
        constraints = [
            models.UniqueConstraint(fields=["request", "key"], name="access_document_once_per_request"),
            models.CheckConstraint(
                condition=models.Q(decision="full") | models.Q(section__gt=""),
                name="access_document_withheld_has_section",
            ),
        ]

    def __str__(self):
        return self.title


def access_letter_path(instance, filename):
    return f"access/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class AccessLetter(models.Model):
    """A document sent to the requester, kept as it was sent: the deadline letter, the letter
    of decision, and the documents handed out."""

    class Kind(models.TextChoices):
        DEADLINE = "deadline", _("Deadline letter")
        DECISION = "decision", _("Letter of decision")
        HANDOUT = "handout", _("The documents handed out")

    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    pdf = models.FileField(storage=private_storage, upload_to=access_letter_path)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("letter on a request for access")
        verbose_name_plural = _("letters on requests for access")

    def __str__(self):
        return self.title

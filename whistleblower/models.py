"""The whistleblower scheme (DOMAIN §5) — segregated: nothing here is visible outside the unit.

This module holds the report's metadata that the yearly statistics count by calendar year
(dates, channel, matter themes, scope decision). The report content, encrypted at rest, and
the unit's workflow arrive with the whistleblower issue; the retention purge keeps exactly
these fields, and the unit's anonymised summary for the annual account (``Report.summary``).
"""

import calendar
import uuid
from datetime import date, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from core.models import Department, NumberCounter, TimelineEvent
from core.uploads import private_storage
from core.workflow import Guard

from .crypto import EncryptedTextField


class ReportNumberCounter(NumberCounter):
    """The scheme's own number series ``WB-YYYY-NNNN``.

    A separate table from the shared case series, so that neither the numbers nor the count of
    reports per year can be read from anything outside the whistleblower app.
    """

    class Meta:
        verbose_name = _("report number counter")
        verbose_name_plural = _("report number counters")


class Channel(models.TextChoices):
    PORTAL = "portal", _("Portal (written)")
    PHONE = "phone", _("Phone")
    MEETING = "meeting", _("Meeting")
    LETTER = "letter", _("Letter")


class State(models.TextChoices):
    RECEIVED = "received", _("Received")
    ACKNOWLEDGED = "acknowledged", _("Acknowledged")
    TRIAGED = "triaged", _("Triaged")
    INVESTIGATING = "investigating", _("Investigating")
    CONCLUDED = "concluded", _("Concluded")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")


OPEN_STATES = (State.RECEIVED, State.ACKNOWLEDGED, State.TRIAGED, State.INVESTIGATING)


class Scope(models.TextChoices):
    WITHIN = "within", _("Within the scheme")
    REJECTED = "rejected", _("Rejected")


class RejectionReason(models.TextChoices):
    OUTSIDE_SCOPE = "outside_scope", _("Not a serious breach or serious matter")
    UNSUBSTANTIATED = "unsubstantiated", _("Not concrete or probable enough")
    NOT_MUNICIPAL = "not_municipal", _("Not about the municipality")
    OUTSIDE_PERSONAL_SCOPE = "outside_personal_scope", _("The reporter is outside the personal scope")
    CONSENT_MISSING = "consent_missing", _("Consent missing")


class Theme(models.TextChoices):
    WORK_ENVIRONMENT = "work_environment", _("Working environment and safety")
    LEGAL_REQUIREMENTS = "legal_requirements", _("Statutory and legal requirements")
    FINANCES = "finances", _("Finances")
    NEGLECT = "neglect", _("Neglect of care")
    CRIMINAL_OFFENCES = "criminal_offences", _("Potential criminal offences")
    INTERNAL_RULES = "internal_rules", _("The municipality's internal rules")
    CITIZEN_SERVICE = "citizen_service", _("Citizen service")
    PUBLIC_HEALTH = "public_health", _("Health and public health")
    DATA_PROTECTION = "data_protection", _("Data protection")
    ENVIRONMENTAL_HAZARD = "environmental_hazard", _("Environmental hazard")
    OTHER = "other", _("Other")


def is_unit_member(instance, user) -> bool:
    from .permissions import is_unit

    return is_unit(user)


ACK_DAYS = 7  # lov nr. 1436 § 20 / directive art. 9(1)(b): acknowledge within 7 days
FEEDBACK_MONTHS = 3  # directive art. 9(1)(f): feedback within 3 months


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


HAS_MATTERS = Guard(
    lambda r: r.pk is not None and r.matters.exists(),
    _("Give the report at least one matter with a theme first."),
    supplied_by_form=True,
)
ACK_WANTED_DONE = Guard(
    lambda r: r.state != State.RECEIVED or not r.wants_acknowledgement,
    _("Acknowledge the report first: the reporter asked for an acknowledgement."),
)
WANTS_ACK = Guard(lambda r: r.wants_acknowledgement, _("The reporter asked for no acknowledgement."))
HAS_REJECTION = Guard(
    lambda r: bool(r.rejection_reason) and bool(r.rejection_guidance),
    _("Give the reason and the guidance on other options."),
    supplied_by_form=True,
)


SUMMARY_MAX_LENGTH = 200


class Report(FSMModelMixin, models.Model):
    """A whistleblower report (indberetning).

    Statistics fields (dates, channel, scope) are plain; everything a person wrote is
    encrypted (``EncryptedTextField``). The reporter's identity and third persons named are
    kept apart, in ``ReportPersons``.
    """

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    received_on = models.DateField(_("received"), default=timezone.localdate, db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    # The language the reporter used the portal in: the unit answers in it.
    language = models.CharField(
        _("the reporter's language"),
        max_length=8,
        choices=[("da", _("Danish")), ("en", _("English"))],
        default="da",
    )
    state = FSMField(_("state"), default=State.RECEIVED, choices=State.choices, protected=True)
    scope = models.CharField(_("scope decision"), max_length=16, choices=Scope.choices, blank=True)
    rejection_reason = models.CharField(
        _("reason for rejection"), max_length=24, choices=RejectionReason.choices, blank=True
    )
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    # Content (encrypted) and handling.
    body = EncryptedTextField(_("what happened"), blank=True)
    where = EncryptedTextField(_("where"), blank=True)
    when = EncryptedTextField(_("when"), blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    wants_acknowledgement = models.BooleanField(_("the reporter wants an acknowledgement"), default=True)
    acknowledged_on = models.DateField(_("acknowledged"), null=True, blank=True)
    concluded_on = models.DateField(_("feedback given"), null=True, blank=True)
    notes = EncryptedTextField(_("investigation notes"), blank=True)
    rejection_guidance = EncryptedTextField(_("guidance on other options"), blank=True)
    passed_to_department = EncryptedTextField(
        _("passed on to a department outside the scheme (with the reporter's consent)"), blank=True
    )
    oral_record = EncryptedTextField(_("transcript or minutes of the oral report"), blank=True)
    reporter_approved_record = models.BooleanField(
        _("the reporter has checked and approved the record"), default=False
    )
    # A title the reporter may propose (shown back to them), and the unit's own subject line,
    # written at triage (never shown to the reporter).
    proposed_subject = EncryptedTextField(_("the reporter's title"), blank=True)
    subject = EncryptedTextField(_("subject"), blank=True)
    # The unit's anonymised one-line summary (emne) for the scheme's annual account
    # (whistleblower.annual). It is written to be published, so the retention purge keeps it,
    # but it is free text like the rest: encrypted at rest (DOMAIN §5), at most
    # SUMMARY_MAX_LENGTH characters (the form and ``summary_update`` hold the limit, as an
    # encrypted column is longer than its text).
    summary = EncryptedTextField(
        _("summary for the annual account"),
        blank=True,
        help_text=_(
            "One line about what the report concerns. It is published in the annual account of "
            "the whistleblower scheme, so it must not identify anyone: no names, no workplace, "
            "nothing that only a few people would know."
        ),
    )
    # The next statutory deadline (acknowledgement, else feedback) while one is open: the queue
    # sorts and filters on it in the database. Kept by ``refresh_next_due``.
    next_due = models.DateField(null=True, blank=True, db_index=True, editable=False)
    receipt_locator = models.CharField(max_length=8, unique=True, null=True, blank=True, editable=False)
    receipt_hash = models.CharField(max_length=200, blank=True, editable=False)
    content_purged_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=~Q(scope=Scope.REJECTED) | ~Q(rejection_reason=""),
                name="wb_rejected_has_reason",
            ),
        ]

    def __str__(self):
        return self.reference

    # --- statutory deadlines ----------------------------------------------------------------

    @property
    def acknowledgement_due(self) -> date | None:
        """Seven days from receipt — if the reporter wants an acknowledgement at all."""
        return self.received_on + timedelta(days=ACK_DAYS) if self.wants_acknowledgement else None

    @property
    def feedback_due(self) -> date:
        """Three months from the acknowledgement, or from the 7-day mark if none was given."""
        start = self.acknowledged_on or (self.received_on + timedelta(days=ACK_DAYS))
        return add_months(start, FEEDBACK_MONTHS)

    def acknowledgement_overdue(self, today: date) -> bool:
        due = self.acknowledgement_due
        return bool(due and self.acknowledged_on is None and self.state == State.RECEIVED and today > due)

    def feedback_overdue(self, today: date) -> bool:
        return self.concluded_on is None and self.state in OPEN_STATES and today > self.feedback_due

    def compute_next_due(self) -> date | None:
        """The next deadline the unit must meet: the acknowledgement while one is wanted and
        not given, else the feedback while none is given; None once the feedback is given."""
        if self.state not in OPEN_STATES or self.concluded_on is not None:
            return None
        if self.state == State.RECEIVED and self.wants_acknowledgement and self.acknowledged_on is None:
            return self.acknowledgement_due
        return self.feedback_due

    def refresh_next_due(self) -> None:
        self.next_due = self.compute_next_due()

    # --- transitions (they set fields; whistleblower.services.report_transition runs them) --

    @transition(
        state,
        source=State.RECEIVED,
        target=State.ACKNOWLEDGED,
        permission=is_unit_member,
        conditions=[WANTS_ACK],
        custom={"label": _("Acknowledge receipt"), "form": "message"},
    )
    def acknowledge(self, on=None):
        self.acknowledged_on = on or timezone.localdate()

    @transition(
        state,
        source=[State.RECEIVED, State.ACKNOWLEDGED],
        target=State.TRIAGED,
        permission=is_unit_member,
        conditions=[ACK_WANTED_DONE, HAS_MATTERS],
        custom={"label": _("Triage"), "form": "triage"},
    )
    def triage(self):
        pass

    @transition(
        state,
        source=State.TRIAGED,
        target=State.INVESTIGATING,
        permission=is_unit_member,
        custom={"label": _("Start the investigation")},
    )
    def investigate(self):
        self.scope = Scope.WITHIN

    @transition(
        state,
        source=State.INVESTIGATING,
        target=State.CONCLUDED,
        permission=is_unit_member,
        custom={"label": _("Conclude with feedback"), "form": "message"},
    )
    def conclude(self, on=None):
        self.concluded_on = on or timezone.localdate()

    @transition(
        state,
        source=State.CONCLUDED,
        target=State.CLOSED,
        permission=is_unit_member,
        custom={"label": _("Close")},
    )
    def close(self, on=None):
        self.closed_on = on or timezone.localdate()

    @transition(
        state,
        source=State.TRIAGED,
        target=State.REJECTED,
        permission=is_unit_member,
        conditions=[HAS_REJECTION],
        custom={"label": _("Reject"), "form": "reject"},
    )
    def reject(self, on=None):
        self.scope = Scope.REJECTED
        self.concluded_on = self.closed_on = on or timezone.localdate()


class ReportPersons(models.Model):
    """The reporter's identity (when given) and the third persons named — kept apart from
    the report body; the identity is opened only through a separate, logged action."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="persons")
    reporter_name = EncryptedTextField(_("name"), blank=True)
    reporter_contact = EncryptedTextField(_("contact details"), blank=True)
    third_persons = EncryptedTextField(_("persons involved"), blank=True)

    def __str__(self):
        return f"{self.report}"

    @property
    def has_identity(self) -> bool:
        return bool(self.reporter_name or self.reporter_contact)


class Sender(models.TextChoices):
    REPORTER = "reporter", _("The reporter")
    UNIT = "unit", _("The whistleblower unit")


class MessageKind(models.TextChoices):
    ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement")
    QUESTION = "question", _("Question")
    ANSWER = "answer", _("Answer or more information")
    FEEDBACK = "feedback", _("Feedback")
    REJECTION = "rejection", _("Rejection with guidance")
    NOTICE = "notice", _("Notice before disclosure of identity")


class Message(models.Model):
    """A message between the unit and the reporter, read with the receipt code."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="messages")
    sender = models.CharField(max_length=16, choices=Sender.choices)
    kind = models.CharField(max_length=16, choices=MessageKind.choices)
    body = EncryptedTextField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self):
        return f"{self.report} {self.kind}"


class ReportEvent(TimelineEvent):
    """The report's timeline, in the scheme's own table; never a note (no content here)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=16, blank=True)
    to_state = models.CharField(max_length=16, blank=True)

    case_model = Report

    def __str__(self):
        return f"{self.report} {self.action}"

    @property
    def action_label(self) -> str:
        """The row in words (the transitions' own labels, else the scheme's events)."""
        if self.action.startswith("message_"):
            kind = self.action.removeprefix("message_")
            return (
                str(EVENT_LABELS["message"]) % {"kind": str(MessageKind(kind).label).lower()}
                if kind in MessageKind.values
                else self.action
            )
        return super().action_label

    @property
    def state_label(self) -> str:
        return str(State(self.to_state).label) if self.to_state in State.values else ""


EVENT_LABELS = {
    "received": _("Report received"),
    "imported": _("Imported (metadata only)"),
    "reporter_message": _("The reporter wrote"),
    "message": _("Message to the reporter: %(kind)s"),
    "file_added": _("File added"),
    "notes_updated": _("Investigation notes saved"),
    "record_approved": _("The reporter approved the record"),
    "identity_disclosed": _("Identity disclosed"),
    "content_purged": _("Content deleted after the retention period"),
    "subject_set": _("Subject written"),
    "summary_updated": _("Summary for the annual account saved"),
}
ReportEvent.labels = EVENT_LABELS


class AccessAction(models.TextChoices):
    """What the unit's access log records: openings of a report, and every change to who may
    open them (membership of the unit and its members' second factor)."""

    OPENED = "opened", _("Opened the report")
    FILE_OPENED = "file_opened", _("Downloaded a file")
    ORIGINAL_OPENED = "original_opened", _("Downloaded a file as sent, with its hidden information")
    IDENTITY_OPENED = "identity_opened", _("Opened the reporter's identity")
    IDENTITY_DISCLOSED = "identity_disclosed", _("Disclosed the reporter's identity")
    MEMBER_ADDED = "member_added", _("Added a member to the unit")
    MEMBER_REMOVED = "member_removed", _("Removed a member from the unit")
    ENROLMENT_CODE_ISSUED = "enrolment_code_issued", _("Issued an enrolment code for the second factor")
    SECOND_FACTOR_ENROLLED = "second_factor_enrolled", _("Set up a second factor")


class AccessLog(models.Model):
    """Every opening of a report (and of an identity) by a unit member, and every change of
    the unit's membership and second factors. Append-only: the model refuses changes, and a
    database trigger (migration 0005) refuses them too — except the retention purge's clearing
    of a reason, which may hold content."""

    report = models.ForeignKey(
        Report, on_delete=models.PROTECT, null=True, blank=True, related_name="access_log"
    )
    # None: a command run on the server (the very first member, see ``wb_first_member``).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The member a membership or enrolment entry is about.
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    action = models.CharField(max_length=32, choices=AccessAction.choices)
    reason = EncryptedTextField(blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("The access log is append-only.")


class Matter(models.Model):
    """One matter (forhold) of a report, themed at the initial triage."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="matters")
    theme = models.CharField(_("theme"), max_length=24, choices=Theme.choices)

    class Meta:
        ordering = ["id"]
        verbose_name = _("matter")
        verbose_name_plural = _("matters")

    def __str__(self):
        return f"{self.report} {self.theme}"


def report_file_path(instance, filename):
    return f"whistleblower/{uuid.uuid4().hex}"


class CleanStatus(models.TextChoices):
    PENDING = "pending", _("Being cleaned")
    CLEANED = "cleaned", _("Cleaned")
    NOTHING_FOUND = "nothing_found", _("Cleaned: no hidden information found")
    NOT_CLEANABLE = "not_cleanable", _("This kind of file cannot be cleaned")
    FAILED = "failed", _("Could not be cleaned")
    LIMIT = "limit", _("Not cleaned: too large or too complex to clean safely")


class ReportFile(models.Model):
    """A file from the reporter or the unit, stored encrypted (Fernet) outside any URL.

    The original is kept as sent. For images, PDFs and Office files the worker then makes a
    cleaned copy — rebuilt without what could identify the sender — in a child process held to
    limits (whistleblower.cleaning); until it exists the file is ``pending``, and that copy is
    what the unit opens. ``removed`` names what was found and taken out, ``unchecked`` what
    was kept without a check, ``clean_problem`` why no copy could be made (codes, no values)."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="files")
    blob = models.FileField(storage=private_storage, upload_to=report_file_path)
    cleaned_blob = models.FileField(storage=private_storage, upload_to=report_file_path, blank=True)
    clean_status = models.CharField(max_length=16, choices=CleanStatus.choices, default=CleanStatus.PENDING)
    removed = models.JSONField(default=list, blank=True)
    unchecked = models.JSONField(default=list, blank=True)
    clean_problem = models.CharField(max_length=16, blank=True)
    # The worker's claim on the cleaning (a lease, so a worker that dies leaves it to another)
    # and the number of tries: a file that stops the worker every time is given up after a few.
    clean_attempts = models.PositiveSmallIntegerField(default=0)
    clean_lease_until = models.DateTimeField(null=True, blank=True)
    name = EncryptedTextField()
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sender = models.CharField(max_length=16, choices=Sender.choices)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            # The worker's sweep for files still to clean.
            models.Index(fields=["clean_status"], name="wb_file_pending", condition=Q(clean_status="pending"))
        ]

    def __str__(self):
        return f"{self.report} file {self.pk}"

    @property
    def readable_copy(self) -> bool:
        """The unit may open the cleaned copy (else only the original, with a reason)."""
        if self.clean_status not in (CleanStatus.CLEANED, CleanStatus.NOTHING_FOUND):
            return False
        return bool(self.cleaned_blob) or self.content_type == "text/plain"  # plain text hides nothing


class EnrolmentCode(models.Model):
    """A one-time code that lets a unit member set up their second factor (TOTP).

    Issued by a verified member of the unit (or, for the very first member, by the command
    ``wb_first_member`` on the server) and handed over in person: a password alone never
    enrols a device, so neither a superuser who put themselves in the group nor somebody who
    learnt a new member's password can take the unit's access. Only a hash is stored."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    code_hash = models.CharField(max_length=64, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    issued_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    # Withdrawn when a newer code is issued or the member leaves the unit.
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_at", "-id"]

    def __str__(self):
        return f"enrolment code {self.pk}"

    def usable(self, now=None) -> bool:
        now = now or timezone.now()
        return self.used_at is None and self.withdrawn_at is None and now < self.expires_at

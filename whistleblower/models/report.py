"""The report: its number series, codes, deadlines, the guards of its moves, and the report with
its workflow (the moves only set fields; ``whistleblower.services.report_transition`` runs
them). Content is encrypted at rest."""

import calendar
from datetime import date, timedelta

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from core.models import Department, NumberCounter
from core.workflow import Guard

from ..crypto import EncryptedTextField


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
    from ..permissions import is_unit  # here, not at the top: whistleblower.permissions imports the models

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
    # (``published.annual_account``). It is written to be published, so the retention purge keeps it,
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

"""The complaint (henvendelse) and its workflow, its points, its timeline, and the written
inquiries to a department with their reminders (DOMAIN §3). The moves only set fields;
``complaints.services.complaint_transition`` runs them."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from core.models import (
    DeadlineLetter,
    DeadlineReminder,
    Department,
    FollowUp,
    GeneralProblem,
    TimelineEvent,
    Unit,
)

from .codes import (
    BOTH_CONSENTS,
    CLOSURE_COMPLETE,
    FINAL_STATES,
    HAS_DEPARTMENT,
    HAS_DEPARTMENT_STRICT,
    HAS_POINTS,
    HAS_REJECTION_REASON,
    MEDIATION_ENDED,
    MEDIATION_NOT_RUNNING,
    MEDIATION_RUNNING,
    NOT_ABOUT_A_DECISION,
    STEPS,
    Assessment,
    Channel,
    Consequence,
    DiscriminationGround,
    Kind,
    MediationResult,
    Outcome,
    RejectionReason,
    Requester,
    Satisfaction,
    Solved,
    State,
    Theme,
    Track,
    can_handle,
    mask_cpr,
    new_public_token,
    normalise_cpr,
)


class Complaint(FSMModelMixin, GeneralProblem, FollowUp, models.Model):
    case_number = models.CharField(_("case number"), max_length=12, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.COMPLAINT)
    requester = models.CharField(
        _("requester"), max_length=16, choices=Requester.choices, default=Requester.CITIZEN
    )
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("unit")
    )
    # A complaint can concern more than one department (who is responsible may be the question):
    # ``department`` is the primary one, counted in the yearly figures; these are recorded,
    # shown, searched and in the departments' exports, never counted.
    other_departments = models.ManyToManyField(
        Department,
        blank=True,
        related_name="+",
        verbose_name=_("other departments concerned"),
        help_text=_("Only the primary department is counted in the yearly figures."),
    )
    # The person the complaint concerns; the contact address is where notices go.
    person_name = models.CharField(_("name of the person concerned"), max_length=200, blank=True)
    person_cpr = models.CharField(_("CPR number"), max_length=11, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=32, blank=True)
    contact_address = models.CharField(_("address"), max_length=300, blank=True)
    representative_name = models.CharField(_("representative"), max_length=200, blank=True)
    representative_role = models.CharField(
        _("representative's role"),
        max_length=100,
        blank=True,
        help_text=_("E.g. guardian, social worker, lawyer."),
    )
    summary = models.TextField(_("what the complaint is about"), blank=True)
    complained_to_department_first = models.BooleanField(
        _("has complained to the department first"), null=True, blank=True
    )
    concerns_decision = models.BooleanField(
        _("concerns the content of a decision"),
        default=False,
        help_text=_("A complaint about the content of a decision (afgørelse) cannot be mediated."),
    )
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible jurist"),
    )
    received_on = models.DateField(_("received"), default=timezone.localdate)
    # The reply guarantee (tilbagemeldingsgaranti, DOMAIN §9): a written answer to the citizen
    # by this day. Stored (not computed per row) so that queues sort and count by it in the
    # database; the services set it from the working-day calendar (``reply_due``).
    reply_due_on = models.DateField(_("written reply due"), null=True, blank=True, editable=False)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    state = FSMField(_("state"), default=State.RECEIVED, choices=State.choices, protected=True, db_index=True)
    furthest_step = models.CharField(max_length=16, choices=Track.choices, blank=True, editable=False)
    track = models.CharField(_("track"), max_length=16, choices=Track.choices, blank=True)
    rejection_reason = models.CharField(
        _("reason for rejection"), max_length=24, choices=RejectionReason.choices, blank=True
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    solved = models.CharField(_("solved"), max_length=16, choices=Solved.choices, blank=True)
    department_admitted_error = models.BooleanField(
        _("the department admitted an error"), null=True, blank=True
    )
    legality_error = models.BooleanField(
        _("the error could affect the legality of a decision"), null=True, blank=True
    )
    consequences = models.ManyToManyField(Consequence, blank=True, verbose_name=_("consequences"))
    discrimination_ground = models.CharField(
        _("discrimination ground"), max_length=20, choices=DiscriminationGround.choices, blank=True
    )
    report_example = models.BooleanField(_("candidate example for the yearly report"), default=False)
    citizen_consent_on = models.DateField(_("citizen's consent to mediation"), null=True, blank=True)
    department_consent_on = models.DateField(_("department's consent to mediation"), null=True, blank=True)
    mediation_result = models.CharField(
        _("result of the mediation"), max_length=16, choices=MediationResult.choices, blank=True
    )
    satisfaction = models.CharField(
        _("satisfaction"), max_length=16, choices=Satisfaction.choices, blank=True
    )
    satisfaction_answered_on = models.DateField(null=True, blank=True, editable=False)
    public_token = models.CharField(max_length=64, unique=True, default=new_public_token, editable=False)
    # The public form's one-time key (a hidden field): the same form sent again — the citizen saw
    # an error page although the complaint was saved — is recognised, not saved twice.
    submission_key = models.CharField(max_length=64, blank=True, default="", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("complaint or inquiry")
        verbose_name_plural = _("complaints and inquiries")
        indexes = [
            # The yearly figures filter on these two dates (stats selectors).
            models.Index(fields=["received_on"], name="complaint_received_idx"),
            models.Index(fields=["closed_on"], name="complaint_closed_idx"),
            models.Index(fields=["responsible", "state"], name="complaint_queue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("received_on")),
                name="complaint_closed_after_received",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[s.value for s in FINAL_STATES])
                | Q(closed_on__isnull=False, track__gt=""),
                name="complaint_final_has_date_and_track",
            ),
            models.CheckConstraint(
                condition=Q(state__in=[s.value for s in FINAL_STATES]) | Q(closed_on__isnull=True),
                name="complaint_open_has_no_closing_date",
            ),
            models.UniqueConstraint(
                fields=["submission_key"], condition=~Q(submission_key=""), name="complaint_submitted_once"
            ),
        ]

    def __str__(self):
        # Never the CPR number: __str__ ends up in titles, logs and admin lists.
        return self.case_number

    @property
    def is_final(self) -> bool:
        return self.state in FINAL_STATES

    @property
    def masked_cpr(self) -> str:
        return mask_cpr(self.person_cpr)

    @property
    def days_open(self) -> int:
        """Days from received to closed, or to today while open."""
        return ((self.closed_on or timezone.localdate()) - self.received_on).days

    @cached_property
    def first_name_of_responsible(self) -> str:
        return self.responsible.first_name if self.responsible else ""

    def clean(self):
        errors = {}
        if self.person_cpr:
            try:
                self.person_cpr = normalise_cpr(self.person_cpr)
            except ValidationError as exc:
                errors["person_cpr"] = exc.messages
        if self.unit_id and self.department_id and self.unit.department_id != self.department_id:
            errors["unit"] = [_("The unit does not belong to the chosen department.")]
        if self.closed_on and self.received_on and self.closed_on < self.received_on:
            errors["closed_on"] = [_("The closing date cannot be before the date received.")]
        if errors:
            raise ValidationError(errors)

    def missing_closure_fields(self) -> list[str]:
        """The closure data DOMAIN §3 asks of every case closed after a handling step."""
        missing = [name for name in ("outcome", "solved") if not getattr(self, name)]
        missing += [
            name for name in ("department_admitted_error", "legality_error") if getattr(self, name) is None
        ]
        # Every point the citizen raised gets an answer (DOMAIN §3); that there are points at
        # all is HAS_POINTS's to say.
        if self.kind == Kind.COMPLAINT and self.pk and self.points.filter(assessment="").exists():
            missing.append("points")
        return missing

    # --- transitions: they only set fields; the service saves and logs them -------------

    def _reach(self, step: State) -> None:
        if not self.furthest_step or STEPS.index(step) > STEPS.index(State(self.furthest_step)):
            self.furthest_step = step.value

    def _finish(self, track: Track, closed_on: date | None = None) -> None:
        self.track = track
        self.closed_on = closed_on or timezone.localdate()

    @transition(
        state,
        source=State.RECEIVED,
        target=State.SCREENING,
        permission=can_handle,
        custom={"label": _("Start screening")},
    )
    def start_screening(self):
        pass

    @transition(
        state,
        source=State.SCREENING,
        target=State.ADVISED,
        permission=can_handle,
        custom={"label": _("Close after guidance")},
    )
    def advise(self, closed_on=None):
        self.outcome = self.outcome or Outcome.NOT_ASSESSED
        self._finish(Track.ADVICE, closed_on)

    @transition(
        state,
        source=State.SCREENING,
        target=State.FORWARDED,
        permission=can_handle,
        conditions=[HAS_DEPARTMENT_STRICT],
        custom={"label": _("Forward to the department")},
    )
    def forward(self, closed_on=None):
        self.outcome = self.outcome or Outcome.NOT_ASSESSED
        self._finish(Track.FORWARDED, closed_on)

    @transition(
        state,
        source=State.SCREENING,
        target=State.REJECTED,
        permission=can_handle,
        conditions=[HAS_REJECTION_REASON],
        custom={"label": _("Reject"), "form": "reject"},
    )
    def reject(self, closed_on=None):
        self.outcome = self.outcome or Outcome.NOT_ASSESSED
        self._finish(Track.REJECTED, closed_on)

    @transition(
        state,
        source=State.SCREENING,
        target=State.TELEPHONE,
        permission=can_handle,
        conditions=[HAS_DEPARTMENT],
        custom={"label": _("Solve by telephone")},
    )
    def call(self):
        self._reach(State.TELEPHONE)

    @transition(
        state,
        source=[State.SCREENING, State.TELEPHONE, State.MEDIATION],
        target=State.WRITTEN,
        permission=can_handle,
        conditions=[HAS_DEPARTMENT, MEDIATION_NOT_RUNNING],
        custom={"label": _("Write to the department")},
    )
    def write(self):
        self._reach(State.WRITTEN)

    @transition(
        state,
        source=[State.SCREENING, State.TELEPHONE, State.WRITTEN],
        target=State.MEDIATION,
        permission=can_handle,
        conditions=[HAS_DEPARTMENT, NOT_ABOUT_A_DECISION, BOTH_CONSENTS],
        custom={"label": _("Start mediation")},
    )
    def mediate(self):
        self.mediation_result = ""
        self._reach(State.MEDIATION)

    @transition(
        state,
        source=State.MEDIATION,
        target=State.MEDIATION,
        permission=can_handle,
        conditions=[MEDIATION_RUNNING],
        custom={"label": _("Record the result of the mediation"), "form": "mediation_result"},
    )
    def end_mediation(self, result=""):
        if result not in MediationResult.values:
            raise ValidationError(_("Choose the result of the mediation."))
        self.mediation_result = result

    @transition(
        state,
        source=[State.SCREENING, State.TELEPHONE, State.WRITTEN, State.MEDIATION],
        target=State.SUPERVISION,
        permission=can_handle,
        conditions=[HAS_DEPARTMENT, MEDIATION_NOT_RUNNING],
        custom={"label": _("Open a supervision"), "via": "supervision"},
    )
    def escalate_to_supervision(self):
        # Only the supervision service calls this (it creates the supervision case).
        self._reach(State.SUPERVISION)

    @transition(
        state,
        source=State.SUPERVISION,
        target=State.WRITTEN,
        permission=can_handle,
        custom={"label": _("Resume after the supervision"), "via": "supervision"},
    )
    def resume_after_supervision(self):
        pass

    @transition(
        state,
        source=list(STEPS),
        target=State.CLOSED,
        permission=can_handle,
        conditions=[MEDIATION_ENDED, HAS_POINTS, CLOSURE_COMPLETE],
        custom={"label": _("Close the case"), "form": "close"},
    )
    def close(self, closed_on=None):
        self._finish(Track(self.furthest_step), closed_on)

    @transition(
        state,
        source=list(FINAL_STATES),
        target=State.SCREENING,
        permission=can_handle,
        custom={"label": _("Reopen"), "form": "reopen"},
    )
    def reopen(self):
        self.closed_on = None
        self.track = ""


class ComplaintPoint(models.Model):
    """One point (klagepunkt) of a complaint; each gets its own assessment at closure."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="points")
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+", verbose_name=_("theme"))
    description = models.TextField(_("description"), blank=True)
    assessment = models.CharField(_("assessment"), max_length=16, choices=Assessment.choices, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("complaint point")
        verbose_name_plural = _("complaint points")

    def __str__(self):
        return str(self.theme)


class CaseEvent(TimelineEvent):
    """The timeline of a complaint: every transition, and what else happened to the case."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    # Internal note: never shown on the citizen's status page.
    note = models.TextField(blank=True)

    case_model = Complaint

    class Meta(TimelineEvent.Meta):
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")

    def __str__(self):
        return f"{self.complaint} {self.action}"


class CaseAction(models.TextChoices):
    """What happens to a complaint besides the moves of its state (the transitions' own names are
    the other actions of its timeline, labelled by the transitions)."""

    CREATED = "created", _("Registered")
    IMPORTED = "imported", _("Imported")
    UPDATED = "updated", _("Case data edited")
    POINT_ADDED = "point_added", _("Complaint point added")
    INQUIRY_SENT = "inquiry_sent", _("Written inquiry sent")
    REMINDER_SENT = "reminder_sent", _("Reminder sent")
    REMINDER_CORRECTED = "reminder_corrected", _("Reminder's date corrected")
    REPLY_RECEIVED = "reply_received", _("Reply received from the department")
    CONSENT_CITIZEN = "consent_citizen", _("The citizen consented to mediation")
    CONSENT_DEPARTMENT = "consent_department", _("The department consented to mediation")
    MEDIATION_ROUND = "mediation_round", _("Shuttle contact logged")
    TAKEN = "taken", _("Taken by a caseworker")
    MESSAGE_RECEIVED = "message_received", _("Message from the citizen through the status link")
    CONTACT_ADDED = "contact_added", _("The citizen gave an e-mail address for the status link")
    LETTER_SENT = "letter_sent", _("Letter sent")
    INCOMING_REGISTERED = "incoming_registered", _("Incoming mail registered")
    REASSIGNED = "reassigned", _("Caseworker changed")
    ATTACHMENT_ADDED = "attachment_added", _("File attached")
    SURVEY_ANSWERED = "survey_answered", _("The complainant answered the survey")
    NOTIFICATION_FAILED = "notification_failed", _("The e-mail to the complainant could not be sent")
    SURVEY_CLOSED = "survey_closed", _("The satisfaction survey closed without an answer")


CaseEvent.labels = dict(CaseAction.choices)


class WrittenInquiry(DeadlineLetter):
    """A letter to the department with a reply deadline (skriftlig forelæggelse)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="inquiries")
    case_field = "complaint"

    class Meta(DeadlineLetter.Meta):
        verbose_name = _("written inquiry")
        verbose_name_plural = _("written inquiries")

    def __str__(self):
        return f"{self.complaint} {self.sent_on}"


class Reminder(DeadlineReminder):
    """A reminder (rykker) about an unanswered written inquiry."""

    inquiry = models.ForeignKey(WrittenInquiry, on_delete=models.CASCADE, related_name="reminders")

    class Meta(DeadlineReminder.Meta):
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")

    def __str__(self):
        return f"{self.inquiry} {self.sent_on}"

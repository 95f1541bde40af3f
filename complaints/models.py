"""Complaints and other inquiries (henvendelser), and consultations (DOMAIN §3).

The workflow lives on the model as django-fsm transitions that only set fields; the one entry
point that runs them (locking, permission, timeline, e-mail) is
``complaints.services.complaint_transition``.
"""

import re
import secrets
import uuid
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
from core.uploads import private_storage
from core.workdays import WorkingCalendar, add_working_days
from core.workflow import Guard

from . import permissions

CPR_RE = re.compile(r"^(\d{2})(\d{2})(\d{2})-?(\d{4})$")


def normalise_cpr(value: str) -> str:
    """``DDMMYYXXXX`` or ``DDMMYY-XXXX`` → ``DDMMYY-XXXX``; raises ValidationError otherwise."""
    match = CPR_RE.match((value or "").strip())
    if not match:
        raise ValidationError(_("Enter the CPR number as DDMMYY-XXXX."), code="cpr_format")
    day, month, year, serial = match.groups()
    try:
        date(2000 + int(year), int(month), int(day))
    except ValueError:
        raise ValidationError(
            _("The CPR number does not start with a valid date."), code="cpr_date"
        ) from None
    return f"{day}{month}{year}-{serial}"


def mask_cpr(value: str) -> str:
    """``DDMMYY-XXXX`` → ``DDMMYY-****``: the form shown everywhere but the case page."""
    return f"{value[:6]}-****" if value else ""


# Københavns Kommune's reply guarantee: a written answer within 10 working days of receipt,
# to what came in writing (a call or a visit is answered there and then; DOMAIN §9 counts the
# written channels).
REPLY_GUARANTEE_WORKING_DAYS = 10
WRITTEN_CHANNELS = ("digital_form", "email", "letter")


def reply_due(received_on: date, channel: str, calendar: WorkingCalendar | None = None) -> date | None:
    """The day the reply guarantee runs out for a case received on ``received_on`` through
    ``channel``; None where it does not apply."""
    if channel not in WRITTEN_CHANNELS or received_on is None:
        return None
    return add_working_days(received_on, REPLY_GUARANTEE_WORKING_DAYS, calendar)


# How long the citizen is given to send what a request for information asks for: the letter
# says the day, the status page waits for it.
INFORMATION_REPLY_WORKING_DAYS = 10


def information_reply_by(sent_on: date) -> date:
    return add_working_days(sent_on, INFORMATION_REPLY_WORKING_DAYS)


def new_public_token() -> str:
    return secrets.token_urlsafe(32)  # 256 bits; DOMAIN §3 asks for ≥ 128


class Theme(models.Model):
    """A complaint theme (klagetema). Admin-managed; codes are stable (imports use them)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=200)
    active = models.BooleanField(_("active"), default=True)
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "label"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.label


class Consequence(models.Model):
    """A consequence for the citizen or the municipality, recorded at closure. Admin-managed."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    label = models.CharField(_("label"), max_length=200)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["label"]
        verbose_name = _("consequence")
        verbose_name_plural = _("consequences")

    def __str__(self):
        return self.label


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    INQUIRY = "inquiry", _("Other inquiry")


class Requester(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    COMPANY = "company", _("Company")
    REPRESENTATIVE = "representative", _("Representative")


class Channel(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    DIGITAL_FORM = "digital_form", _("Digital complaint form")
    LETTER = "letter", _("Letter")
    IN_PERSON = "in_person", _("In person")


class State(models.TextChoices):
    RECEIVED = "received", _("Received")
    SCREENING = "screening", _("Screening")
    ADVISED = "advised", _("Advised")
    FORWARDED = "forwarded", _("Forwarded")
    REJECTED = "rejected", _("Rejected")
    TELEPHONE = "telephone", _("Telephone dialogue")
    WRITTEN = "written", _("Written inquiry")
    MEDIATION = "mediation", _("Mediation")
    SUPERVISION = "supervision", _("Supervision")
    CLOSED = "closed", _("Closed")


FINAL_STATES = (State.ADVISED, State.FORWARDED, State.REJECTED, State.CLOSED)
OPEN_STATES = tuple(s for s in State if s not in FINAL_STATES)
# The handling steps, in the order that decides the track of a closed case (DOMAIN §3).
STEPS = (State.TELEPHONE, State.WRITTEN, State.MEDIATION, State.SUPERVISION)


class Track(models.TextChoices):
    ADVICE = "advice", _("Advice")
    FORWARDED = "forwarded", _("Forwarded")
    REJECTED = "rejected", _("Rejected")
    TELEPHONE = "telephone", _("Telephone")
    WRITTEN = "written", _("Written inquiry")
    MEDIATION = "mediation", _("Mediation")
    SUPERVISION = "supervision", _("Supervision")


class Outcome(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY_UPHELD = "partly_upheld", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


class Solved(models.TextChoices):
    SOLVED = "solved", _("Solved")
    PARTLY_SOLVED = "partly_solved", _("Partly solved")
    NOT_SOLVED = "not_solved", _("Not solved")


class Assessment(models.TextChoices):
    UPHELD = "upheld", _("Upheld")
    PARTLY = "partly", _("Partly upheld")
    NOT_UPHELD = "not_upheld", _("Not upheld")
    NOT_ASSESSED = "not_assessed", _("Not assessed")


class RejectionReason(models.TextChoices):
    OUTSIDE_COMPETENCE = "outside_competence", _("Outside the Borgerrådgiver's competence")
    PENDING_ELSEWHERE = "pending_elsewhere", _("Pending with another authority")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    INSUFFICIENT = "insufficient", _("Insufficient information")


class DiscriminationGround(models.TextChoices):
    DISABILITY = "disability", _("Disability")
    ORIGIN = "origin", _("National, social or ethnic origin")
    GENDER = "gender", _("Gender")
    SEXUAL_ORIENTATION = "sexual_orientation", _("Sexual orientation")
    AGE = "age", _("Age")
    RELIGION_BELIEF = "religion_belief", _("Religion or belief")
    POLITICAL_OPINION = "political_opinion", _("Political opinion")
    OTHER = "other", _("Other/not stated")


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", _("Satisfied")
    NEUTRAL = "neutral", _("Neither satisfied nor dissatisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")


class MediationResult(models.TextChoices):
    AGREEMENT = "agreement", _("Agreement")
    NO_AGREEMENT = "no_agreement", _("No agreement")


HAS_DEPARTMENT = Guard(
    lambda c: c.department_id is not None or c.kind == Kind.INQUIRY,
    _("Choose the department the complaint concerns first."),
)
HAS_DEPARTMENT_STRICT = Guard(
    lambda c: c.department_id is not None, _("Choose the department the case is forwarded to first.")
)
BOTH_CONSENTS = Guard(
    lambda c: c.citizen_consent_on is not None and c.department_consent_on is not None,
    _("Mediation needs the recorded consent of both the citizen and the department."),
)
NOT_ABOUT_A_DECISION = Guard(
    lambda c: not c.concerns_decision,
    _("Mediation is not possible when the complaint concerns the content of a decision."),
)
MEDIATION_NOT_RUNNING = Guard(
    lambda c: c.state != State.MEDIATION or c.mediation_result == MediationResult.NO_AGREEMENT,
    _("Not possible while the mediation runs: record that it ended without agreement first."),
)
MEDIATION_ENDED = Guard(
    lambda c: c.state != State.MEDIATION or bool(c.mediation_result),
    _("Record the result of the mediation before closing."),
)
MEDIATION_RUNNING = Guard(
    lambda c: not c.mediation_result, _("The result of this mediation is already recorded.")
)
CLOSURE_FIELD_LABELS = {
    "outcome": _("the outcome"),
    "solved": _("whether the problem was solved"),
    "department_admitted_error": _("whether the department admitted an error"),
    "legality_error": _("whether the error could affect the legality of a decision"),
    "points": _("an assessment of every complaint point"),
}
CLOSURE_COMPLETE = Guard(
    lambda c: not c.missing_closure_fields(),
    lambda c: (
        _("Before the case is closed, choose %(missing)s.")
        % {"missing": ", ".join(str(CLOSURE_FIELD_LABELS[name]) for name in c.missing_closure_fields())}
    ),
    supplied_by_form=True,
)
# DOMAIN §3: a complaint has one or more points, and every point gets an answer. Without any,
# the closing form has nothing to assess: the page says so (and offers to add one).
HAS_POINTS = Guard(
    lambda c: c.kind != Kind.COMPLAINT or (c.pk is not None and c.points.exists()),
    _("The complaint has no complaint points yet: add at least one under Complaint points before closing."),
)
HAS_REJECTION_REASON = Guard(
    lambda c: bool(c.rejection_reason), _("Choose a reason for the rejection."), supplied_by_form=True
)


def can_handle(instance, user) -> bool:
    return permissions.can_handle_complaints(user)


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


EVENT_LABELS = {
    "created": _("Registered"),
    "imported": _("Imported"),
    "updated": _("Case data edited"),
    "point_added": _("Complaint point added"),
    "inquiry_sent": _("Written inquiry sent"),
    "reminder_sent": _("Reminder sent"),
    "reminder_corrected": _("Reminder's date corrected"),
    "reply_received": _("Reply received from the department"),
    "consent_citizen": _("The citizen consented to mediation"),
    "consent_department": _("The department consented to mediation"),
    "mediation_round": _("Shuttle contact logged"),
    "taken": _("Taken by a caseworker"),
    "message_received": _("Message from the citizen through the status link"),
    "contact_added": _("The citizen gave an e-mail address for the status link"),
    "letter_sent": _("Letter sent"),
    "incoming_registered": _("Incoming mail registered"),
    "reassigned": _("Caseworker changed"),
    "attachment_added": _("File attached"),
    "survey_answered": _("The complainant answered the survey"),
    "notification_failed": _("The e-mail to the complainant could not be sent"),
    "survey_closed": _("The satisfaction survey closed without an answer"),
}
CaseEvent.labels = EVENT_LABELS


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


class MediationParty(models.TextChoices):
    CITIZEN = "citizen", _("Citizen")
    DEPARTMENT = "department", _("Department")


class MediationRound(models.Model):
    """One shuttle contact (pendulmægling) with either side, on any open case — during a formal
    mediation or in the everyday telephone and written work (DOMAIN §7, terms)."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="mediation_rounds")
    party = models.CharField(_("party"), max_length=16, choices=MediationParty.choices)
    held_on = models.DateField(_("date"), default=timezone.localdate)
    summary = models.TextField(_("summary"))

    class Meta:
        ordering = ["held_on", "id"]
        verbose_name = _("mediation round")
        verbose_name_plural = _("mediation rounds")

    def __str__(self):
        return f"{self.complaint} {self.held_on} {self.party}"


def attachment_path(instance, filename):
    # A random name: the original file name (which may hold a person's name) is kept only in
    # the database, never in the file system.
    return f"complaints/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(storage=private_storage, upload_to=attachment_path)
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class IncomingChannel(models.TextChoices):
    STATUS_PAGE = "status_page", _("Through the status link")
    EMAIL = "email", _("E-mail")
    LETTER = "letter", _("Letter")
    DIGITAL_POST = "digital_post", _("Digital Post")


class Incoming(models.Model):
    """A message or document received on a case (indgående post): sent by the citizen through
    the status link, or an e-mail or letter the jurist registers. Its file is an ``Attachment``
    of the case. ``seen_at`` is set when the responsible caseworker opens the case."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="incoming")
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    channel = models.CharField(_("channel"), max_length=16, choices=IncomingChannel.choices)
    sender = models.CharField(_("sender"), max_length=200)
    text = models.TextField(_("message"), blank=True)
    attachment = models.OneToOneField(
        Attachment, on_delete=models.SET_NULL, null=True, blank=True, related_name="incoming"
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    seen_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("incoming message or document")
        verbose_name_plural = _("incoming messages and documents")

    def __str__(self):
        return f"{self.complaint} {self.received_at:%Y-%m-%d}"


class ConsultationKind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultation")
    TEACHING = "teaching", _("Teaching")


class ConsultationChannel(models.TextChoices):
    LINE = "line", _("The Borgerrådgiver line")
    PHONE = "phone", _("Phone")
    WRITTEN = "written", _("Written")
    MEETING = "meeting", _("Meeting")


class ConsultationState(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Consultation(FSMModelMixin, FollowUp, models.Model):
    """Advice to municipal staff (konsultativ bistand) or teaching; not a complaint."""

    case_number = models.CharField(_("case number"), max_length=12, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=16, choices=ConsultationKind.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department"),
    )
    channel = models.CharField(_("channel"), max_length=16, choices=ConsultationChannel.choices)
    topic = models.CharField(_("topic"), max_length=300)
    participants = models.PositiveIntegerField(_("participants"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    received_on = models.DateField(_("received"), default=timezone.localdate)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    state = FSMField(
        _("state"), default=ConsultationState.OPEN, choices=ConsultationState.choices, protected=True
    )
    # Created by an import and touched by nobody since: only then may a later import change it
    # (consultations keep no timeline that could tell). Cleared by every write of a person.
    untouched_import = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("consultation or teaching")
        verbose_name_plural = _("consultations and teaching")
        indexes = [
            models.Index(fields=["received_on"], name="consultation_received_idx"),
            models.Index(fields=["closed_on"], name="consultation_closed_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("received_on")),
                name="consultation_closed_after_received",
            ),
            models.CheckConstraint(
                condition=Q(state=ConsultationState.OPEN, closed_on__isnull=True)
                | Q(state=ConsultationState.CLOSED, closed_on__isnull=False),
                name="consultation_closed_has_date",
            ),
        ]

    def __str__(self):
        return self.case_number

    @transition(
        state,
        source=ConsultationState.OPEN,
        target=ConsultationState.CLOSED,
        permission=can_handle,
        custom={"label": _("Close")},
    )
    def close(self, closed_on=None):
        self.closed_on = closed_on or timezone.localdate()

    @transition(
        state,
        source=ConsultationState.CLOSED,
        target=ConsultationState.OPEN,
        permission=can_handle,
        custom={"label": _("Reopen")},
    )
    def reopen(self):
        self.closed_on = None


class LetterTemplate(models.Model):
    """An editable letter (the secretariat keeps the wording in the admin).

    Placeholders use ``$name`` (``string.Template``); the available names are listed in
    ``complaints.letters.PLACEHOLDERS``. There is deliberately no placeholder for the CPR
    number: it can never reach a letter or its title.
    """

    class Code(models.TextChoices):
        ACKNOWLEDGEMENT = "acknowledgement", _("Acknowledgement to the complainant")
        INFORMATION_REQUEST = "information_request", _("Request for information to the citizen")
        CLOSING = "closing", _("Closing letter to the citizen")
        STATEMENT = "statement", _("Statement (udtalelse) to the citizen")
        REJECTION = "rejection", _("Rejection with the reason and guidance")
        FORWARDING_CITIZEN = "forwarding_citizen", _("Forwarding: letter to the citizen")
        FORWARDING_DEPARTMENT = "forwarding_department", _("Forwarding: letter to the department")
        WRITTEN_INQUIRY = "written_inquiry", _("Written inquiry to the department")
        HEARING = "hearing", _("Hearing letter in a supervision")

    # Who each letter goes to; the hearing letter belongs to supervisions.
    TO_CITIZEN = (
        Code.ACKNOWLEDGEMENT,
        Code.INFORMATION_REQUEST,
        Code.CLOSING,
        Code.STATEMENT,
        Code.REJECTION,
        Code.FORWARDING_CITIZEN,
    )
    TO_DEPARTMENT = (Code.FORWARDING_DEPARTMENT, Code.WRITTEN_INQUIRY)

    code = models.CharField(_("letter"), max_length=32, choices=Code.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Blank lines separate paragraphs. Complaint letters: $case_number, $received_on, $today, "
            "$person_name, $department, $jurist_name, $reply_due, $summary, $outcome, $rejection_reason, "
            "$free_text (what the jurist writes when sending). Hearing letters: $case_number, "
            "$subject, $department, $questions, $deadline, $today, $jurist_name."
        ),
    )

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")

    def __str__(self):
        return self.get_code_display()


class LetterRecipient(models.TextChoices):
    CITIZEN = "citizen", _("The citizen")
    DEPARTMENT = "department", _("The department")


def letter_path(instance, filename):
    return f"letters/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class OutgoingLetter(models.Model):
    """A letter sent on a case, as it was sent: the text and the PDF are kept (the template may
    change afterwards), on the timeline; the citizen's letters are on the status page, and an
    e-mail (without the letter's text) tells the citizen where there is an address."""

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="letters")
    code = models.CharField(_("letter"), max_length=32, choices=LetterTemplate.Code.choices)
    recipient = models.CharField(_("to"), max_length=16, choices=LetterRecipient.choices)
    title = models.CharField(_("title"), max_length=300)
    body = models.TextField(_("text"))
    pdf = models.FileField(storage=private_storage, upload_to=letter_path)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    emailed = models.BooleanField(_("the citizen was told by e-mail"), default=False)

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("letter sent")
        verbose_name_plural = _("letters sent")

    def __str__(self):
        return f"{self.complaint} {self.code}"

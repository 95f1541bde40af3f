"""The complaints' codes and rules that the models share: CPR numbers, the reply guarantee, the
status link's token, themes and consequences, the kinds, channels, states, tracks and outcomes,
and the guards of the workflow's moves."""

import re
import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.workdays import WorkingCalendar, add_working_days
from core.workflow import Guard

from .. import permissions

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

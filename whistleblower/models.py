"""The whistleblower scheme (DOMAIN §5) — segregated: nothing here is visible outside the unit.

This module holds the report's metadata that the yearly statistics count by calendar year
(dates, channel, matter themes, scope decision). The report content, encrypted at rest, and
the unit's workflow arrive with the whistleblower issue; the retention purge keeps exactly
these fields.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin

from core.models import NumberCounter


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


class Report(FSMModelMixin, models.Model):
    """A whistleblower report (indberetning)."""

    reference = models.CharField(_("reference"), max_length=12, unique=True, editable=False)
    received_on = models.DateField(_("received"), default=timezone.localdate, db_index=True)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices)
    state = FSMField(_("state"), default=State.RECEIVED, choices=State.choices, protected=True)
    scope = models.CharField(_("scope decision"), max_length=16, choices=Scope.choices, blank=True)
    rejection_reason = models.CharField(
        _("reason for rejection"), max_length=24, choices=RejectionReason.choices, blank=True
    )
    closed_on = models.DateField(_("closed"), null=True, blank=True)

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

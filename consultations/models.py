"""The consultation or teaching case (DOMAIN §3). The workflow lives on the model as django-fsm
transitions that only set fields; ``consultations.services.consultation_transition`` runs them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from core.models import Department, FollowUp

from .permissions import can_handle


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
    # Every write moves it, an import's too (core.importing): consultations keep no timeline, so
    # this is how the retention schedule sees a change made after the archive package was written.
    updated_at = models.DateTimeField(auto_now=True)

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

"""The retention schedule (DOMAIN §9): how long each kind of case is kept after it closed, the
cases kept longer (with a reason), the archive packages written before anything is deleted, and
the deletion log — case numbers, dates and counts only."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CaseKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaints and inquiries")
    CONSULTATION = "consultation", _("Consultations and teaching")
    SUPERVISION = "supervision", _("Supervisions")


DEFAULT_YEARS = {CaseKind.COMPLAINT: 5, CaseKind.CONSULTATION: 5, CaseKind.SUPERVISION: 10}


class RetentionPeriod(models.Model):
    """How many years after closing a kind of case is kept (the secretariat edits them)."""

    kind = models.CharField(_("kind of case"), max_length=20, choices=CaseKind.choices, unique=True)
    years = models.PositiveSmallIntegerField(_("years after closing"))
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = _("retention period")
        constraints = [
            models.CheckConstraint(condition=models.Q(years__gte=1), name="retention_years_at_least_one")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.years}"


class Hold(models.Model):
    """A case not to be deleted when its period runs out: kept for good ("bevares"), or
    postponed to a day — each with the reason and who decided."""

    class Kind(models.TextChoices):
        KEEP = "keep", _("Kept")
        POSTPONE = "postpone", _("Postponed")

    case_kind = models.CharField(max_length=20, choices=CaseKind.choices)
    case_id = models.PositiveBigIntegerField()
    case_number = models.CharField(_("case number"), max_length=20)
    kind = models.CharField(_("decision"), max_length=10, choices=Kind.choices)
    until = models.DateField(_("postponed until"), null=True, blank=True)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("retention decision")
        constraints = [
            models.UniqueConstraint(fields=["case_kind", "case_id"], name="one_hold_per_case"),
            models.CheckConstraint(
                condition=models.Q(kind="keep", until__isnull=True)
                | models.Q(kind="postpone", until__isnull=False),
                name="hold_postpone_has_a_day",
            ),
        ]

    def __str__(self):
        return self.case_number


class ArchivePackage(models.Model):
    """One batch of due cases, archived together: a zip in the private storage (under
    ``archive/``) for the municipality's archive to collect. Written before any of its cases
    loses a byte; its cases are then deleted one by one (``Deletion``)."""

    class State(models.TextChoices):
        CHOSEN = "chosen", _("Cases chosen")
        WRITTEN = "written", _("Archived")
        DONE = "done", _("Archived and deleted")

    created_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=10, choices=State.choices, default=State.CHOSEN)
    cases = models.JSONField(default=list)  # [[case_kind, case_id], …] — ids only
    file = models.CharField(max_length=200, blank=True)  # the storage's name for the zip
    sha256 = models.CharField(max_length=64, blank=True)
    written_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # The archive has collected it: the zip leaves the private storage (the only copy of the
    # personal data is then the archive's).
    collected_at = models.DateTimeField(null=True, blank=True)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("archive package")
        ordering = ["pk"]

    def __str__(self):
        return f"arkivpakke-{self.pk:06d}"


class Deletion(models.Model):
    """The deletion log: one row per case whose personal data were deleted — its kind, number,
    the day it closed, the package it was archived in, and when. Nothing else."""

    case_kind = models.CharField(max_length=20, choices=CaseKind.choices)
    case_id = models.PositiveBigIntegerField()
    case_number = models.CharField(_("case number"), max_length=20)
    closed_on = models.DateField(_("closed"))
    package = models.ForeignKey(ArchivePackage, on_delete=models.PROTECT, related_name="deletions")
    files = models.PositiveIntegerField(_("files deleted"), default=0)
    deleted_at = models.DateTimeField(_("deleted"), default=timezone.now)

    class Meta:
        verbose_name = _("deletion")
        ordering = ["-deleted_at", "case_number"]
        constraints = [models.UniqueConstraint(fields=["case_kind", "case_id"], name="one_deletion_per_case")]

    def __str__(self):
        return self.case_number

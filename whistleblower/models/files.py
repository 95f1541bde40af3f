"""A report's files (encrypted, cleaned by the worker) and the unit's enrolment codes."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ops.uploads import private_storage

from ..crypto import EncryptedTextField
from .records import Sender
from .report import Report


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

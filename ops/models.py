"""The platform's records: the outbox, the periodic jobs, the private files waiting to be
deleted."""

import uuid

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutboxMessage(models.Model):
    """An e-mail waiting to go out, written in the same transaction as the action that causes it
    (ops.outbox). A worker delivers it with retries and backoff; the id is the message's
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
    """The state of one periodic job (ops.jobs): the last slot enqueued — claimed by a
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
    and the periodic sweep tries again until it is gone (ops.uploads). Names are the storage's
    own random names: nothing personal."""

    name = models.CharField(max_length=300, unique=True)
    requested_at = models.DateTimeField(default=timezone.now)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=100, blank=True)

    def __str__(self):
        return self.name

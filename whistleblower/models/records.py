"""What is kept about a report: the reporter's identity and third persons (apart, encrypted), the
messages, the timeline, the access log, and the matters with their themes."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.models import TimelineEvent

from ..crypto import EncryptedTextField
from .report import Report, State, Theme


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
                str(ReportAction.MESSAGE.label) % {"kind": str(MessageKind(kind).label).lower()}
                if kind in MessageKind.values
                else self.action
            )
        return super().action_label

    @property
    def state_label(self) -> str:
        return str(State(self.to_state).label) if self.to_state in State.values else ""


class ReportAction(models.TextChoices):
    """What happens to a report besides the moves of its state (the transitions' own names are the
    other actions of its timeline); ``message`` is written ``message_<kind>``."""

    RECEIVED = "received", _("Report received")
    IMPORTED = "imported", _("Imported (metadata only)")
    REPORTER_MESSAGE = "reporter_message", _("The reporter wrote")
    MESSAGE = "message", _("Message to the reporter: %(kind)s")
    FILE_ADDED = "file_added", _("File added")
    NOTES_UPDATED = "notes_updated", _("Investigation notes saved")
    RECORD_APPROVED = "record_approved", _("The reporter approved the record")
    IDENTITY_DISCLOSED = "identity_disclosed", _("Identity disclosed")
    CONTENT_PURGED = "content_purged", _("Content deleted after the retention period")
    SUBJECT_SET = "subject_set", _("Subject written")
    SUMMARY_UPDATED = "summary_updated", _("Summary for the annual account saved")


ReportEvent.labels = dict(ReportAction.choices)


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

"""A case's correspondence: the shuttle mediation's rounds, attachments, what comes in from the
citizen or by post, the letter templates and the letters as sent."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ops.uploads import private_storage

from .complaint import Complaint


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

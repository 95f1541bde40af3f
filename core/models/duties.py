"""Duties the law puts on every case: disqualification (forvaltningsloven § 3) and requests for
access to documents, with their documents and letters."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from ops.uploads import private_storage

from .cases import exactly_one_case


class CaseLink(models.Model):
    """Belongs to exactly one case: a complaint, a consultation or a supervision (the field is
    named after the case's model, as on ``CaseNote``). ``case`` is that case."""

    CASE_FIELDS = ("complaint", "consultation", "supervision")

    class Meta:
        abstract = True

    @property
    def case(self):
        return next(getattr(self, name) for name in self.CASE_FIELDS if getattr(self, f"{name}_id"))

    @property
    def case_kind(self) -> str:
        return next(name for name in self.CASE_FIELDS if getattr(self, f"{name}_id"))

    @classmethod
    def for_case(cls, instance) -> dict:
        """The filter (or the constructor's keyword) for ``instance``'s rows."""
        return {instance._meta.model_name: instance}


class Disqualification(CaseLink):
    """A person disqualified on a case (inhabilitet, forvaltningsloven § 3): declared by
    themselves or recorded by the head, with the reason. From then on the person cannot be the
    caseworker, cannot move the case (nor conclude a supervision), and sees only the case's
    number and the fact of the disqualification (``core.disqualification``)."""

    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="disqualifications",
    )
    consultation = models.ForeignKey(
        "consultations.Consultation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="disqualifications",
    )
    supervision = models.ForeignKey(
        "supervision.Supervision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="disqualifications",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("person")
    )
    reason = models.TextField(_("reason"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["recorded_at", "id"]
        verbose_name = _("disqualification")
        verbose_name_plural = _("disqualifications")
        constraints = [
            exactly_one_case("disqualification_exactly_one_case"),
            models.UniqueConstraint(
                fields=["complaint", "person"], name="disqualification_once_per_complaint"
            ),
            models.UniqueConstraint(
                fields=["consultation", "person"], name="disqualification_once_per_consultation"
            ),
            models.UniqueConstraint(
                fields=["supervision", "person"], name="disqualification_once_per_supervision"
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.person_id}"


class AccessRequest(FSMModelMixin, CaseLink):
    """A request for access to the documents of a case (aktindsigt, DOMAIN §9): who asked, on
    which legal basis, by when it must be decided; then a decision per document, the letter of
    decision with the appeal guidance and the documents handed out — or a deadline letter when
    the decision cannot be made in time (``core.access``)."""

    class Requester(models.TextChoices):
        PARTY = "party", _("The party")
        REPRESENTATIVE = "representative", _("A party's representative")
        THIRD_PARTY = "third_party", _("A third party (e.g. a journalist)")

    class Basis(models.TextChoices):
        OFFENTLIGHEDSLOVEN = "offentlighedsloven", _("The Access to Public Administration Files Act")
        FORVALTNINGSLOVEN = "forvaltningsloven", _("The Public Administration Act (as a party)")
        GDPR_ART15 = "gdpr_art15", _("The right of access to one's own data (GDPR art. 15)")

    class State(models.TextChoices):
        RECEIVED = "received", _("Awaiting decision")
        DECIDED = "decided", _("Decided")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Decision(models.TextChoices):
        FULL = "full", _("Full access")
        PARTIAL = "partial", _("Partial access")
        REFUSED = "refused", _("Refused")

    complaint = models.ForeignKey(
        "complaints.Complaint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_requests",
    )
    consultation = models.ForeignKey(
        "consultations.Consultation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_requests",
    )
    supervision = models.ForeignKey(
        "supervision.Supervision",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="access_requests",
    )
    requester = models.CharField(_("who asks"), max_length=16, choices=Requester.choices)
    requester_name = models.CharField(_("name of the requester"), max_length=200)
    requester_address = models.CharField(_("address of the requester"), max_length=300, blank=True)
    received_on = models.DateField(_("received"), default=timezone.localdate)
    basis = models.CharField(_("legal basis"), max_length=20, choices=Basis.choices)
    due_on = models.DateField(_("deadline"), editable=False)
    state = FSMField(_("state"), default=State.RECEIVED, choices=State.choices, protected=True)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices, blank=True)
    decided_on = models.DateField(_("decided"), null=True, blank=True)
    # The deadline letter (fristbrev): why the deadline cannot be met, and when to expect a
    # decision.
    delay_reason = models.TextField(_("why the deadline cannot be met"), blank=True)
    expected_on = models.DateField(_("decision expected"), null=True, blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("registered by")
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["received_on", "id"]
        verbose_name = _("request for access to documents")
        verbose_name_plural = _("requests for access to documents")
        indexes = [models.Index(fields=["state", "due_on"], name="access_request_open_idx")]
        constraints = [
            exactly_one_case("access_request_exactly_one_case"),
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("received_on")),
                name="access_request_due_after_received",
            ),
            models.CheckConstraint(
                condition=~models.Q(state="decided") | models.Q(decision__gt="", decided_on__isnull=False),
                name="access_request_decided_has_decision",
            ),
        ]

    def __str__(self):
        return f"{self.case} {self.received_on:%Y-%m-%d}"

    @property
    def is_open(self) -> bool:
        return self.state == self.State.RECEIVED

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    @property
    def deadline_letter_due(self) -> bool:
        """The deadline has passed undecided and the requester has not been told why."""
        return self.is_overdue and self.expected_on is None

    @transition(state, source=State.RECEIVED, target=State.DECIDED, custom={"label": _("Decide")})
    def decide(self, decision: str, on):
        self.decision = decision
        self.decided_on = on

    @transition(state, source=State.RECEIVED, target=State.WITHDRAWN, custom={"label": _("Withdrawn")})
    def withdraw(self):
        pass


class AccessDocument(models.Model):
    """One document of the case as it stood when the request was decided, with the decision on
    it: handed out in full, in part (the passages withheld, and the section of the act), or
    refused (the section). ``key`` names the document on its case (``letter:12``)."""

    class Decision(models.TextChoices):
        FULL = "full", _("Handed out")
        PARTIAL = "partial", _("Handed out with passages withheld")
        REFUSED = "refused", _("Withheld")

    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="documents")
    key = models.CharField(max_length=40)
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("document"), max_length=300)
    dated = models.DateField(_("date"), null=True, blank=True)
    internal = models.BooleanField(_("internal working document"), default=False)
    decision = models.CharField(_("decision"), max_length=8, choices=Decision.choices)
    withheld = models.TextField(_("passages withheld"), blank=True)
    section = models.CharField(_("section of the act"), max_length=200, blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("document decided on")
        verbose_name_plural = _("documents decided on")
        constraints = [
            models.UniqueConstraint(fields=["request", "key"], name="access_document_once_per_request"),
            models.CheckConstraint(
                condition=models.Q(decision="full") | models.Q(section__gt=""),
                name="access_document_withheld_has_section",
            ),
        ]

    def __str__(self):
        return self.title


def access_letter_path(instance, filename):
    return f"access/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.pdf"


class AccessLetter(models.Model):
    """A document sent to the requester, kept as it was sent: the deadline letter, the letter
    of decision, and the documents handed out."""

    class Kind(models.TextChoices):
        DEADLINE = "deadline", _("Deadline letter")
        DECISION = "decision", _("Letter of decision")
        HANDOUT = "handout", _("The documents handed out")

    request = models.ForeignKey(AccessRequest, on_delete=models.CASCADE, related_name="letters")
    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    pdf = models.FileField(storage=private_storage, upload_to=access_letter_path)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["sent_at", "id"]
        verbose_name = _("letter on a request for access")
        verbose_name_plural = _("letters on requests for access")

    def __str__(self):
        return self.title

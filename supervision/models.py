"""Supervisions (tilsyn), DOMAIN §4: concrete (from a complaint), own-initiative (a case, or a
general investigation after consulting the committee: vedtægt § 13) and inspections.

Transitions only set fields; ``supervision.services.supervision_transition`` runs them.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from complaints.models import Complaint
from core.models import DeadlineLetter, DeadlineReminder, Department, FollowUp, GeneralProblem, TimelineEvent
from core.workflow import Guard

from . import permissions


class Kind(models.TextChoices):
    CONCRETE = "concrete", _("Concrete (from a complaint)")
    OWN_INITIATIVE_CASE = "own_initiative_case", _("Own initiative, a concrete case")
    OWN_INITIATIVE_GENERAL = "own_initiative_general", _("Own initiative, a general investigation")
    INSPECTION = "inspection", _("Inspection")


OWN_INITIATIVE_KINDS = (Kind.OWN_INITIATIVE_CASE, Kind.OWN_INITIATIVE_GENERAL, Kind.INSPECTION)


class State(models.TextChoices):
    OPENED = "opened", _("Opened")
    HEARING = "hearing", _("Hearing")
    DRAFT = "draft", _("Draft")
    CONCLUDED = "concluded", _("Concluded")
    FOLLOW_UP = "follow_up", _("Follow-up")
    CLOSED = "closed", _("Closed")


OPEN_STATES = (State.OPENED, State.HEARING, State.DRAFT, State.CONCLUDED, State.FOLLOW_UP)


class Conclusion(models.TextChoices):
    CRITICISM = "criticism", _("Criticism")
    NO_CRITICISM = "no_criticism", _("No criticism")


def can_work_on(instance, user) -> bool:
    return permissions.can_handle_supervisions(user)


def is_head(instance, user) -> bool:
    return permissions.can_conclude(user)


COMMITTEE_CONSULTED = Guard(
    lambda s: s.kind != Kind.OWN_INITIATIVE_GENERAL or s.committee_consulted_on is not None,
    _(
        "A general investigation may only start after consultation with the committee (vedtægt § 13): "
        "record the date of the consultation first."
    ),
)
HAS_HEARING_ROUND = Guard(
    lambda s: s.pk is not None and s.hearing_rounds.exists(),
    _("Register the questions sent to the department (a hearing round) first."),
)
HAS_CONCLUSION = Guard(
    lambda s: bool(s.conclusion), _("Choose criticism or no criticism."), supplied_by_form=True
)


class Supervision(FSMModelMixin, GeneralProblem, FollowUp, models.Model):
    case_number = models.CharField(_("case number"), max_length=12, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    title = models.CharField(_("subject"), max_length=300)
    departments = models.ManyToManyField(Department, related_name="+", verbose_name=_("departments"))
    source_complaint = models.ForeignKey(
        Complaint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervisions",
        verbose_name=_("source complaint"),
    )
    committee_consulted_on = models.DateField(_("consultation with the committee"), null=True, blank=True)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("responsible"),
    )
    opened_on = models.DateField(_("opened"), default=timezone.localdate)
    concluded_on = models.DateField(_("concluded"), null=True, blank=True)
    closed_on = models.DateField(_("closed"), null=True, blank=True)
    state = FSMField(_("state"), default=State.OPENED, choices=State.choices, protected=True, db_index=True)
    conclusion = models.CharField(_("conclusion"), max_length=16, choices=Conclusion.choices, blank=True)
    assistance_accepted = models.BooleanField(
        _("the department accepted the offer of assistance"), null=True, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    report_example = models.BooleanField(_("candidate example for the yearly report"), default=False)
    # Every write moves it, an import's too (core.importing): the retention schedule sees a change
    # to the supervision's own fields made after its archive package was written.
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("supervision")
        verbose_name_plural = _("supervisions")
        indexes = [
            # The yearly figures count supervisions opened and closed in a period.
            models.Index(fields=["opened_on"], name="supervision_opened_idx"),
            models.Index(fields=["closed_on"], name="supervision_closed_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind=Kind.CONCRETE, source_complaint__isnull=False) | ~Q(kind=Kind.CONCRETE),
                name="supervision_concrete_has_complaint",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=[State.CONCLUDED, State.FOLLOW_UP, State.CLOSED])
                | Q(concluded_on__isnull=False, conclusion__gt=""),
                name="supervision_concluded_has_conclusion",
            ),
            models.CheckConstraint(
                condition=Q(state=State.CLOSED, closed_on__isnull=False)
                | (~Q(state=State.CLOSED) & Q(closed_on__isnull=True)),
                name="supervision_closed_has_date",
            ),
        ]

    def __str__(self):
        return self.case_number

    @property
    def is_own_initiative(self) -> bool:
        return self.kind in OWN_INITIATIVE_KINDS

    @transition(
        state,
        source=State.OPENED,
        target=State.HEARING,
        permission=can_work_on,
        conditions=[COMMITTEE_CONSULTED],
        custom={"label": _("Start the hearing")},
    )
    def start_hearing(self):
        pass

    @transition(
        state,
        source=State.HEARING,
        target=State.DRAFT,
        permission=can_work_on,
        conditions=[HAS_HEARING_ROUND],
        custom={"label": _("Send the draft conclusions for comments")},
    )
    def send_draft(self):
        pass

    @transition(
        state,
        source=State.DRAFT,
        target=State.HEARING,
        permission=can_work_on,
        custom={"label": _("Another hearing round")},
    )
    def reopen_hearing(self):
        pass

    @transition(
        state,
        source=State.DRAFT,
        target=State.CONCLUDED,
        permission=is_head,
        conditions=[HAS_CONCLUSION],
        custom={"label": _("Conclude"), "form": "conclude"},
    )
    def conclude(self, concluded_on=None):
        self.concluded_on = concluded_on or timezone.localdate()

    @transition(
        state,
        source=State.CONCLUDED,
        target=State.FOLLOW_UP,
        permission=can_work_on,
        custom={"label": _("Start the follow-up")},
    )
    def start_follow_up(self):
        pass

    @transition(
        state,
        source=[State.CONCLUDED, State.FOLLOW_UP],
        target=State.CLOSED,
        permission=can_work_on,
        custom={"label": _("Close the supervision")},
    )
    def close(self, closed_on=None):
        self.closed_on = closed_on or timezone.localdate()


class SupervisionEvent(TimelineEvent):
    """The supervision's timeline."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="events")
    from_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=16, choices=State.choices, blank=True)
    note = models.TextField(blank=True)

    case_model = Supervision

    def __str__(self):
        return f"{self.supervision} {self.action}"


class SupervisionAction(models.TextChoices):
    """What happens to a supervision besides the moves of its state (the transitions' own names
    are the other actions of its timeline)."""

    CREATED = "created", _("Opened")
    IMPORTED = "imported", _("Imported")
    UPDATED = "updated", _("Supervision data edited")
    HEARING_SENT = "hearing_sent", _("Hearing round sent")
    HEARING_REMINDER = "hearing_reminder", _("Reminder sent")
    HEARING_REMINDER_CORRECTED = "hearing_reminder_corrected", _("Reminder's date corrected")
    HEARING_ANSWERED = "hearing_answered", _("Answer received from the department")
    RECOMMENDATION_ADDED = "recommendation_added", _("Recommendation or formal request added")
    RECOMMENDATION_FOLLOWED_UP = "recommendation_followed_up", _("Follow-up registered")
    FINDING_SET = "finding_set", _("Finding registered")
    RESULT_ADDED = "result_added", _("Result registered")


SupervisionEvent.labels = dict(SupervisionAction.choices)


class HearingRound(DeadlineLetter):
    """Questions sent to a department with a deadline (høring)."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="hearing_rounds")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    questions = models.TextField(_("questions"))
    case_field = "supervision"

    class Meta(DeadlineLetter.Meta):
        verbose_name = _("hearing round")
        verbose_name_plural = _("hearing rounds")

    def __str__(self):
        return f"{self.supervision} {self.sent_on}"


class HearingReminder(DeadlineReminder):
    hearing_round = models.ForeignKey(HearingRound, on_delete=models.CASCADE, related_name="reminders")

    def __str__(self):
        return f"{self.hearing_round} {self.sent_on}"


class RecommendationKind(models.TextChoices):
    RECOMMENDATION = "recommendation", _("Recommendation")
    FORMAL_REQUEST = "formal_request", _("Formal request")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IMPLEMENTED = "implemented", _("Implemented")
    PARTLY = "partly", _("Partly implemented")
    DECLINED = "declined", _("Declined")


class Recommendation(models.Model):
    """A recommendation (anbefaling) or formal request (henstilling) to one department,
    followed up individually: the Borgerrådgiver cannot impose it, only make it visible."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="recommendations")
    kind = models.CharField(_("kind"), max_length=16, choices=RecommendationKind.choices)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="recommendations", verbose_name=_("department")
    )
    text = models.TextField(_("text"))
    due_on = models.DateField(_("follow-up due"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN, db_index=True
    )
    department_answer = models.TextField(_("the department's answer"), blank=True)
    answered_on = models.DateField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("recommendation or formal request")
        verbose_name_plural = _("recommendations and formal requests")

    def __str__(self):
        return f"{self.supervision} {self.get_kind_display()}"


class FindingValue(models.TextChoices):
    MEETS = "meets", _("Meets")
    PARTLY_MEETS = "partly_meets", _("Partly meets")
    DOES_NOT_MEET = "does_not_meet", _("Does not meet")


class Finding(models.Model):
    """One department's finding where an investigation covers several."""

    supervision = models.ForeignKey(Supervision, on_delete=models.CASCADE, related_name="findings")
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    value = models.CharField(_("finding"), max_length=16, choices=FindingValue.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["department__position"]
        constraints = [
            models.UniqueConstraint(fields=["supervision", "department"], name="finding_one_per_department"),
        ]

    def __str__(self):
        return f"{self.supervision} {self.department.code} {self.value}"


class Result(models.Model):
    """A selected result (udvalgt resultat): a one-line improvement the yearly report lists."""

    supervision = models.ForeignKey(
        Supervision, on_delete=models.SET_NULL, null=True, blank=True, related_name="results"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    text = models.CharField(_("result"), max_length=300)
    case_number = models.CharField(_("case number"), max_length=12)
    report_year = models.PositiveSmallIntegerField(_("report year"), db_index=True)

    class Meta:
        ordering = ["report_year", "department__position", "id"]
        verbose_name = _("result")
        verbose_name_plural = _("results")

    def __str__(self):
        return self.text

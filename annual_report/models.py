"""The yearly report (beretning), DOMAIN §7: one edition per report year.

A published edition is frozen: its PDF is stored and served as it was, whatever happens to
the data afterwards.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, FSMModelMixin, transition

from complaints.models import Complaint
from consultations.models import Consultation
from core.models import Department
from core.workflow import Guard
from ops.uploads import private_storage
from supervision.models import Result, Supervision

from . import permissions


def may_edit_report(instance, user) -> bool:
    return permissions.can_make_report(user)


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def pdf_path(instance, filename):
    return f"annual_report/beretning-{instance.year}-{timezone.now():%Y%m%d%H%M%S}.pdf"


def web_path(instance, filename):
    return f"annual_report/beretning-{instance.year}-{timezone.now():%Y%m%d%H%M%S}-web.zip"


MARKUP_HELP = _(
    "Blank lines separate paragraphs. ## starts a section, ### a sub-section, - a list item, 1. a "
    "numbered item, > a quotation (a last line > — who says who said it); a fact box is the "
    "lines between ::: Heading and :::; a table is lines starting with |, the second |---|---|; "
    "*emphasis*, **strong**, [text](https://…) a link, [[side:anchor]] a reference to another "
    "place with its page."
)


class Edition(FSMModelMixin, models.Model):
    year = models.PositiveSmallIntegerField(_("report year"), unique=True)
    title = models.CharField(_("title"), max_length=200, default="Beretning")
    foreword = models.TextField(_("foreword"), blank=True, help_text=MARKUP_HELP)
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    state = FSMField(_("state"), default=State.DRAFT, choices=State.choices, protected=True)
    excluded_results = models.ManyToManyField(
        Result, blank=True, related_name="+", verbose_name=_("results left out")
    )
    pdf = models.FileField(storage=private_storage, upload_to=pdf_path, blank=True, editable=False)
    web = models.FileField(storage=private_storage, upload_to=web_path, blank=True, editable=False)
    attach_previous_comments = models.BooleanField(
        _("attach the departments' comments on last year's recommendations"),
        default=False,
        help_text=_(
            "The departments comment on a report's recommendations months after it is published; "
            "their comments are printed as an appendix to the next edition."
        ),
    )
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set the first time the published PDF or web edition is downloaded: until then the
    # publication can be undone (nothing has left the system).
    first_downloaded_at = models.DateTimeField(null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("edition")
        verbose_name_plural = _("editions")

    def __str__(self):
        return f"{self.title} {self.year}"

    @property
    def is_published(self) -> bool:
        return self.state == State.PUBLISHED

    @transition(
        state,
        source=State.DRAFT,
        target=State.PUBLISHED,
        permission=may_edit_report,
        custom={"label": _("Publish")},
    )
    def publish(self):
        self.published_at = timezone.now()
        self.first_downloaded_at = None

    @property
    def printed_date(self):
        """The date on the cover: the one set, or the day of publication."""
        if self.publication_date:
            return self.publication_date
        return timezone.localdate(self.published_at) if self.published_at else None

    @transition(
        state,
        source=State.PUBLISHED,
        target=State.DRAFT,
        permission=may_edit_report,
        conditions=[
            Guard(
                lambda edition: edition.first_downloaded_at is None,
                _(
                    "The published PDF or web edition has been downloaded: it has left the "
                    "system, so the publication can no longer be undone."
                ),
            )
        ],
        custom={"label": _("Undo the publication")},
    )
    def unpublish(self):
        self.published_at = None
        self.published_by = None


class Chapter(models.Model):
    """A chapter of the report: a heading and a body in the light markup (``markup``), which
    may place the generated parts ("[[tal]]", "[[eksempler]]", …) where they belong."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="chapters")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("text"), blank=True, help_text=MARKUP_HELP)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("chapter")
        verbose_name_plural = _("chapters")

    def __str__(self):
        return self.heading


class EditionRecommendation(models.Model):
    """One of the report's numbered recommendations to the municipality."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField(_("number"))
    heading = models.CharField(_("heading"), max_length=200)
    text = models.TextField(_("text"), blank=True, help_text=MARKUP_HELP)
    all_departments = models.BooleanField(_("all departments"), default=False)
    departments = models.ManyToManyField(
        Department, blank=True, related_name="+", verbose_name=_("departments addressed")
    )

    class Meta:
        ordering = ["number"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="recommendation_number_per_edition")
        ]

    def __str__(self):
        return f"{self.number}. {self.heading}"


class RecommendationComment(models.Model):
    """A department's comment on a recommendation, printed beneath it."""

    recommendation = models.ForeignKey(
        EditionRecommendation, on_delete=models.CASCADE, related_name="comments"
    )
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department")
    )
    text = models.TextField(_("comment"), help_text=MARKUP_HELP)

    class Meta:
        ordering = ["department__position"]
        verbose_name = _("department's comment")
        verbose_name_plural = _("departments' comments")
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "department"], name="recommendation_comment_per_department"
            )
        ]

    def __str__(self):
        return f"{self.recommendation} – {self.department.code}"


class Category(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    SUPERVISION = "supervision", _("Supervision")
    CONSULTATION = "consultation", _("Consultative assistance")


class CaseReferences(models.Model):
    """What an example or a result is about: any number of cases of any kind (or none), and
    the departments concerned — named, or all of them."""

    category = models.CharField(_("category"), max_length=16, choices=Category.choices)
    complaints = models.ManyToManyField(Complaint, blank=True, related_name="+", verbose_name=_("complaints"))
    supervisions = models.ManyToManyField(
        Supervision, blank=True, related_name="+", verbose_name=_("supervisions")
    )
    consultations = models.ManyToManyField(
        Consultation, blank=True, related_name="+", verbose_name=_("consultations")
    )
    all_departments = models.BooleanField(_("all departments"), default=False)
    departments = models.ManyToManyField(
        Department, blank=True, related_name="+", verbose_name=_("departments")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def case_numbers(self) -> list[str]:
        """Every referenced case's number, in order (prefetch the three relations)."""
        return sorted(
            [c.case_number for c in self.complaints.all()]
            + [s.case_number for s in self.supervisions.all()]
            + [c.case_number for c in self.consultations.all()]
        )


class Example(CaseReferences):
    """A case (or several) told as an example, printed with its case numbers, e.g.
    "(2023-0064470)"."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="examples")
    heading = models.CharField(_("heading"), max_length=200)
    narrative = models.TextField(_("narrative"), help_text=MARKUP_HELP)
    pull_quote = models.CharField(
        _("pull quote"), max_length=300, blank=True, help_text=_("A sentence set apart in large type.")
    )

    class Meta(CaseReferences.Meta):
        verbose_name = _("example")
        verbose_name_plural = _("examples")

    def __str__(self):
        return self.heading


class EditionResult(CaseReferences):
    """A selected result written for the edition (the supervisions' own results are added to
    these): one line, with the cases and departments it concerns."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="results")
    text = models.CharField(_("result"), max_length=500)

    class Meta(CaseReferences.Meta):
        verbose_name = _("selected result")
        verbose_name_plural = _("selected results")

    def __str__(self):
        return self.text

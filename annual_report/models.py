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
from core.uploads import private_storage
from supervision.models import Result

from . import permissions


def may_edit_report(instance, user) -> bool:
    return permissions.can_make_report(user)


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def pdf_path(instance, filename):
    return f"annual_report/beretning-{instance.year}-{timezone.now():%Y%m%d%H%M%S}.pdf"


class Edition(FSMModelMixin, models.Model):
    year = models.PositiveSmallIntegerField(_("report year"), unique=True)
    title = models.CharField(_("title"), max_length=200, default="Beretning")
    foreword = models.TextField(_("foreword"), blank=True, help_text=_("Blank lines separate paragraphs."))
    publication_date = models.DateField(_("publication date"), null=True, blank=True)
    state = FSMField(_("state"), default=State.DRAFT, choices=State.choices, protected=True)
    excluded_results = models.ManyToManyField(
        Result, blank=True, related_name="+", verbose_name=_("results left out")
    )
    pdf = models.FileField(storage=private_storage, upload_to=pdf_path, blank=True, editable=False)
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
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
        self.publication_date = self.publication_date or timezone.localdate()


class Example(models.Model):
    """A case chosen as an example, printed with its case number, e.g. "(2023-0064470)"."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="examples")
    complaint = models.ForeignKey(
        Complaint, on_delete=models.PROTECT, related_name="+", verbose_name=_("case")
    )
    heading = models.CharField(_("heading"), max_length=200)
    narrative = models.TextField(
        _("narrative"), help_text=_("Blank lines separate paragraphs. Anonymise: no names.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("example")
        verbose_name_plural = _("examples")

    def __str__(self):
        return self.heading

"""Writes and the PDF for editions of the yearly report."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from complaints.models import Complaint
from core import workflow
from supervision.selectors import results_for_report_year

from .models import Edition, Example
from .pdf import ReportContent, build_report


def edition_for_year(year: int) -> Edition:
    edition, _created = Edition.objects.get_or_create(year=year)
    return edition


def report_results(edition: Edition):
    """The year's selected results, less those the edition leaves out."""
    excluded = set(edition.excluded_results.values_list("pk", flat=True))
    return [r for r in results_for_report_year(edition.year) if r.pk not in excluded]


def report_content(edition: Edition) -> ReportContent:
    return ReportContent(
        title=edition.title,
        foreword=edition.foreword,
        publication_date=edition.publication_date,
        examples=[
            (e.heading, e.narrative, e.complaint.case_number)
            for e in edition.examples.select_related("complaint")
        ],
        results=[(r.text, r.department.name, r.case_number) for r in report_results(edition)],
    )


def edition_pdf(edition: Edition) -> bytes:
    """A published edition's stored PDF, as it was published; a draft is rendered fresh."""
    if edition.is_published and edition.pdf:
        with edition.pdf.open("rb") as stored:
            return stored.read()
    return build_report(edition.year, report_content(edition))


def _editable(edition: Edition) -> Edition:
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.is_published:
        raise ValidationError(_("A published edition cannot be changed."))
    return locked


@transaction.atomic
def edition_update(*, edition: Edition, by, **data) -> Edition:
    locked = _editable(edition)
    for name, value in data.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=["state"])
    locked.save()
    return locked


@transaction.atomic
def example_add(*, edition: Edition, by, case_number: str, heading: str, narrative: str) -> Example:
    locked = _editable(edition)
    complaint = Complaint.objects.filter(case_number=case_number.strip()).first()
    if complaint is None:
        raise ValidationError(_("There is no case with the number %(number)s.") % {"number": case_number})
    example = Example(
        edition=locked,
        complaint=complaint,
        heading=heading,
        narrative=narrative,
        position=locked.examples.count() + 1,
    )
    example.full_clean()
    example.save()
    return example


@transaction.atomic
def example_remove(*, edition: Edition, by, example_id: int) -> None:
    locked = _editable(edition)
    locked.examples.filter(pk=example_id).delete()


@transaction.atomic
def results_leave_out(*, edition: Edition, by, excluded_ids) -> None:
    locked = _editable(edition)
    allowed = {r.pk for r in results_for_report_year(locked.year)}
    locked.excluded_results.set([pk for pk in excluded_ids if pk in allowed])


@transaction.atomic
def edition_publish(*, edition: Edition, by) -> Edition:
    """Publish and freeze: the PDF is rendered once and stored; it no longer follows the data."""
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    workflow.apply_transition(locked, action="publish", by=by, expected_state=None, fields={}, kwargs={})
    locked.published_by = by
    locked.pdf.save(
        f"beretning-{locked.year}.pdf",
        ContentFile(build_report(locked.year, report_content(locked))),
        save=False,
    )
    locked.save()
    return locked

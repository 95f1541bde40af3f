"""Writes, the PDF and the web edition for editions of the yearly report.

Every write locks the edition and refuses once it is published: a published edition is frozen,
its PDF and web edition stored as they were published.
"""

import re

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from complaints.models import Complaint
from consultations.models import Consultation
from core import workflow
from core.audit import audit_record
from ops.documents import render_pdf
from ops.uploads import delete_after_commit
from supervision.models import Supervision
from supervision.selectors import results_for_report_year

from . import content, pdf, web
from .models import (
    Chapter,
    Edition,
    EditionRecommendation,
    EditionResult,
    Example,
    RecommendationComment,
    State,
)


def edition_for_year(year: int) -> Edition:
    edition, _created = Edition.objects.get_or_create(year=year)
    return edition


def edition_pdf(edition: Edition, *, download: bool = False) -> bytes:
    """A published edition's stored PDF, as it was published; a draft is rendered fresh.
    ``download``: the published file leaves the system now (the publication can no longer be
    undone)."""
    if edition.is_published and edition.pdf:
        if download:
            _mark_downloaded(edition)
        with edition.pdf.open("rb") as stored:
            return stored.read()
    return pdf.build_report(edition.year, edition)


def edition_web_zip(edition: Edition, *, download: bool = False) -> bytes:
    """A published edition's stored web edition (a zip), as it was published; a draft's is
    built fresh."""
    if edition.is_published and edition.web:
        if download:
            _mark_downloaded(edition)
        with edition.web.open("rb") as stored:
            return stored.read()
    return web.build_zip(content.build(edition.year, edition))


def edition_preview_html(edition: Edition, *, stylesheet: str) -> str:
    """The web edition of a draft (or of a published edition, as it would be built today), to
    read in the browser before publishing."""
    return web.render_html(content.build(edition.year, edition), stylesheet=stylesheet, preview=True)


def comments_pdf(edition: Edition) -> bytes:
    """The departments' comments on ``edition``'s recommendations: a document of its own,
    written after publication (and attached to a later edition when that one asks for it)."""
    recommendations = [r for r in content.build_recommendations(edition) if r.comments]
    title = f"Forvaltningernes bemærkninger til anbefalingerne i {edition.title} {edition.year}"
    return render_pdf(
        "annual_report/comments_document.html",
        {
            "document_title": title,
            "sender": f"{edition.title} {edition.year} · Borgerrådgiveren",
            "edition": edition,
            "recommendations": recommendations,
            "report": {"anchors": {}},  # the comments refer to no other place
        },
    )


def _mark_downloaded(edition: Edition) -> None:
    Edition.objects.filter(pk=edition.pk, state=State.PUBLISHED, first_downloaded_at__isnull=True).update(
        first_downloaded_at=timezone.now()
    )


def _editable(edition: Edition) -> Edition:
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    if locked.is_published:
        raise ValidationError(_("A published edition cannot be changed."))
    return locked


def _log(edition: Edition, by, action: str, ref: str = ""):
    """An audit line: what was done to which edition (and item), never the text."""
    audit_record(actor=by, action=f"annual_report.{action}", obj=edition, object_ref=ref or str(edition.pk))


@transaction.atomic
def edition_update(*, edition: Edition, by, **data) -> Edition:
    locked = _editable(edition)
    for name, value in data.items():
        setattr(locked, name, value)
    locked.full_clean(exclude=["state"])
    locked.save()
    _log(locked, by, "edition_updated")
    return locked


# Case numbers ------------------------------------------------------------------------------

CASE_NUMBER = re.compile(r"^\d{4}-\d{7}$")


def resolve_case_numbers(text: str) -> dict[str, list]:
    """ "2023-0323054 og 2023-0312583" → the complaints, supervisions and consultations with
    those numbers. Numbers are separated by spaces, commas, semicolons or "og"; an unknown or
    malformed one is named in the error."""
    numbers = [n for n in re.split(r"[\s,;]+|\bog\b", text or "") if n]
    malformed = [n for n in numbers if not CASE_NUMBER.match(n)]
    if malformed:
        raise ValidationError(
            _("%(number)s is not a case number (year, dash, seven digits: 2023-0064470).")
            % {"number": malformed[0]}
        )
    found = {
        "complaints": list(Complaint.objects.filter(case_number__in=numbers)),
        "supervisions": list(Supervision.objects.filter(case_number__in=numbers)),
        "consultations": list(Consultation.objects.filter(case_number__in=numbers)),
    }
    known = {case.case_number for cases in found.values() for case in cases}
    unknown = [n for n in numbers if n not in known]
    if unknown:
        raise ValidationError(
            _("There is no case with the number %(number)s.") % {"number": ", ".join(unknown)}
        )
    return found


# Items: chapters, recommendations, examples, results ----------------------------------------


def _next_position(queryset, field="position") -> int:
    return (queryset.aggregate(top=Max(field))["top"] or 0) + 1


def _save(instance, fields: dict, m2m: dict, by, action: str):
    for name, value in fields.items():
        setattr(instance, name, value)
    instance.full_clean()
    instance.save()
    for name, values in m2m.items():
        getattr(instance, name).set(values)
    _log(instance.edition, by, action, ref=f"{instance.edition_id}/{instance.pk}")
    return instance


@transaction.atomic
def chapter_save(*, edition: Edition, by, chapter: Chapter | None, heading: str, body: str) -> Chapter:
    locked = _editable(edition)
    if chapter is None:
        chapter = Chapter(edition=locked, position=_next_position(locked.chapters))
    return _save(chapter, {"heading": heading, "body": body}, {}, by, "chapter_saved")


@transaction.atomic
def chapter_move(*, edition: Edition, by, chapter_id: int, step: int) -> None:
    """Move a chapter one place up (-1) or down (+1); positions are renumbered 1, 2, …"""
    locked = _editable(edition)
    chapters = list(locked.chapters.all())
    index = next((i for i, ch in enumerate(chapters) if ch.pk == chapter_id), None)
    if index is None:
        return
    target = max(0, min(len(chapters) - 1, index + step))
    chapters.insert(target, chapters.pop(index))
    for position, chapter in enumerate(chapters, start=1):
        chapter.position = position
    Chapter.objects.bulk_update(chapters, ["position"])
    _log(locked, by, "chapter_moved", ref=f"{locked.pk}/{chapter_id}")


@transaction.atomic
def recommendation_save(
    *,
    edition: Edition,
    by,
    recommendation: EditionRecommendation | None,
    number: int,
    heading: str,
    text: str,
    all_departments: bool,
    departments,
    comments: dict,
) -> EditionRecommendation:
    """``comments``: {department: text}; a blank text removes that department's comment."""
    locked = _editable(edition)
    if locked.recommendations.filter(number=number).exclude(pk=getattr(recommendation, "pk", None)).exists():
        raise ValidationError(
            {"number": _("The edition already has a recommendation number %(n)s.") % {"n": number}}
        )
    if recommendation is None:
        recommendation = EditionRecommendation(edition=locked)
    _save(
        recommendation,
        {"number": number, "heading": heading, "text": text, "all_departments": all_departments},
        {"departments": [] if all_departments else departments},
        by,
        "recommendation_saved",
    )
    _comments_set(recommendation, comments)
    return recommendation


def _comments_set(recommendation: EditionRecommendation, comments: dict) -> None:
    for department, comment in comments.items():
        if comment.strip():
            RecommendationComment.objects.update_or_create(
                recommendation=recommendation, department=department, defaults={"text": comment.strip()}
            )
        else:
            recommendation.comments.filter(department=department).delete()


@transaction.atomic
def recommendation_comments_save(
    *, recommendation: EditionRecommendation, by, comments: dict
) -> EditionRecommendation:
    """The departments' comments on a recommendation: they come months after the edition is
    published, so a published edition takes them too (they are not part of its report, but a
    document of their own, and an appendix to a later edition). A blank text removes one."""
    Edition.objects.select_for_update().get(pk=recommendation.edition_id)
    _comments_set(recommendation, comments)
    _log(recommendation.edition, by, "comments_saved", ref=str(recommendation.pk))
    return recommendation


def _case_item_save(
    model, *, edition, by, item, case_numbers, departments, all_departments, action, **fields
):
    locked = _editable(edition)
    cases = resolve_case_numbers(case_numbers)
    if item is None:
        item = model(edition=locked, position=_next_position(model.objects.filter(edition=locked)))
    return _save(
        item,
        {**fields, "all_departments": all_departments},
        {**cases, "departments": [] if all_departments else departments},
        by,
        action,
    )


@transaction.atomic
def example_save(*, edition: Edition, by, example: Example | None = None, **data) -> Example:
    return _case_item_save(Example, edition=edition, by=by, item=example, action="example_saved", **data)


@transaction.atomic
def result_save(*, edition: Edition, by, result: EditionResult | None = None, **data) -> EditionResult:
    return _case_item_save(EditionResult, edition=edition, by=by, item=result, action="result_saved", **data)


ITEMS = {
    "kapitel": Chapter,
    "anbefaling": EditionRecommendation,
    "eksempel": Example,
    "resultat": EditionResult,
}


@transaction.atomic
def item_remove(*, edition: Edition, by, kind: str, item_id: int) -> None:
    locked = _editable(edition)
    deleted, _detail = ITEMS[kind].objects.filter(edition=locked, pk=item_id).delete()
    if deleted:
        _log(locked, by, f"{kind}_removed", ref=f"{locked.pk}/{item_id}")


@transaction.atomic
def results_leave_out(*, edition: Edition, by, excluded_ids) -> None:
    locked = _editable(edition)
    allowed = {r.pk for r in results_for_report_year(locked.year)}
    locked.excluded_results.set([pk for pk in excluded_ids if pk in allowed])
    _log(locked, by, "results_selected")


@transaction.atomic
def edition_publish(*, edition: Edition, by) -> Edition:
    """Publish and freeze: the PDF and the web edition are rendered once, from one reading of
    the data, and stored; they no longer follow the data."""
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    workflow.apply_transition(locked, action="publish", by=by, expected_state=None, fields={}, kwargs={})
    locked.published_by = by
    report = content.build(locked.year, locked)
    locked.pdf.save(f"beretning-{locked.year}.pdf", ContentFile(pdf.render(report)), save=False)
    locked.web.save(f"beretning-{locked.year}-web.zip", ContentFile(web.build_zip(report)), save=False)
    locked.save()
    _log(locked, by, "published")
    return locked


@transaction.atomic
def edition_unpublish(*, edition: Edition, by) -> Edition:
    """Undo a publication while nothing has left the system: nobody has downloaded its PDF
    or its web edition. The stored files go; the edition is a draft again."""
    locked = Edition.objects.select_for_update().get(pk=edition.pk)
    workflow.apply_transition(locked, action="unpublish", by=by, expected_state=None, fields={}, kwargs={})
    names = [locked.pdf.name, locked.web.name]
    locked.pdf, locked.web = "", ""
    locked.save()
    delete_after_commit(names)
    _log(locked, by, "unpublished")
    return locked

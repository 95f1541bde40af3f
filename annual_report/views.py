"""The staff pages for the yearly report. Audience, declared on each view:
``@report_makers_required`` — the secretariat and the head."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_fsm import TransitionNotAllowed

from complaints.models import Complaint
from core.periods import Period
from core.viewhelpers import PDF, download, error_text
from supervision.models import Supervision
from supervision.selectors import results_for_report_year

from . import forms, markup, services
from .models import Edition, State
from .permissions import report_makers_required


@report_makers_required
@require_http_methods(["GET", "POST"])
def index(request):
    form = forms.YearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        edition = services.edition_for_year(form.cleaned_data["year"])
        return redirect("annual_report:edition", year=edition.year)
    return render(request, "annual_report/index.html", {"form": form, "editions": Edition.objects.all()})


def _candidates(year: int):
    """Cases of the report year flagged as candidate examples and not yet used."""
    period = Period.report_year(year)
    edition = Edition.objects.filter(year=year).first()
    used_complaints, used_supervisions = set(), set()
    if edition:
        for example in edition.examples.prefetch_related("complaints", "supervisions"):
            used_complaints |= {c.pk for c in example.complaints.all()}
            used_supervisions |= {s.pk for s in example.supervisions.all()}
    complaints = (
        Complaint.objects.filter(report_example=True)
        .filter(period.q("received_on") | period.q("closed_on"))
        .exclude(pk__in=used_complaints)
        .select_related("department")
        .order_by("case_number")
    )
    supervisions = (
        Supervision.objects.filter(report_example=True)
        .filter(period.q("opened_on") | period.q("concluded_on") | period.q("closed_on"))
        .exclude(pk__in=used_supervisions)
        .order_by("case_number")
    )
    return [
        (c.case_number, _("Complaint"), c.department.name if c.department else "") for c in complaints
    ] + [(s.case_number, _("Supervision"), s.title) for s in supervisions]


@report_makers_required
@require_http_methods(["GET", "POST"])
def edition(request, year):
    edition = get_object_or_404(Edition, year=year)
    form = forms.EditionForm(request.POST or None, instance=edition)
    if request.method == "POST" and form.is_valid():
        try:
            services.edition_update(edition=edition, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The edition is saved."))
            return redirect("annual_report:edition", year=year)
    edition.refresh_from_db()
    excluded = set(edition.excluded_results.values_list("pk", flat=True))
    placed = {name for chapter in edition.chapters.all() for name in markup.inserts(chapter.body)}
    figures = {markup.FIGURE_PREFIX + name for name in markup.FIGURES}
    if "tal" in placed or figures <= placed:
        placed |= figures | {"tal"}  # [[tal]] places the rest, or every figure stands on its own
    return render(
        request,
        "annual_report/edition.html",
        {
            "edition": edition,
            "form": form,
            "chapters": edition.chapters.all(),
            "unplaced": [label for name, label in markup.insert_names().items() if name not in placed],
            "recommendations": edition.recommendations.prefetch_related(
                "departments", "comments__department"
            ),
            "examples": edition.examples.prefetch_related("complaints", "supervisions", "consultations"),
            "own_results": edition.results.prefetch_related("complaints", "supervisions", "consultations"),
            "results": [(r, r.pk not in excluded) for r in results_for_report_year(year)],
            "candidates": [] if edition.is_published else _candidates(year),
            "has_comments": edition.recommendations.filter(comments__isnull=False).exists(),
        },
    )


# One page per item: a long text typed in a form is never lost to an error message.
# kind → (form, the edition's related name, service, its item argument, page texts)
ITEM_PAGES = {
    "kapitel": (
        forms.ChapterForm,
        "chapters",
        services.chapter_save,
        "chapter",
        (_lazy("New chapter"), _lazy("Edit chapter"), _lazy("The chapter is saved.")),
    ),
    "anbefaling": (
        forms.RecommendationForm,
        "recommendations",
        services.recommendation_save,
        "recommendation",
        (_lazy("New recommendation"), _lazy("Edit recommendation"), _lazy("The recommendation is saved.")),
    ),
    "eksempel": (
        forms.ExampleForm,
        "examples",
        services.example_save,
        "example",
        (_lazy("New example"), _lazy("Edit example"), _lazy("The example is saved.")),
    ),
    "resultat": (
        forms.ResultForm,
        "results",
        services.result_save,
        "result",
        (_lazy("New result"), _lazy("Edit result"), _lazy("The result is saved.")),
    ),
}


@report_makers_required
@require_http_methods(["GET", "POST"])
def item(request, year, kind, item_id=None):
    if kind not in ITEM_PAGES:
        raise Http404
    form_class, related, save, argument, (new_title, edit_title, saved) = ITEM_PAGES[kind]
    edition = get_object_or_404(Edition, year=year)
    instance = get_object_or_404(getattr(edition, related), pk=item_id) if item_id else None
    if edition.is_published:
        messages.error(request, _("A published edition cannot be changed."))
        return redirect("annual_report:edition", year=year)
    initial = {}
    if instance is None and kind == "eksempel" and request.GET.get("sag"):
        initial["case_numbers"] = request.GET["sag"][:12]
    form = form_class(request.POST or None, instance=instance, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.service_data() if hasattr(form, "service_data") else form.cleaned_data
        try:
            save(edition=edition, by=request.user, **{argument: instance}, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, saved)
            return redirect("annual_report:edition", year=year)
    return render(
        request,
        "annual_report/item.html",
        {"edition": edition, "form": form, "title": edit_title if instance else new_title, "kind": kind},
    )


@report_makers_required
@require_POST
def item_remove(request, year, kind, item_id):
    if kind not in services.ITEMS:
        raise Http404
    edition = get_object_or_404(Edition, year=year)
    try:
        services.item_remove(edition=edition, by=request.user, kind=kind, item_id=item_id)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Removed."))
    return redirect("annual_report:edition", year=year)


@report_makers_required
@require_POST
def chapter_move(request, year, item_id):
    edition = get_object_or_404(Edition, year=year)
    step = -1 if request.POST.get("retning") == "op" else 1
    try:
        services.chapter_move(edition=edition, by=request.user, chapter_id=item_id, step=step)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("annual_report:edition", year=year)


@report_makers_required
@require_POST
def results(request, year):
    edition = get_object_or_404(Edition, year=year)
    included = {int(pk) for pk in request.POST.getlist("include") if pk.isdigit()}
    all_ids = [r.pk for r in results_for_report_year(year)]
    try:
        services.results_leave_out(
            edition=edition, by=request.user, excluded_ids=[pk for pk in all_ids if pk not in included]
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The list of results is saved."))
    return redirect("annual_report:edition", year=year)


@report_makers_required
@require_POST
def publish(request, year):
    """Publishing asks for a confirmation that the preview has been read."""
    edition = get_object_or_404(Edition, year=year)
    if request.POST.get("bekraeft") != "ja":
        messages.error(request, _("Confirm that you have read the preview before the edition is published."))
        return redirect("annual_report:edition", year=year)
    try:
        services.edition_publish(edition=edition, by=request.user)
    except (TransitionNotAllowed, PermissionDenied):
        messages.error(request, _("The edition is already published."))
    else:
        messages.success(request, _("The edition is published. Its PDF and web edition are now fixed."))
    return redirect("annual_report:edition", year=year)


@report_makers_required
@require_POST
def unpublish(request, year):
    edition = get_object_or_404(Edition, year=year)
    try:
        services.edition_unpublish(edition=edition, by=request.user)
    except (TransitionNotAllowed, PermissionDenied):
        messages.error(request, _("The edition is not published."))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The publication is undone: the edition is a draft again."))
    return redirect("annual_report:edition", year=year)


@report_makers_required
@require_GET
def preview(request, year):
    """The web edition as it would be published now, in the browser."""
    edition = get_object_or_404(Edition, year=year)
    html = services.edition_preview_html(edition, stylesheet=static("css/beretning.css"))
    response = HttpResponse(html)
    response["Cache-Control"] = "private, no-store"
    return response


@report_makers_required
@require_GET
def pdf(request, year):
    """The PDF: a draft's rendered now (a preview); a published edition's as it was published —
    and from its first download on, the publication can no longer be undone."""
    edition = get_object_or_404(Edition, year=year)
    return download(
        services.edition_pdf(edition, download=True), f"beretning-{year}.pdf", PDF, attachment=False
    )


@report_makers_required
@require_http_methods(["GET", "POST"])
def recommendation_comments(request, year, item_id):
    """The departments' comments on one recommendation — also when the edition is published."""
    edition = get_object_or_404(Edition, year=year)
    recommendation = get_object_or_404(edition.recommendations, pk=item_id)
    form = forms.CommentsForm(request.POST or None, recommendation=recommendation)
    if request.method == "POST" and form.is_valid():
        services.recommendation_comments_save(
            recommendation=recommendation, by=request.user, comments=form.comments()
        )
        messages.success(request, _("The departments' comments are saved."))
        return redirect("annual_report:edition", year=year)
    return render(
        request,
        "annual_report/comments.html",
        {"edition": edition, "recommendation": recommendation, "form": form},
    )


@report_makers_required
@require_GET
def comments_pdf(request, year):
    edition = get_object_or_404(Edition, year=year)
    return download(
        services.comments_pdf(edition), f"bemaerkninger-beretning-{year}.pdf", PDF, attachment=False
    )


@report_makers_required
def web_zip(request, year):
    """The web edition to publish, as a zip: only a published edition's, which is fixed. A
    draft has none, whatever the method (hence no ``require_GET`` before the look-up)."""
    edition = get_object_or_404(Edition, year=year, state=State.PUBLISHED)
    if request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    return download(
        services.edition_web_zip(edition, download=True), f"beretning-{year}-web.zip", "application/zip"
    )

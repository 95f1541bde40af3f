"""The staff page for the yearly report. Audience, declared on each view:
``@report_makers_required`` — the secretariat and the head."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_fsm import TransitionNotAllowed

from core.viewhelpers import error_text, save_side_form
from supervision.selectors import results_for_report_year

from . import forms, services
from .models import Edition
from .permissions import report_makers_required


@report_makers_required
@require_http_methods(["GET", "POST"])
def index(request):
    form = forms.YearForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        edition = services.edition_for_year(form.cleaned_data["year"])
        return redirect("annual_report:edition", year=edition.year)
    return render(request, "annual_report/index.html", {"form": form, "editions": Edition.objects.all()})


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
    return render(
        request,
        "annual_report/edition.html",
        {
            "edition": edition,
            "form": form,
            "example_form": forms.ExampleForm(prefix="example"),
            "examples": edition.examples.select_related("complaint"),
            "results": [(r, r.pk not in excluded) for r in results_for_report_year(year)],
        },
    )


@report_makers_required
@require_POST
def example_add(request, year):
    edition = get_object_or_404(Edition, year=year)
    form = forms.ExampleForm(request.POST, prefix="example")
    save_side_form(
        request,
        form,
        lambda d: services.example_add(edition=edition, by=request.user, **d),
        _("The example is added."),
    )
    return redirect("annual_report:edition", year=year)


@report_makers_required
@require_POST
def example_remove(request, year, example_id):
    edition = get_object_or_404(Edition, year=year)
    try:
        services.example_remove(edition=edition, by=request.user, example_id=example_id)
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
    edition = get_object_or_404(Edition, year=year)
    try:
        services.edition_publish(edition=edition, by=request.user)
    except (TransitionNotAllowed, PermissionDenied):
        messages.error(request, _("The edition is already published."))
    else:
        messages.success(request, _("The edition is published. Its PDF is now fixed."))
    return redirect("annual_report:edition", year=year)


@report_makers_required
@require_GET
def pdf(request, year):
    edition = get_object_or_404(Edition, year=year)
    response = HttpResponse(services.edition_pdf(edition), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="beretning-{year}.pdf"'
    return response

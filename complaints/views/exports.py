"""Exports for a department (``@secretariat_required``): a department's cases for a report year,
without CPR numbers, names or free text."""

from django.shortcuts import render
from django.views.decorators.http import require_GET

from core.exports import escaped
from core.viewhelpers import EXPORT_CONTENT_TYPES, download

from .. import forms, selectors
from ..permissions import secretariat_required
from ..resources import DepartmentExportResource

# --- exports for a department (the secretariat) --------------------------------------------


@secretariat_required
@require_GET
def department_export(request):
    """The secretariat: a department's cases for one report year, as CSV or XLSX — no CPR
    numbers, names or free text, and cells escaped against spreadsheet formulas."""
    form = forms.DepartmentExportForm(request.GET or None)
    if not request.GET or not form.is_valid():
        return render(request, "complaints/department_export.html", {"form": form})
    data = form.cleaned_data
    dataset = escaped(
        DepartmentExportResource().export(selectors.department_export_cases(data["department"], data["year"]))
    )
    filename = f"sager-{data['department'].code}-{data['year']}.{data['format']}"
    body = dataset.export(data["format"])
    if data["format"] == "csv":
        body = "\ufeff" + body
    return download(body, filename, EXPORT_CONTENT_TYPES[data["format"]])

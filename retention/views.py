"""The retention schedule's page (the secretariat only): the periods, what falls due in the
coming month (case numbers and dates, no names), the cases kept or postponed, and the
deletion log."""

import datetime as dt
from collections import Counter

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from core.viewhelpers import page_of

from . import policy, services
from .forms import HoldForm, PeriodForm
from .models import ArchivePackage, CaseKind, Deletion, Hold
from .permissions import retention_managers_required


def _month_ahead(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=31)


@retention_managers_required
@require_http_methods(["GET", "POST"])
def schedule(request):
    today = timezone.localdate()
    hold_form = HoldForm(request.POST or None, prefix="hold")
    if request.method == "POST" and hold_form.is_valid():
        data = hold_form.cleaned_data
        services.decide(
            kind=hold_form.case_kind,
            case=hold_form.case,
            decision=data["decision"],
            reason=data["reason"],
            until=data["until"],
            by=request.user,
        )
        messages.success(request, _("The decision on %(number)s is saved.") % {"number": data["case_number"]})
        return redirect("retention:schedule")
    until = _month_ahead(today)
    coming = policy.coming(today, until)
    periods = policy.periods()
    counts = Counter(row["kind"] for row in coming)  # the rows listed below, counted per kind
    context = {
        "today": today,
        "until": until,
        "coming": coming,
        "summary": [
            {
                "kind": kind,
                "label": kind.label,
                "years": periods[kind],
                "coming": counts[kind],
                "form": PeriodForm(initial={"kind": kind.value, "years": periods[kind]}, prefix=kind.value),
            }
            for kind in CaseKind
        ],
        "holds": Hold.objects.select_related("decided_by").order_by("case_number"),
        "hold_form": hold_form,
        "deletions": page_of(request, Deletion.objects.all(), 50),
        "packages": ArchivePackage.objects.annotate(deleted=Count("deletions")).order_by("-pk")[:10],
    }
    return render(request, "retention/schedule.html", context, status=400 if hold_form.errors else 200)


@retention_managers_required
@require_POST
def period(request, kind):
    if kind not in CaseKind.values:
        return redirect("retention:schedule")
    form = PeriodForm(request.POST, prefix=kind)
    if form.is_valid() and form.cleaned_data["kind"] == kind:
        services.set_period(kind=kind, years=form.cleaned_data["years"], by=request.user)
        messages.success(request, _("The retention period is changed."))
    else:
        messages.error(request, _("The number of years must be a whole number from 1 to 100."))
    return redirect("retention:schedule")


@retention_managers_required
@require_POST
def release(request, pk):
    hold = get_object_or_404(Hold, pk=pk)
    services.release(hold=hold, by=request.user)
    messages.success(
        request, _("%(number)s follows the retention schedule again.") % {"number": hold.case_number}
    )
    return redirect("retention:schedule")


@retention_managers_required
@require_POST
def collected(request, pk):
    package = get_object_or_404(ArchivePackage, pk=pk)
    if services.collected(package=package, by=request.user):
        messages.success(
            request, _("%(package)s is marked as collected, and its file is deleted.") % {"package": package}
        )
    else:
        messages.error(request, _("%(package)s cannot be marked as collected now.") % {"package": package})
    return redirect("retention:schedule")

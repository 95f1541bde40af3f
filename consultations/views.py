"""Consultations and teaching: the list, a new one, the page and its moves. Audience of every
view: ``@caseworker_required`` (jurists and the head)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.viewhelpers import (
    duties_context,
    note_context,
    page_of,
    run_transition,
)

from . import forms, selectors, services
from .permissions import caseworker_required


@caseworker_required
@require_GET
def consultation_list(request):
    state = request.GET.get("state", "open")
    qs = selectors.consultation_list(
        request.user, state="" if state == "all" else state, kind=request.GET.get("kind", "")
    )
    page = page_of(request, qs)
    return render(
        request, "consultations/list.html", {"page": page, "state": state, "query": f"state={state}"}
    )


@caseworker_required
@require_http_methods(["GET", "POST"])
def consultation_new(request):
    form = forms.ConsultationForm(request.POST or None, initial={"responsible": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Case %(number)s is registered.") % {"number": consultation.case_number}
            )
            return redirect("consultations:list")
    return render(request, "consultations/form.html", {"form": form})


@caseworker_required
@require_GET
def consultation_detail(request, pk):
    consultation = selectors.consultation_for_user_or_404(request.user, pk)
    return render(
        request,
        "consultations/detail.html",
        {
            "consultation": consultation,
            **note_context(request, "consultation", consultation),
            **duties_context(request, "consultation", consultation),
        },
    )


@caseworker_required
@require_POST
def consultation_transition(request, pk, action):
    consultation = selectors.consultation_for_user_or_404(request.user, pk)
    if action not in {"close", "reopen"}:
        raise Http404
    run_transition(
        request,
        lambda: services.consultation_transition(
            consultation=consultation,
            action=action,
            by=request.user,
            expected_state=request.POST.get("expected_state") or None,
        ),
        _("Case %(number)s is updated.") % {"number": consultation.case_number},
    )
    if request.POST.get("back") == "detail":
        return redirect("consultations:detail", pk=pk)
    return redirect("consultations:list")

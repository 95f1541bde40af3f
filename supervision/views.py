"""Supervision views. Audience, declared on each view: ``@caseworker_required`` — jurists and
the head. (Concluding is further limited to the head by the transition's permission.)"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_fsm import TransitionNotAllowed

from complaints import selectors as complaint_selectors
from complaints import services as complaint_services
from core.forms import ReminderForm
from core.viewhelpers import (
    PDF,
    action_forms,
    download,
    duties_context,
    error_text,
    note_context,
    page_of,
    save_side_form,
    transition_post,
)

from . import forms, letters, selectors, services
from .models import HearingRound, Recommendation
from .permissions import caseworker_required


@caseworker_required
@require_GET
def queue(request):
    form = forms.QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.supervision_queue(
        request.user,
        scope=filters.get("scope") or "open",
        kind=filters.get("kind", ""),
        department=filters.get("department", ""),
    )
    page = page_of(request, qs)
    query = request.GET.copy()
    query.pop("side", None)
    return render(request, "supervision/queue.html", {"form": form, "page": page, "query": query.urlencode()})


@caseworker_required
@require_http_methods(["GET", "POST"])
def create(request):
    form = forms.SupervisionForm(request.POST or None, initial={"responsible": request.user})
    if request.method == "POST" and form.is_valid():
        try:
            supervision = services.supervision_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Supervision %(number)s is opened.") % {"number": supervision.case_number}
            )
            return redirect("supervision:detail", pk=supervision.pk)
    return render(request, "supervision/form.html", {"form": form, "title": _("Open a supervision")})


@caseworker_required
@require_http_methods(["GET", "POST"])
def open_from_complaint(request, complaint_pk):
    complaint = complaint_selectors.complaint_for_user_or_404(request.user, complaint_pk)
    form = forms.OpenFromComplaintForm(request.POST or None, initial={"title": complaint.summary[:300]})
    if request.method == "POST" and form.is_valid():
        try:
            supervision = services.supervision_open_from_complaint(
                complaint=complaint,
                by=request.user,
                expected_state=request.POST.get("expected_state") or None,
                **form.cleaned_data,
            )
        except complaint_services.ConflictError as exc:
            form.add_error(None, str(exc))
        except ValidationError as exc:
            form.add_error(None, error_text(exc))
        except (TransitionNotAllowed, PermissionDenied):
            form.add_error(None, _("A supervision cannot be opened from the complaint in its present state."))
        else:
            messages.success(
                request, _("Supervision %(number)s is opened.") % {"number": supervision.case_number}
            )
            return redirect("supervision:detail", pk=supervision.pk)
    return render(
        request,
        "supervision/form.html",
        {
            "form": form,
            "complaint": complaint,
            "title": _("Open a supervision from case %(number)s") % {"number": complaint.case_number},
        },
    )


def _detail_context(request, supervision, **override):
    available = services.available_actions(supervision, request.user)
    return {
        "supervision": supervision,
        "actions": action_forms(available, forms.transition_form, override),
        "blocked": services.blocked_actions(supervision, request.user),
        "departments": supervision.departments.order_by("position"),
        "rounds": supervision.hearing_rounds.select_related("department").prefetch_related("reminders"),
        "recommendations": supervision.recommendations.select_related("department"),
        "matrix": selectors.findings_matrix(supervision),
        "findings_summary": selectors.findings_summary(supervision),
        "results": supervision.results.select_related("department"),
        **note_context(
            request, "supervision", supervision, events=supervision.events.select_related("actor")
        ),
        **duties_context(request, "supervision", supervision),
        "hearing_form": forms.HearingRoundForm(prefix="hearing", supervision=supervision),
        "answer_form": forms.AnswerForm(prefix="answer"),
        "recommendation_form": forms.RecommendationForm(prefix="rec", supervision=supervision),
        "follow_up_form": forms.FollowUpForm(prefix="follow"),
        "finding_form": forms.FindingForm(prefix="finding", supervision=supervision),
        "result_form": forms.ResultForm(
            prefix="result", supervision=supervision, initial={"report_year": supervision.opened_on.year}
        ),
    }


@caseworker_required
@require_GET
def detail(request, pk):
    supervision = selectors.supervision_for_user_or_404(request.user, pk)
    return render(request, "supervision/detail.html", _detail_context(request, supervision))


@caseworker_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    supervision = selectors.supervision_for_user_or_404(request.user, pk)
    form = forms.SupervisionEditForm(request.POST or None, instance=supervision)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields if name != "departments"}
        try:
            services.supervision_update(
                supervision=supervision,
                by=request.user,
                data=data,
                departments=form.cleaned_data["departments"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The supervision is saved."))
            return redirect("supervision:detail", pk=pk)
    supervision.refresh_from_db()
    return render(
        request,
        "supervision/form.html",
        {
            "form": form,
            "supervision": supervision,
            "title": _("Edit supervision %(number)s") % {"number": supervision.case_number},
        },
    )


@caseworker_required
@require_POST
def transition(request, pk, action):
    supervision = selectors.supervision_for_user_or_404(request.user, pk)
    return transition_post(
        request,
        action=action,
        actions=services.ui_actions(),
        make_form=forms.transition_form,
        page="supervision/detail.html",
        page_context=lambda **override: _detail_context(request, supervision, **override),
        perform=lambda form: services.supervision_transition(
            supervision=supervision,
            action=action,
            by=request.user,
            note=form.cleaned_data.get("note", ""),
            expected_state=request.POST.get("expected_state") or None,
            fields=form.transition_fields(),
        ),
        success=lambda: (
            _("The supervision is now: %(state)s.")
            % {"state": selectors.supervision_for_user_or_404(request.user, pk).get_state_display()}
        ),
        done=redirect("supervision:detail", pk=pk),
    )


def _side(request, pk, form_class, prefix, write, success, with_supervision=False):
    supervision = selectors.supervision_for_user_or_404(request.user, pk)
    kwargs = {"supervision": supervision} if with_supervision else {}
    form = form_class(request.POST, prefix=prefix, **kwargs)
    save_side_form(request, form, lambda data: write(supervision, data), success)
    return redirect("supervision:detail", pk=pk)


@caseworker_required
@require_POST
def hearing_add(request, pk):
    return _side(
        request,
        pk,
        forms.HearingRoundForm,
        "hearing",
        lambda s, d: services.hearing_round_add(supervision=s, by=request.user, **d),
        _("The hearing round is registered."),
        with_supervision=True,
    )


def _round_of(request, pk, round_pk) -> HearingRound:
    supervision = selectors.supervision_for_user_or_404(request.user, pk)
    return get_object_or_404(HearingRound, pk=round_pk, supervision=supervision)


@caseworker_required
@require_POST
def hearing_remind(request, pk, round_pk):
    hearing_round = _round_of(request, pk, round_pk)
    return _side(
        request,
        pk,
        ReminderForm,
        f"remind{hearing_round.pk}",
        lambda s, d: services.HEARINGS.remind(
            hearing_round=hearing_round, by=request.user, sent_on=d["sent_on"]
        ),
        _("The reminder is registered."),
    )


@caseworker_required
@require_POST
def hearing_reminder_correct(request, pk, round_pk, reminder_pk):
    hearing_round = _round_of(request, pk, round_pk)
    reminder = get_object_or_404(
        hearing_round.reminders.select_related("hearing_round__supervision"), pk=reminder_pk
    )
    return _side(
        request,
        pk,
        ReminderForm,
        f"reminder{reminder.pk}",
        lambda s, d: services.HEARINGS.correct(reminder=reminder, by=request.user, sent_on=d["sent_on"]),
        _("The reminder's date is corrected."),
    )


@caseworker_required
@require_POST
def hearing_answer(request, pk, round_pk):
    hearing_round = _round_of(request, pk, round_pk)
    return _side(
        request,
        pk,
        forms.AnswerForm,
        "answer",
        lambda s, d: services.HEARINGS.answer(hearing_round=hearing_round, by=request.user, **d),
        _("The answer is registered."),
    )


@caseworker_required
@require_GET
def hearing_letter(request, pk, round_pk):
    hearing_round = _round_of(request, pk, round_pk)
    pdf = letters.hearing_letter_pdf(hearing_round)
    return download(pdf, f"hoering-{hearing_round.supervision.case_number}.pdf", PDF, attachment=False)


@caseworker_required
@require_POST
def recommendation_add(request, pk):
    return _side(
        request,
        pk,
        forms.RecommendationForm,
        "rec",
        lambda s, d: services.recommendation_add(supervision=s, by=request.user, **d),
        _("The recommendation is registered."),
        with_supervision=True,
    )


@caseworker_required
@require_POST
def recommendation_follow_up(request, pk, rec_pk):
    supervision = selectors.supervision_for_user_or_404(request.user, pk)
    recommendation = get_object_or_404(Recommendation, pk=rec_pk, supervision=supervision)
    form = forms.FollowUpForm(request.POST, prefix=f"follow-{rec_pk}")
    save_side_form(
        request,
        form,
        lambda d: services.recommendation_follow_up(recommendation=recommendation, by=request.user, **d),
        _("The follow-up is registered."),
    )
    if request.POST.get("next_page") == "tracker":
        return redirect("supervision:tracker")
    return redirect("supervision:detail", pk=pk)


@caseworker_required
@require_POST
def finding_set(request, pk):
    return _side(
        request,
        pk,
        forms.FindingForm,
        "finding",
        lambda s, d: services.finding_set(supervision=s, by=request.user, **d),
        _("The finding is registered."),
        with_supervision=True,
    )


@caseworker_required
@require_POST
def result_add(request, pk):
    return _side(
        request,
        pk,
        forms.ResultForm,
        "result",
        lambda s, d: services.result_add(supervision=s, by=request.user, case_number=s.case_number, **d),
        _("The result is registered."),
        with_supervision=True,
    )


@caseworker_required
@require_GET
def tracker(request):
    """The learning tracker: every recommendation and formal request, by department and year."""
    form = forms.TrackerFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    qs = selectors.recommendations_tracker(
        request.user,
        status=filters.get("status", ""),
        department=filters.get("department", ""),
        year=filters.get("year"),
        overdue=filters.get("overdue", False),
    )
    page = page_of(request, qs)
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "supervision/tracker.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "counts": selectors.tracker_counts(request.user, year=filters.get("year")),
        },
    )

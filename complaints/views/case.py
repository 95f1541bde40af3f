"""The jurists' side of a complaint: the queue, intake, the case page, its moves and the small
forms on it (points, written inquiries, consents, mediation rounds), taking and reassigning
cases, the workload. Audience: ``@caseworker_required`` (jurists and the head), the workload
``@head_required``."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.forms import ReminderForm
from core.viewhelpers import (
    action_forms,
    duties_context,
    note_context,
    page_of,
    run_transition,
    save_side_form,
    transition_post,
)

from .. import forms, selectors, services
from ..models import WrittenInquiry
from ..permissions import caseworker_required, head_required, may_see_full_cpr

# --- the jurists' side ---------------------------------------------------------------------


@caseworker_required
@require_GET
def queue(request):
    """The case lists as tabs (mine, unassigned, all open, all), a search line that searches
    every case whatever the tab, and the filters folded away."""
    form = forms.QueueFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    scope = filters.get("scope") or "mine"
    search = filters.get("q", "").strip()
    qs = selectors.complaint_queue(
        request.user,
        # A case number or a name is looked for among all cases, not only the tab's.
        scope="all" if search else scope,
        state=filters.get("state", ""),
        department=filters.get("department", ""),
        kind=filters.get("kind", ""),
        overdue=filters.get("overdue", False),
        search=search,
        sort=filters.get("sort") or "due",
        responsible=filters.get("responsible"),
    )
    page = page_of(request, qs)
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "complaints/queue.html",
        {
            "form": form,
            "page": page,
            "scope": scope,
            "search": search,
            "tabs": form.fields["scope"].choices,
            "filtered": form.filtered(),
            "responsible": filters.get("responsible"),
            # One's own list needs no column saying whose the cases are.
            "show_responsible": scope != "mine" or bool(search) or filters.get("responsible") is not None,
            "query": query.urlencode(),
            "old_days": selectors.OLD_CASE_DAYS,
        },
    )


@caseworker_required
@require_http_methods(["GET", "POST"])
def intake(request):
    form = forms.IntakeForm(request.POST or None, initial={"responsible": request.user})
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k not in {"theme", "point_description"}}
        points = (
            [(form.cleaned_data["theme"], form.cleaned_data["point_description"])]
            if form.cleaned_data["theme"]
            else []
        )
        try:
            complaint = services.complaint_create(by=request.user, points=points, **data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Case %(number)s is registered.") % {"number": complaint.case_number})
            return redirect("complaints:detail", pk=complaint.pk)
    return render(request, "complaints/intake.html", {"form": form})


# The moves shown as they are on the case page; the others wait behind "Flere handlinger".
PRIMARY_MOVES = 2


def _detail_context(request, complaint, new_ids=(), **override):
    available = services.available_actions(complaint, request.user)
    actions = action_forms(
        available, lambda action: forms.transition_form(action, complaint=complaint), override
    )
    inquiries = list(complaint.inquiries.prefetch_related("reminders"))
    letters = list(complaint.letters.select_related("sent_by"))
    incoming = list(complaint.incoming.select_related("attachment", "registered_by"))
    rounds = list(complaint.mediation_rounds.all())
    notes = note_context(
        request, "complaint", complaint, events=list(selectors.complaint_timeline(complaint))
    )
    duties = duties_context(request, "complaint", complaint)
    show = request.GET.get("vis", "")
    show = show if show in selectors.TIMELINE_KINDS else ""
    return {
        "complaint": complaint,
        "cpr": complaint.person_cpr if may_see_full_cpr(request.user, complaint) else complaint.masked_cpr,
        "actions": actions,
        "primary_actions": actions[:PRIMARY_MOVES],
        "more_actions": actions[PRIMARY_MOVES:],
        "more_open": override.get("open_action") in {a.name for a, _form in actions[PRIMARY_MOVES:]},
        "header": selectors.case_header(request.user, complaint),
        "new_messages": [m for m in incoming if m.pk in new_ids],
        "page_timeline": selectors.case_page_timeline(
            events=notes["timeline_events"],
            notes=notes["notes"],
            letters=letters,
            incoming=incoming,
            rounds=rounds,
            new_ids=new_ids,
            show=show,
        ),
        "timeline_kinds": selectors.TIMELINE_KINDS,
        "timeline_show": show,
        "blocked": services.blocked_actions(complaint, request.user),
        # Opening a supervision is a move the supervision app makes; offer the way there.
        "can_open_supervision": any(
            a.name == "escalate_to_supervision"
            for a in services.available_actions(complaint, request.user, include_via=True)
        ),
        "points": complaint.points.select_related("theme"),
        "inquiries": inquiries,
        "rounds": rounds,
        # The files that came with a message are shown with the message.
        "attachments": complaint.attachments.filter(incoming__isnull=True),
        "incoming": incoming,
        "incoming_form": forms.IncomingForm(prefix="incoming"),
        "letters": letters,
        "other_departments": complaint.other_departments.all(),
        "letter_form": forms.LetterSendForm(prefix="letter"),
        "consequences": complaint.consequences.all(),
        "is_old": selectors.is_old(complaint),
        "reply_guarantee": selectors.reply_guarantee(complaint),
        "point_form": forms.PointForm(prefix="point"),
        "inquiry_form": forms.InquiryForm(prefix="inquiry"),
        "consent_form": forms.ConsentForm(prefix="consent"),
        "round_form": forms.RoundForm(prefix="round"),
        "attachment_form": forms.AttachmentForm(prefix="file"),
        "reply_form": forms.ReplyForm(prefix="reply"),
        "reassign_form": forms.ReassignForm(prefix="reassign", case=complaint),
        **notes,
        **duties,
        "status_url": reverse("complaints:public_status", args=[complaint.public_token]),
    }


@caseworker_required
@require_GET
def detail(request, pk):
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    # What the citizen sent since the caseworker last looked stands out on this visit.
    new_ids = set(complaint.incoming.filter(seen_at__isnull=True).values_list("pk", flat=True))
    services.incoming_seen(complaint=complaint, by=request.user)
    return render(request, "complaints/detail.html", _detail_context(request, complaint, new_ids))


@caseworker_required
@require_http_methods(["GET", "POST"])
def edit(request, pk):
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    form = forms.ComplaintEditForm(request.POST or None, instance=complaint)
    if request.method == "POST" and form.is_valid():
        try:
            services.complaint_update(
                complaint=complaint,
                by=request.user,
                data={name: form.cleaned_data[name] for name in form.Meta.fields},
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The case data is saved."))
            return redirect("complaints:detail", pk=complaint.pk)
    # An invalid form must not leak its unsaved values into the page's other parts.
    complaint.refresh_from_db()
    return render(request, "complaints/edit.html", {"form": form, "complaint": complaint})


@caseworker_required
@require_POST
def transition(request, pk, action):
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    return transition_post(
        request,
        action=action,
        actions=services.ui_actions(),
        make_form=lambda move, data: forms.transition_form(move, data, complaint=complaint),
        page="complaints/detail.html",
        page_context=lambda **override: _detail_context(request, complaint, **override),
        perform=lambda form: services.complaint_transition(
            complaint=complaint,
            action=action,
            by=request.user,
            note=form.cleaned_data.get("note", ""),
            expected_state=request.POST.get("expected_state") or None,
            fields=form.transition_fields(),
        ),
        success=lambda: (
            _("The case is now: %(state)s.")
            % {"state": selectors.complaint_for_user_or_404(request.user, pk).get_state_display()}
        ),
        done=redirect("complaints:detail", pk=complaint.pk),
    )


def _post_side_form(request, pk, form_class, prefix, write, success):
    """The small forms on the case page (points, letters, consents…): save, say, go back."""
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    form = form_class(request.POST, request.FILES, prefix=prefix)
    save_side_form(request, form, lambda data: write(complaint, data), success)
    return redirect("complaints:detail", pk=complaint.pk)


@caseworker_required
@require_POST
def point_add(request, pk):
    return _post_side_form(
        request,
        pk,
        forms.PointForm,
        "point",
        lambda c, d: services.complaint_point_add(
            complaint=c, by=request.user, theme=d["theme"], description=d["description"]
        ),
        _("The point is added."),
    )


@caseworker_required
@require_POST
def inquiry_add(request, pk):
    return _post_side_form(
        request,
        pk,
        forms.InquiryForm,
        "inquiry",
        lambda c, d: services.inquiry_send(complaint=c, by=request.user, **d),
        _("The written inquiry is registered."),
    )


def _inquiry_of(request, pk, inquiry_pk) -> WrittenInquiry:
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    return get_object_or_404(WrittenInquiry, pk=inquiry_pk, complaint=complaint)


@caseworker_required
@require_POST
def inquiry_remind(request, pk, inquiry_pk):
    inquiry = _inquiry_of(request, pk, inquiry_pk)
    return _post_side_form(
        request,
        pk,
        ReminderForm,
        f"remind{inquiry.pk}",
        lambda c, d: services.INQUIRIES.remind(inquiry=inquiry, by=request.user, sent_on=d["sent_on"]),
        _("The reminder is registered."),
    )


@caseworker_required
@require_POST
def reminder_correct(request, pk, inquiry_pk, reminder_pk):
    inquiry = _inquiry_of(request, pk, inquiry_pk)
    reminder = get_object_or_404(inquiry.reminders.select_related("inquiry__complaint"), pk=reminder_pk)
    return _post_side_form(
        request,
        pk,
        ReminderForm,
        f"reminder{reminder.pk}",
        lambda c, d: services.INQUIRIES.correct(reminder=reminder, by=request.user, sent_on=d["sent_on"]),
        _("The reminder's date is corrected."),
    )


@caseworker_required
@require_POST
def inquiry_reply(request, pk, inquiry_pk):
    inquiry = _inquiry_of(request, pk, inquiry_pk)
    return _post_side_form(
        request,
        pk,
        forms.ReplyForm,
        "reply",
        lambda c, d: services.INQUIRIES.answer(
            inquiry=inquiry, by=request.user, received_on=d["received_on"]
        ),
        _("The reply is registered."),
    )


@caseworker_required
@require_POST
def take(request, pk):
    """ "Tag sagen": the jurist becomes responsible for an unassigned case."""
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    run_transition(
        request,
        lambda: services.complaint_take(complaint=complaint, by=request.user),
        _("You are now responsible for the case."),
    )
    return redirect("complaints:detail", pk=pk)


@caseworker_required
@require_POST
def reassign(request, pk):
    """Another caseworker takes over the case, with a reason."""
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    form = forms.ReassignForm(request.POST, prefix="reassign", case=complaint)
    save_side_form(
        request,
        form,
        lambda data: services.complaint_reassign(
            complaint=complaint, by=request.user, to=data["responsible"], reason=data["reason"]
        ),
        _("The case has a new caseworker."),
    )
    return redirect("complaints:detail", pk=pk)


@head_required
@require_GET
def workload(request):
    """The head: the open complaints and the overdue among them, per caseworker."""
    return render(request, "complaints/workload.html", {"rows": selectors.workload()})


@caseworker_required
@require_POST
def consent_add(request, pk):
    return _post_side_form(
        request,
        pk,
        forms.ConsentForm,
        "consent",
        lambda c, d: services.mediation_consent_record(complaint=c, by=request.user, **d),
        _("The consent is registered."),
    )


@caseworker_required
@require_POST
def round_add(request, pk):
    return _post_side_form(
        request,
        pk,
        forms.RoundForm,
        "round",
        lambda c, d: services.mediation_round_add(complaint=c, by=request.user, **d),
        _("The mediation round is logged."),
    )

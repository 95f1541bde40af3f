"""Complaints views.

Audience, declared on each view: ``@caseworker_required`` — jurists and the head;
``@login_not_required`` — the public (the complaint form, the secret status link).

Transition moves share one POST-only view, parametrised by the action in its URL: the
actions differ only in which form they validate, and one view keeps the message handling
and the conflict handling identical for all of them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.audit import audit_record
from core.exports import escaped
from core.forms import ReminderForm
from core.throttle import Throttle
from core.viewhelpers import (
    action_forms,
    duties_context,
    error_text,
    note_context,
    run_transition,
    save_side_form,
    transition_post,
)

from . import casefile, forms, letters, selectors, services
from .models import Attachment, Channel, Complaint, Kind, LetterTemplate, OutgoingLetter, WrittenInquiry
from .permissions import caseworker_required, head_required, may_see_full_cpr, secretariat_required
from .resources import DepartmentExportResource

public_form_throttle = Throttle("complaint-form", limit=10, window_seconds=3600)
survey_throttle = Throttle("complaint-survey", limit=20, window_seconds=3600)
message_throttle = Throttle("complaint-message", limit=10, window_seconds=3600)
link_throttle = Throttle("complaint-link", limit=5, window_seconds=3600)
RECEIPT_SESSION_KEY = "complaint_receipt"


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
    page = Paginator(qs, selectors.PAGE_SIZE).get_page(request.GET.get("side"))
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


@caseworker_required
@require_POST
def attachment_add(request, pk):
    return _post_side_form(
        request,
        pk,
        forms.AttachmentForm,
        "file",
        lambda c, d: services.attachment_add(complaint=c, by=request.user, upload=d["file"]),
        _("The file is attached."),
    )


@caseworker_required
@require_POST
def letter_send(request, pk):
    return _post_side_form(
        request,
        pk,
        forms.LetterSendForm,
        "letter",
        lambda c, d: services.letter_send(
            complaint=c, by=request.user, code=d["code"], free_text=d["free_text"]
        ),
        _("The letter is sent and filed on the case."),
    )


def _letter_response(letter: OutgoingLetter) -> FileResponse:
    response = FileResponse(letter.pdf.open("rb"), content_type="application/pdf")
    # The file name carries the case number only, never a name.
    response["Content-Disposition"] = f'inline; filename="{letter.code}-{letter.complaint.case_number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@caseworker_required
@require_GET
def letter_download(request, pk, letter_pk):
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    return _letter_response(
        get_object_or_404(
            OutgoingLetter.objects.select_related("complaint"), pk=letter_pk, complaint=complaint
        )
    )


@caseworker_required
@require_POST
def incoming_add(request, pk):
    return _post_side_form(
        request,
        pk,
        forms.IncomingForm,
        "incoming",
        lambda c, d: services.incoming_register(
            complaint=c,
            by=request.user,
            received_on=d["received_on"],
            channel=d["channel"],
            sender=d["sender"],
            text=d["text"],
            upload=d["file"],
        ),
        _("The incoming mail is filed on the case."),
    )


@caseworker_required
@require_GET
def attachment_download(request, pk, attachment_pk):
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    attachment = get_object_or_404(Attachment, pk=attachment_pk, complaint=complaint)
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


# --- the public side ------------------------------------------------------------------------


@login_not_required
@sensitive_post_parameters()
@never_cache
@require_http_methods(["GET", "POST"])
def public_complaint_form(request):
    """Public: the digital complaint form. Asks first whether the department has had the
    complaint; if not, explains why that comes first and offers to forward it."""
    first = request.POST.get("complained_first") or request.GET.get("complained_first")
    if first not in {"yes", "no"}:
        # "step" comes with the step-1 form, so Continue without an answer is told why.
        invalid = "step" in request.GET or "complained_first" in request.GET
        return render(request, "complaints/public_step1.html", {"invalid": invalid})
    form = forms.PublicComplaintForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        key = data.pop("submission")
        # The same form sent again (the first answer never reached the citizen): its receipt.
        already = Complaint.objects.filter(submission_key=key).first() if key else None
        if already is not None:
            return _public_receipt(request, already)
        # Counted before the case is created (atomically), so parallel submissions cannot all
        # slip under the limit; a form with errors is not counted.
        if not public_form_throttle.take(request):
            messages.error(
                request,
                _(
                    "Too many complaints were sent from here within an hour. Try again later, "
                    "or call us on 33 66 14 00."
                ),
            )
            return render(request, "complaints/public_form.html", {"form": form, "first": first}, status=429)
        try:
            complaint = services.complaint_create(
                by=None,
                kind=Kind.COMPLAINT,
                channel=Channel.DIGITAL_FORM,
                complained_to_department_first=(first == "yes"),
                submission_key=key,
                **data,
            )
        except IntegrityError:
            # Sent twice at the same moment: the other request saved it.
            complaint = Complaint.objects.filter(submission_key=key).first() if key else None
            if complaint is None:
                raise
        return _public_receipt(request, complaint)
    return render(request, "complaints/public_form.html", {"form": form, "first": first})


def _public_receipt(request, complaint):
    # The receipt may offer to e-mail the link: only in this browser, for this case.
    request.session[RECEIPT_SESSION_KEY] = complaint.pk
    return render(
        request,
        "complaints/public_done.html",
        {
            "complaint": complaint,
            "status_url": request.build_absolute_uri(
                reverse("complaints:public_status", args=[complaint.public_token])
            ),
        },
    )


@login_not_required
@never_cache
@require_GET
def public_status(request, token):
    """Public, with the secret link: the case's stage and a plain-language timeline."""
    complaint = selectors.complaint_by_token_or_404(token)
    # The token is in the URL: the site-wide Referrer-Policy "same-origin" keeps it from other
    # sites. ("no-referrer" would make the browser send "Origin: null" with the survey's POST,
    # which Django's CSRF check rightly refuses.)
    return render(request, "complaints/public_status.html", _status_context(complaint, token))


def _reply_promised(complaint):
    """The day the citizen will have a written answer by, while none has been sent."""
    guarantee = selectors.reply_guarantee(complaint)
    if complaint.is_final or guarantee is None or guarantee["answered_on"]:
        return None
    return guarantee["due"]


def _status_context(complaint, token, message_form=None) -> dict:
    letters = list(complaint.letters.filter(recipient="citizen"))
    return {
        "complaint": complaint,
        "stage": selectors.PUBLIC_STAGE.get(complaint.state, ""),
        "waiting_for_you": selectors.public_waiting_for_citizen(complaint, letters),
        "timeline": selectors.public_timeline(complaint, letters),
        "reply_due": selectors.public_next_step(complaint),
        "reply_promised": _reply_promised(complaint),
        "outcome": selectors.public_outcome(complaint),
        "letters": letters,
        "survey_form": forms.SurveyForm() if services.survey_open(complaint) else None,
        "message_form": message_form or forms.CitizenMessageForm(prefix="message"),
        "form": message_form,
        "token": token,
    }


@login_not_required
@require_POST
def public_message(request, token):
    """Public, with the secret link: the citizen sends a message or a document to the case."""
    complaint = selectors.complaint_by_token_or_404(token)
    form = forms.CitizenMessageForm(request.POST, request.FILES, prefix="message")
    if not message_throttle.take(request):
        messages.error(
            request, _("You have sent many messages in a short time. Try again in an hour, or call us.")
        )
        return redirect("complaints:public_status", token=token)
    if form.is_valid():
        try:
            services.incoming_from_citizen(
                complaint=complaint, text=form.cleaned_data["text"], upload=form.cleaned_data["file"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request, _("Thank you. We have received your message, and your caseworker is told.")
            )
            return redirect("complaints:public_status", token=token)
    return render(
        request, "complaints/public_status.html", _status_context(complaint, token, form), status=400
    )


@login_not_required
@require_GET
def public_letter(request, token, letter_pk):
    """Public, with the secret link: a letter the case's citizen was sent, as a PDF."""
    complaint = selectors.complaint_by_token_or_404(token)
    letter = get_object_or_404(
        OutgoingLetter.objects.select_related("complaint"),
        pk=letter_pk,
        complaint=complaint,
        recipient="citizen",
    )
    return _letter_response(letter)


@login_not_required
@require_POST
def public_send_link(request, token):
    """Public, from the receipt page just shown in this browser: the status link by e-mail, to
    a case that has no address yet (which then becomes its address)."""
    complaint = selectors.complaint_by_token_or_404(token)
    form = forms.StatusLinkForm(request.POST, prefix="link")
    if request.session.get(RECEIPT_SESSION_KEY) != complaint.pk or complaint.contact_email:
        messages.error(
            request, _("The link can only be e-mailed from the receipt, right after the complaint is sent.")
        )
    elif not link_throttle.take(request):
        messages.error(
            request, _("You have asked for the link many times. Try again in an hour, or call us.")
        )
    elif form.is_valid():
        services.status_link_send(complaint=complaint, email=form.cleaned_data["email"])
        messages.success(request, _("The link is on its way to your e-mail."))
    else:
        messages.error(request, _("Write a valid e-mail address."))
    return redirect("complaints:public_status", token=token)


@login_not_required
@require_POST
def public_survey(request, token):
    """Public, with the secret link: the one-question satisfaction survey."""
    complaint = selectors.complaint_by_token_or_404(token)
    if not survey_throttle.take(request):
        raise Http404
    form = forms.SurveyForm(request.POST)
    if form.is_valid():
        try:
            services.complaint_survey_answer(complaint=complaint, answer=form.cleaned_data["answer"])
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("Thank you for your answer."))
    else:
        messages.error(request, _("Choose one of the answers."))
    return redirect("complaints:public_status", token=token)


# --- consultations and teaching -----------------------------------------------------------


@caseworker_required
@require_GET
def consultations(request):
    state = request.GET.get("state", "open")
    qs = selectors.consultation_list(
        request.user, state="" if state == "all" else state, kind=request.GET.get("kind", "")
    )
    page = Paginator(qs, selectors.PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request, "complaints/consultations.html", {"page": page, "state": state, "query": f"state={state}"}
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
            return redirect("complaints:consultations")
    return render(request, "complaints/consultation_form.html", {"form": form})


@caseworker_required
@require_GET
def consultation_detail(request, pk):
    consultation = selectors.consultation_for_user_or_404(request.user, pk)
    return render(
        request,
        "complaints/consultation_detail.html",
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
        return redirect("complaints:consultation_detail", pk=pk)
    return redirect("complaints:consultations")


@caseworker_required
@require_GET
def letter(request, pk, code):
    """The acknowledgement (code ``acknowledgement``) or, with ``?forelaeggelse=<id>``, the
    written inquiry to the department, as a PDF."""
    complaint = selectors.complaint_for_user_or_404(request.user, pk)
    inquiry = None
    if code == LetterTemplate.Code.WRITTEN_INQUIRY:
        inquiry = get_object_or_404(
            WrittenInquiry, pk=request.GET.get("forelaeggelse") or 0, complaint=complaint
        )
    elif code != LetterTemplate.Code.ACKNOWLEDGEMENT:
        raise Http404
    _title, pdf = letters.letter_pdf(code, complaint, inquiry)
    response = HttpResponse(pdf, content_type="application/pdf")
    # The file name carries the case number only, never a name or a CPR number.
    response["Content-Disposition"] = f'inline; filename="{code}-{complaint.case_number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


@caseworker_required
@require_GET
def case_file(request, case_number):
    """The case file as a PDF: facts, the list of documents and the timeline with notes. The CPR
    number in full only for who may see it. ``?cpr=skjul`` is the copy for somebody else (a
    request for access to documents): every CPR number in it masked — in the facts and in any
    message, file name, letter or note — and without the internal notes, calls and shuttle
    contacts. Written in the audit log: it is the case in one file."""
    complaint = selectors.complaint_for_user_or_404(request.user, case_number=case_number)
    external = request.GET.get("cpr") == "skjul"
    full = may_see_full_cpr(request.user, complaint) and not external
    pdf = casefile.case_file_pdf(
        complaint,
        cpr=complaint.person_cpr if full else complaint.masked_cpr,
        internal=not external,
        mask_cpr=not full,
    )
    audit_record(actor=request.user, action="case_file_printed", obj=complaint)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="akt-{complaint.case_number}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response


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
    content_type = {
        "csv": "text/csv; charset=utf-8",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }[data["format"]]
    body = dataset.export(data["format"])
    if data["format"] == "csv":
        body = "\ufeff" + body
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

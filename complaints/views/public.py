"""The public side (``@login_not_required``): the complaint form, and — with the case's secret link
— the status page, messages and documents from the citizen, letters, the survey."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.viewhelpers import (
    error_text,
)
from ops.throttle import Throttle

from .. import forms, selectors, services
from ..models import Channel, Complaint, Kind, OutgoingLetter
from .correspondence import _letter_response

public_form_throttle = Throttle("complaint-form", limit=10, window_seconds=3600)
survey_throttle = Throttle("complaint-survey", limit=20, window_seconds=3600)
message_throttle = Throttle("complaint-message", limit=10, window_seconds=3600)
link_throttle = Throttle("complaint-link", limit=5, window_seconds=3600)
RECEIPT_SESSION_KEY = "complaint_receipt"

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

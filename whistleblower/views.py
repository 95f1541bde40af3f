"""Whistleblower views.

The public portal (``@portal_page``): no sign-in, no session, no CSRF cookie — the receipt
code in the form body is the reporter's only credential, so there is no ambient authority a
forged request could use; pages are ``no-store`` and send no referrer. Nothing is logged
about the visitor (see LOGGING and the gunicorn access-log format).

The unit's pages (``@unit_member_required``): members of ``whistleblower_unit`` with a
verified TOTP second factor; everybody else gets 404.
"""

from functools import wraps

import django_otp
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.throttle import Throttle
from core.viewhelpers import error_text, run_transition

from . import forms, selectors, services
from .models import ReportFile
from .permissions import unit_member_required

# Five wrong receipt codes per ten minutes per client; the sixth is refused before any hash
# is checked. The client is a daily-salted hash held in memory only.
receipt_throttle = Throttle("wb-receipt", limit=5, window_seconds=600)


def portal_page(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"
        return response

    return login_not_required(csrf_exempt(wrapped))


# --- the public portal ---------------------------------------------------------------------


@portal_page
@require_GET
def portal(request):
    """Public: about the scheme, the way in, and the follow-up with a receipt code."""
    return render(request, "whistleblower/portal.html", {"receipt_form": forms.ReceiptForm()})


@portal_page
@require_http_methods(["GET", "POST"])
def portal_report(request):
    """Public: the report form. The receipt code is shown once, on the page that follows."""
    form = forms.ReportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        attachment = data.pop("attachment", None)
        try:
            with transaction.atomic():  # the report and its file, or neither
                _report, code = services.report_submit(**data)
                if attachment:
                    services.report_file_add(report=_report, upload=attachment, sender="reporter")
        except ValidationError as exc:
            form.add_error("attachment" if attachment else None, exc)
        else:
            return render(request, "whistleblower/portal_receipt.html", {"code": code})
    return render(request, "whistleblower/portal_form.html", {"form": form})


@portal_page
@require_POST
def portal_follow_up(request):
    """Public, with the receipt code: the messages both ways, and a reply."""
    code = request.POST.get("code", "")
    # Every try is counted before the code is checked, so parallel guesses cannot all get in
    # under the limit; a right code gives its count back.
    if not receipt_throttle.take(request):
        form = forms.ReceiptForm(request.POST)
        form.add_error("code", _("Too many wrong codes. Wait ten minutes and try again."))
        return render(request, "whistleblower/portal.html", {"receipt_form": form}, status=429)
    report = services.report_by_receipt(code)
    if report is not None:
        receipt_throttle.give_back(request)
    else:
        form = forms.ReceiptForm(request.POST)
        form.add_error("code", _("The code was not recognised. Check it and try again."))
        return render(request, "whistleblower/portal.html", {"receipt_form": form}, status=400)
    reply_form = forms.ReporterReplyForm(
        request.POST if "body" in request.POST else None, request.FILES or None, initial={"code": code}
    )
    sent = False
    if "body" in request.POST and reply_form.is_valid():
        try:
            with transaction.atomic():  # the message and its file, or neither
                services.reporter_message(report=report, body=reply_form.cleaned_data["body"])
                if reply_form.cleaned_data.get("attachment"):
                    services.report_file_add(
                        report=report, upload=reply_form.cleaned_data["attachment"], sender="reporter"
                    )
        except ValidationError as exc:
            reply_form.add_error(None, exc)
        else:
            sent = True
            reply_form = forms.ReporterReplyForm(initial={"code": code})
    return render(
        request,
        "whistleblower/portal_follow_up.html",
        {
            "report": report,
            "messages_to_read": selectors.messages_for_reporter(report),
            "reply_form": reply_form,
            "sent": sent,
            "stage": selectors.reporter_stage(report),
        },
    )


# --- the unit ------------------------------------------------------------------------------


@unit_member_required(verified=False)
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """Unit members: set up or enter the TOTP second factor before anything else."""
    device = TOTPDevice.objects.filter(user=request.user).order_by("-confirmed", "id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="Whistleblowerenheden", confirmed=False)
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            django_otp.login(request, device)
            return redirect("whistleblower:unit_queue")
        form.add_error("token", _("The code is wrong or too old. Try the newest code."))
    return render(
        request,
        "whistleblower/unit_second_factor.html",
        {
            "form": form,
            "device": device,
            "setting_up": not device.confirmed,
            "secret": device.bin_key.hex() if not device.confirmed else "",
            "config_url": device.config_url if not device.confirmed else "",
        },
    )


@unit_member_required
@require_GET
def unit_queue(request):
    reports = selectors.unit_queue(state=request.GET.get("state", "open"))
    return render(
        request,
        "whistleblower/unit_queue.html",
        {
            "reports": reports,
            "today": timezone.localdate(),
            "state": request.GET.get("state", "open"),
        },
    )


def _detail_context(request, report, **override):
    available = services.available_actions(report, request.user)
    return {
        "report": report,
        "actions": [
            (a, override.get(a.name) or forms.transition_form_class(a.name)(prefix=a.name)) for a in available
        ],
        "blocked": services.blocked_actions(report, request.user),
        "messages_list": report.messages.all(),
        "matters": report.matters.all(),
        "timeline": report.events.select_related("actor"),
        "access_log": report.access_log.select_related("actor")[:20],
        "message_form": forms.UnitMessageForm(prefix="msg"),
        "identity_form": forms.IdentityForm(prefix="id"),
        "disclosure_form": forms.DisclosureForm(prefix="disclose"),
        "notes_form": forms.NotesForm(prefix="notes", initial={"notes": report.notes}),
        "identity": override.get("identity"),
        "today": timezone.localdate(),
    }


@unit_member_required
@require_GET
def unit_report(request, pk):
    report = selectors.report_for_unit_or_404(request.user, pk)
    services.log_access(report=report, by=request.user)  # every opening is logged
    return render(request, "whistleblower/unit_report.html", _detail_context(request, report))


@unit_member_required
@require_POST
def unit_transition(request, pk, action):
    report = selectors.report_for_unit_or_404(request.user, pk)
    if action not in services.ui_actions():
        raise Http404
    form = forms.transition_form_class(action)(request.POST, prefix=action)
    if not form.is_valid():
        messages.error(request, _("The action was not carried out: correct the fields marked below."))
        context = _detail_context(request, report, **{action: form})
        context["open_action"] = action
        return render(request, "whistleblower/unit_report.html", context, status=400)
    run_transition(
        request,
        lambda: services.report_transition(
            report=report,
            action=action,
            by=request.user,
            expected_state=request.POST.get("expected_state") or None,
            **form.transition_kwargs(),
        ),
        _("The report is updated."),
    )
    return redirect("whistleblower:unit_report", pk=pk)


@unit_member_required
@require_POST
def unit_message(request, pk):
    report = selectors.report_for_unit_or_404(request.user, pk)
    form = forms.UnitMessageForm(request.POST, prefix="msg")
    if form.is_valid():
        try:
            services.unit_message(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The message is ready for the reporter."))
    else:
        messages.error(request, _("Write the message."))
    return redirect("whistleblower:unit_report", pk=pk)


@unit_member_required
@require_POST
def unit_identity(request, pk):
    """Opening the reporter's identity: a separate action, logged with its reason."""
    report = selectors.report_for_unit_or_404(request.user, pk)
    form = forms.IdentityForm(request.POST, prefix="id")
    if not form.is_valid():
        messages.error(request, _("Give the reason for opening the identity."))
        return redirect("whistleblower:unit_report", pk=pk)
    persons = services.identity_open(report=report, by=request.user, reason=form.cleaned_data["reason"])
    return render(
        request, "whistleblower/unit_report.html", _detail_context(request, report, identity=persons)
    )


@unit_member_required
@require_GET
def unit_file(request, pk, file_pk):
    """A report's file, decrypted for the unit; the download is logged like an opening."""
    report = selectors.report_for_unit_or_404(request.user, pk)
    stored = get_object_or_404(ReportFile, pk=file_pk, report=report)
    services.log_access(report=report, by=request.user, action="file_opened")
    response = HttpResponse(services.report_file_content(stored), content_type=stored.content_type)
    response["Content-Disposition"] = f'attachment; filename="{report.reference}-{stored.pk}"'
    response["Cache-Control"] = "no-store"
    return response


@unit_member_required
@require_http_methods(["GET", "POST"])
def unit_oral(request):
    """Register an oral report (phone or meeting) as a transcript or minutes."""
    form = forms.OralReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            report, code = services.report_register_oral(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(
                request,
                _(
                    "The report %(ref)s is registered. Give the reporter the receipt code "
                    "%(code)s — it is shown only now."
                )
                % {"ref": report.reference, "code": code},
            )
            return redirect("whistleblower:unit_report", pk=report.pk)
    return render(request, "whistleblower/unit_oral.html", {"form": form})


@unit_member_required
@require_POST
def unit_record_approved(request, pk):
    report = selectors.report_for_unit_or_404(request.user, pk)
    services.record_approved(report=report, by=request.user)
    messages.success(request, _("The reporter's approval of the record is registered."))
    return redirect("whistleblower:unit_report", pk=pk)


@unit_member_required
@require_POST
def unit_disclose(request, pk):
    """Disclosing the identity: only after a reasoned notice to the reporter; logged."""
    report = selectors.report_for_unit_or_404(request.user, pk)
    form = forms.DisclosureForm(request.POST, prefix="disclose")
    if form.is_valid():
        try:
            services.identity_disclose(report=report, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, _("The disclosure is registered in the log."))
    else:
        messages.error(request, _("Give the recipient and the reason for the disclosure."))
    return redirect("whistleblower:unit_report", pk=pk)


@unit_member_required
@require_POST
def unit_notes(request, pk):
    report = selectors.report_for_unit_or_404(request.user, pk)
    form = forms.NotesForm(request.POST, prefix="notes")
    if form.is_valid():
        services.notes_update(report=report, by=request.user, notes=form.cleaned_data["notes"])
        messages.success(request, _("The notes are saved."))
    else:
        messages.error(request, _("The notes are too long."))
    return redirect("whistleblower:unit_report", pk=pk)

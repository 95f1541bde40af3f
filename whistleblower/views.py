"""Whistleblower views.

The public portal (``@portal_page``): no sign-in, no session, no CSRF cookie — the receipt
code in the form body is the reporter's only credential, so there is no ambient authority a
forged request could use; pages send no referrer (and, like every page of the scheme, are
``no-store``: whistleblower.middleware). Nothing is logged
about the visitor (see LOGGING and the gunicorn access-log format).

The unit's pages (``@unit_member_required``): members of ``whistleblower_unit`` with a
verified TOTP second factor; everybody else gets 404.
"""

import base64
from functools import wraps

import django_otp
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.throttle import Throttle
from core.viewhelpers import action_forms, error_text, transition_post

from . import cleaning, forms, membership, selectors, services
from .models import AccessLog, CleanStatus, ReportFile
from .permissions import unit_member_required

# Five wrong receipt codes per ten minutes per client; the sixth is refused before any hash
# is checked. The client is a daily-salted hash held in memory only.
receipt_throttle = Throttle("wb-receipt", limit=5, window_seconds=600)
# Ten report submissions (valid or not) per hour per client: a real reporter who corrects a
# form a few times is never stopped; a client posting one 20 MB file after another is.
report_throttle = Throttle("wb-report", limit=10, window_seconds=3600)
# Follow-ups with files cost a cleaning each: ten per hour per client, counted before the code
# is checked, and twenty files a day per report — whether or not the code is right, and never
# given back (a valid code does not buy unlimited uploads).
follow_up_files_throttle = Throttle("wb-follow-up-files", limit=10, window_seconds=3600)
report_files_throttle = Throttle("wb-report-files", limit=20, window_seconds=24 * 3600)


PORTAL_LANGUAGES = ("da", "en")


def portal_page(view):
    """Public portal pages: no sign-in, no session, no CSRF cookie, not cached, no referrer.

    The language is chosen in the address (``?sprog=en``), never by a cookie: the portal sets
    none, and a language cookie set elsewhere on the site (it says something about the visitor)
    is ignored here. Every link and form on the portal carries the choice on
    (``portal_query``)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        language = request.GET.get("sprog") or request.POST.get("sprog") or settings.LANGUAGE_CODE
        if language not in PORTAL_LANGUAGES:
            language = settings.LANGUAGE_CODE
        with translation.override(language):
            request.LANGUAGE_CODE = language
            request.portal_query = "" if language == settings.LANGUAGE_CODE else f"?sprog={language}"
            response = view(request, *args, **kwargs)
            if hasattr(response, "render") and not getattr(response, "is_rendered", True):
                response.render()
        response["Referrer-Policy"] = "no-referrer"
        response["Content-Language"] = language
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
    if request.method == "POST" and not report_throttle.take(request):
        form = forms.ReportForm(request.POST)  # what was written stays; the file does not
        form.is_valid()
        form.add_error(
            None,
            _(
                "Too many reports have been sent from this connection within an hour. Nothing was "
                "sent now: wait an hour and send it again."
            ),
        )
        return render(request, "whistleblower/portal_form.html", {"form": form}, status=429)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        attachments = data.pop("attachments", [])
        try:
            with transaction.atomic():  # the report and its files, or nothing
                report, code = services.report_submit(**data, language=request.LANGUAGE_CODE)
                for upload in attachments:
                    services.report_file_add(report=report, upload=upload, sender="reporter")
        except ValidationError as exc:
            form.add_error("attachments" if attachments else None, exc)
        else:
            return render(request, "whistleblower/portal_receipt.html", {"code": code, "report": report})
    return render(request, "whistleblower/portal_form.html", {"form": form})


@portal_page
@require_POST
def portal_follow_up(request):
    """Public, with the receipt code: the messages both ways, and a reply."""
    code = request.POST.get("code", "")
    uploads = request.FILES.getlist("attachments")
    if uploads and not follow_up_files_throttle.take(request):
        form = forms.ReceiptForm(request.POST)
        form.add_error(
            None, _("Too many files have been sent from this connection within an hour. Wait an hour.")
        )
        return render(request, "whistleblower/portal.html", {"receipt_form": form}, status=429)
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
    sent, status = False, 200
    if uploads and not all(
        [report_files_throttle.take(request, subject=f"report:{report.pk}") for _ in uploads]
    ):
        reply_form.add_error(
            None,
            _(
                "Too many files have been sent with this report today. Nothing was sent now: send the "
                "message without files, or send the files tomorrow."
            ),
        )
        status = 429
    elif "body" in request.POST and reply_form.is_valid():
        try:
            with transaction.atomic():  # the message and its files, or nothing
                services.reporter_message(report=report, body=reply_form.cleaned_data["body"])
                for upload in reply_form.cleaned_data.get("attachments") or []:
                    services.report_file_add(report=report, upload=upload, sender="reporter")
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
            "own_files": report.files.filter(sender="reporter").only("name"),
            "messages_to_read": selectors.messages_for_reporter(report),
            "reply_form": reply_form,
            "sent": sent,
            "stage": selectors.reporter_stage(report),
        },
        status=status,
    )


# --- the unit ------------------------------------------------------------------------------


ENROLMENT_SESSION_KEY = "wb_enrolment"
# Five wrong enrolment codes per ten minutes per client (a code has 80 bits; this is for the log).
enrolment_throttle = Throttle("wb-enrolment", limit=5, window_seconds=600)


@unit_member_required(verified=False)
@require_http_methods(["GET", "POST"])
def second_factor(request):
    """Unit members: enter the TOTP code — or, without a device, set one up. Setting up needs
    the one-time enrolment code a verified member issued (the password alone never does)."""
    user = request.user
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return _verify_second_factor(request)
    pending = request.session.get(ENROLMENT_SESSION_KEY)
    device = TOTPDevice.objects.filter(user=user, pk=pending[1], confirmed=False).first() if pending else None
    if device is None:
        return _enter_enrolment_code(request)
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            try:
                device = membership.second_factor_enrol(
                    user=user, enrolment_id=pending[0], device_id=device.pk
                )
            except ValidationError as exc:
                request.session.pop(ENROLMENT_SESSION_KEY, None)
                form.add_error("token", error_text(exc))
            else:
                request.session.pop(ENROLMENT_SESSION_KEY, None)
                django_otp.login(request, device)
                messages.success(request, _("Your second factor is set up."))
                return redirect("whistleblower:unit_queue")
        else:
            form.add_error("token", _("The code is wrong or too old. Try the newest code."))
    return render(
        request,
        "whistleblower/unit_second_factor.html",
        {
            "form": form,
            "mode": "setup",
            "secret": base64.b32encode(device.bin_key).decode("ascii"),
            "config_url": device.config_url,
        },
    )


def _verify_second_factor(request):
    form = forms.TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = django_otp.match_token(request.user, form.cleaned_data["token"])
        if device is not None:
            django_otp.login(request, device)
            return redirect("whistleblower:unit_queue")
        form.add_error("token", _("The code is wrong or too old. Try the newest code."))
    return render(request, "whistleblower/unit_second_factor.html", {"form": form, "mode": "verify"})


def _enter_enrolment_code(request):
    form = forms.EnrolmentCodeForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        if not enrolment_throttle.take(request):
            form.add_error("enrolment_code", _("Too many wrong codes. Wait ten minutes and try again."))
            status = 429
        else:
            enrolment = membership.enrolment_for_code(
                user=request.user, code=form.cleaned_data["enrolment_code"]
            )
            if enrolment is None:
                form.add_error(
                    "enrolment_code",
                    _("The code was not recognised, is used or has expired. Ask the unit for a new one."),
                )
            else:
                enrolment_throttle.give_back(request)
                TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
                device = TOTPDevice.objects.create(
                    user=request.user, name="Whistleblowerenheden", confirmed=False
                )
                request.session[ENROLMENT_SESSION_KEY] = [enrolment.pk, device.pk]
                return redirect("whistleblower:second_factor")
    return render(
        request,
        "whistleblower/unit_second_factor.html",
        {"form": form, "mode": "enrol"},
        status=status,
    )


# --- the unit's members --------------------------------------------------------------------


def _members_context(**override):
    member_rows = list(
        membership.members().annotate(
            has_device=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))
        )
    )
    return {
        "members": member_rows,
        "add_form": override.get("add_form") or forms.MemberAddForm(prefix="add"),
        "log": AccessLog.objects.filter(report__isnull=True).select_related("actor", "member")[:50],
        "issued": override.get("issued"),
    }


@unit_member_required
@require_GET
def unit_members(request):
    """The unit's members, their second factor, and the log of changes. Only here can the
    unit's membership change."""
    return render(request, "whistleblower/unit_members.html", _members_context())


@unit_member_required
@require_POST
def unit_member_add(request):
    form = forms.MemberAddForm(request.POST, prefix="add")
    if form.is_valid():
        try:
            code = membership.member_add(
                user=form.cleaned_data["user"], by=request.user, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            # Shown on this page only: never in a cookie, a URL or a log.
            issued = {"user": form.cleaned_data["user"], "code": code}
            return render(request, "whistleblower/unit_members.html", _members_context(issued=issued))
    return render(request, "whistleblower/unit_members.html", _members_context(add_form=form), status=400)


def _on_member(request, user_pk, change):
    """Run ``change(member, reason)`` for a member's form on the members page. Returns what
    ``change`` returns, or None after telling the person what went wrong."""
    member = get_object_or_404(membership.members(), pk=user_pk)
    form = forms.ReasonForm(request.POST, prefix="member")
    if not form.is_valid():
        messages.error(request, _("Give the reason."))
        return None
    try:
        return change(member, form.cleaned_data["reason"]) or True
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return None


@unit_member_required
@require_POST
def unit_member_remove(request, user_pk):
    if _on_member(
        request, user_pk, lambda m, reason: membership.member_remove(user=m, by=request.user, reason=reason)
    ):
        messages.success(request, _("The person is no longer a member of the unit."))
    return redirect("whistleblower:unit_members")


@unit_member_required
@require_POST
def unit_member_code(request, user_pk):
    issued = _on_member(
        request,
        user_pk,
        lambda m, reason: {
            "user": m,
            "code": membership.enrolment_code_issue(user=m, by=request.user, reason=reason),
        },
    )
    if not issued:
        return redirect("whistleblower:unit_members")
    # Shown on this page only: never in a cookie, a URL or a log.
    return render(request, "whistleblower/unit_members.html", _members_context(issued=issued))


@unit_member_required
@require_GET
def unit_queue(request):
    """The unit's desk: counts per state, filters, a search in the reports' text, 50 a page,
    what is due first. A constant number of queries whatever the number of reports."""
    from urllib.parse import urlencode

    from django.core.paginator import Paginator

    form = forms.QueueFilterForm(request.GET or None, years=selectors.unit_years())
    filters = form.filters() if request.GET else forms.QueueFilterForm(years=()).filters()
    reports = selectors.unit_queue(**filters)
    words = form.words() if request.GET else []
    if words:
        reports = reports.filter(pk__in=selectors.unit_search(reports, words))
    page = Paginator(reports, selectors.QUEUE_PAGE_SIZE).get_page(request.GET.get("side"))
    query = urlencode([(k, v) for k, v in request.GET.items() if k != "side"])
    return render(
        request,
        "whistleblower/unit_queue.html",
        {
            "page": page,
            "form": form,
            "counts": selectors.unit_counts(),
            "today": timezone.localdate(),
            "query": query,
            "searched": bool(words),
            # The search and filters stay unfolded while one is in use.
            "filtered": any(request.GET.get(name) for name in ("q", "channel", "theme", "year", "overdue")),
        },
    )


def _file_status(stored) -> tuple[str, bool]:
    """What the unit reads about a file's cleaning, said once; and whether it is a warning."""
    status = stored.get_clean_status_display()
    if stored.clean_status == CleanStatus.PENDING:
        return _("Being cleaned: the cleaned copy is ready in a minute or two; reload the page."), False
    if stored.clean_status in (CleanStatus.FAILED, CleanStatus.LIMIT):
        reason = cleaning.problem_label(stored.clean_problem)
        text = (
            _("%(status)s: %(reason)s. Only the original can be opened.")
            % {
                "status": status,
                "reason": reason,
            }
            if reason
            else _("%(status)s. Only the original can be opened.") % {"status": status}
        )
        return text, True
    if stored.clean_status == CleanStatus.NOT_CLEANABLE:
        return _("%(status)s: it may carry the sender's name or other hidden information.") % {
            "status": status
        }, True
    text = status
    if stored.removed:
        text = _("Cleaned, removed: %(what)s") % {"what": ", ".join(cleaning.labels(stored.removed))}
    text += "."
    if stored.unchecked:
        text += " " + _("Kept without a check: %(what)s.") % {
            "what": ", ".join(cleaning.labels(stored.unchecked))
        }
    return text, bool(stored.unchecked)


def _file_entry(stored) -> dict:
    status, warn = _file_status(stored)
    return {
        "file": stored,
        "status": status,
        "warn": warn,
        # Plain text hides nothing: what the unit opens is the original itself.
        "offer_original": not (stored.readable_copy and not stored.cleaned_blob),
        "original_form": forms.OriginalFileForm(prefix=f"original-{stored.pk}"),
    }


def _detail_context(request, report, **override):
    available = services.available_actions(report, request.user)
    files = [_file_entry(stored) for stored in report.files.all()]
    return {
        "report": report,
        "actions": action_forms(
            available, lambda action: forms.transition_form(action, report=report), override
        ),
        "files": files,
        "blocked": services.blocked_actions(report, request.user),
        "messages_list": report.messages.all(),
        "matters": report.matters.all(),
        "timeline": report.events.select_related("actor"),
        "access_log": report.access_log.select_related("actor")[:20],
        "message_form": forms.UnitMessageForm(prefix="msg"),
        "identity_form": forms.IdentityForm(prefix="id"),
        "disclosure_form": forms.DisclosureForm(prefix="disclose"),
        "notes_form": forms.NotesForm(prefix="notes", initial={"notes": report.notes}),
        "summary_form": override.get("summary_form")
        or forms.SummaryForm(prefix="summary", initial={"summary": report.summary}),
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
    return transition_post(
        request,
        action=action,
        actions=services.ui_actions(),
        make_form=lambda move, data: forms.transition_form(move, data, report=report),
        page="whistleblower/unit_report.html",
        page_context=lambda **override: _detail_context(request, report, **override),
        perform=lambda form: services.report_transition(
            report=report,
            action=action,
            by=request.user,
            expected_state=request.POST.get("expected_state") or None,
            **form.transition_kwargs(),
        ),
        success=_("The report is updated."),
        done=redirect("whistleblower:unit_report", pk=pk),
    )


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
    """A report's file, decrypted for the unit: the cleaned copy (or a file with nothing hidden
    in it). A file that could not be cleaned is opened only as the original, with a reason
    (``unit_file_original``). Every download is logged."""
    report = selectors.report_for_unit_or_404(request.user, pk)
    stored = get_object_or_404(ReportFile, pk=file_pk, report=report)
    if not stored.readable_copy:
        raise Http404
    services.log_access(report=report, by=request.user, action="file_opened")
    return _file_response(report, stored, services.report_file_content(stored, original=False))


@unit_member_required
@require_POST
def unit_file_original(request, pk, file_pk):
    """The file as the reporter sent it — hidden information included — only with a reason,
    which the access log keeps."""
    report = selectors.report_for_unit_or_404(request.user, pk)
    stored = get_object_or_404(ReportFile, pk=file_pk, report=report)
    form = forms.OriginalFileForm(request.POST, prefix=f"original-{stored.pk}")
    if not form.is_valid():
        messages.error(request, _("Give the reason for opening the original."))
        return redirect("whistleblower:unit_report", pk=pk)
    services.log_access(
        report=report, by=request.user, action="original_opened", reason=form.cleaned_data["reason"]
    )
    return _file_response(report, stored, services.report_file_content(stored, original=True), original=True)


EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/tiff": ".tif",
    "text/plain": ".txt",
    "message/rfc822": ".eml",
    "application/vnd.ms-outlook": ".msg",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
}


def _file_response(report, stored, content: bytes, *, original: bool = False) -> HttpResponse:
    # Named by reference, never by the sender's file name (which may identify them).
    suffix = "-original" if original else ""
    name = f"{report.reference}-{stored.pk}{suffix}{EXTENSIONS.get(stored.content_type, '')}"
    response = HttpResponse(content, content_type=stored.content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
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
            # The receipt code is shown on this answer only: never in a redirect's message
            # (Django's messages travel in a signed, not encrypted, cookie), a URL or a log.
            return render(request, "whistleblower/unit_oral_done.html", {"report": report, "code": code})
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


@unit_member_required
@require_POST
def unit_summary(request, pk):
    """The unit's anonymised one-line summary for the annual account (whistleblower.annual)."""
    report = selectors.report_for_unit_or_404(request.user, pk)
    form = forms.SummaryForm(request.POST, prefix="summary")
    if form.is_valid():
        try:
            services.summary_update(report=report, by=request.user, summary=form.cleaned_data["summary"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The summary for the annual account is saved."))
            return redirect("whistleblower:unit_report", pk=pk)
    # What was written stays in the field, with the error beside it (never in a message: the
    # messages travel in a cookie).
    messages.error(request, _("The summary was not saved: correct the field marked below."))
    context = _detail_context(request, report, summary_form=form)
    return render(request, "whistleblower/unit_report.html", context, status=400)

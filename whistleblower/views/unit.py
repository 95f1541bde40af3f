"""The unit's work on reports (``@unit_member_required``: members of ``whistleblower_unit`` with a
verified second factor; everybody else gets 404): the queue, a report's page and its moves,
messages, identity, files, oral reports, notes and summaries."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.viewhelpers import action_forms, download, error_text, page_of, transition_post

from .. import cleaning, forms, selectors, services
from ..models import AccessAction, CleanStatus, ReportFile
from ..permissions import unit_member_required


@unit_member_required
@require_GET
def unit_queue(request):
    """The unit's desk: counts per state, filters, a search in the reports' text, 50 a page,
    what is due first. A constant number of queries whatever the number of reports."""
    form = forms.QueueFilterForm(request.GET or None, years=selectors.unit_years())
    filters = form.filters() if request.GET else forms.QueueFilterForm(years=()).filters()
    reports = selectors.unit_queue(**filters)
    words = form.words() if request.GET else []
    if words:
        reports = reports.filter(pk__in=selectors.unit_search(reports, words))
    page = page_of(request, reports, selectors.QUEUE_PAGE_SIZE)
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


def _save(request, pk, form, write, *, success: str, invalid: str):
    """A small form of the report page: validate, ``write(cleaned_data)`` (a service), say what
    happened — in fixed words, never the fields' errors or what was typed (the messages travel
    in a cookie) — and go back to the report."""
    if not form.is_valid():
        messages.error(request, invalid)
    else:
        try:
            write(form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, success)
    return redirect("whistleblower:unit_report", pk=pk)


@unit_member_required
@require_POST
def unit_message(request, pk):
    report = selectors.report_for_unit_or_404(request.user, pk)
    return _save(
        request,
        pk,
        forms.UnitMessageForm(request.POST, prefix="msg"),
        lambda data: services.unit_message(report=report, by=request.user, **data),
        success=_("The message is ready for the reporter."),
        invalid=_("Write the message."),
    )


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
    services.log_access(report=report, by=request.user, action=AccessAction.FILE_OPENED)
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
        report=report,
        by=request.user,
        action=AccessAction.ORIGINAL_OPENED,
        reason=form.cleaned_data["reason"],
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
    return download(content, name, stored.content_type)


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
    return _save(
        request,
        pk,
        forms.DisclosureForm(request.POST, prefix="disclose"),
        lambda data: services.identity_disclose(report=report, by=request.user, **data),
        success=_("The disclosure is registered in the log."),
        invalid=_("Give the recipient and the reason for the disclosure."),
    )


@unit_member_required
@require_POST
def unit_notes(request, pk):
    report = selectors.report_for_unit_or_404(request.user, pk)
    return _save(
        request,
        pk,
        forms.NotesForm(request.POST, prefix="notes"),
        lambda data: services.notes_update(report=report, by=request.user, notes=data["notes"]),
        success=_("The notes are saved."),
        invalid=_("The notes are too long."),
    )


@unit_member_required
@require_POST
def unit_summary(request, pk):
    """The unit's anonymised one-line summary for the annual account (``published.annual_account``)."""
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

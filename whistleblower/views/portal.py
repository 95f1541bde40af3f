"""The public portal (``@portal_page``): no sign-in, no session, no CSRF cookie — the receipt code
in the form body is the reporter's only credential, so there is no ambient authority a forged
request could use; pages send no referrer and are ``no-store`` (whistleblower.middleware).
Nothing is logged about the visitor."""

from functools import wraps

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ops.throttle import Throttle

from .. import forms, selectors, services

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

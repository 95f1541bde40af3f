"""A case's correspondence: attachments, letters (sent, drafted as PDF), what comes in, the case
file as a PDF. Audience: ``@caseworker_required``."""

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from core.audit import audit_record
from core.viewhelpers import PDF, download

from .. import casefile, forms, letters, selectors, services
from ..models import Attachment, LetterTemplate, OutgoingLetter, WrittenInquiry
from ..permissions import caseworker_required, may_see_full_cpr
from .case import _post_side_form


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
    if not letter.pdf:  # deleted under the retention schedule (retention.erase)
        raise Http404
    # The file name carries the case number only, never a name.
    name = f"{letter.code}-{letter.complaint.case_number}.pdf"
    return download(letter.pdf.open("rb"), name, PDF, attachment=False)


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
    if not attachment.file:  # deleted under the retention schedule (retention.erase)
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    return response


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
    # The file name carries the case number only, never a name or a CPR number.
    return download(pdf, f"{code}-{complaint.case_number}.pdf", PDF, attachment=False)


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
    return download(pdf, f"akt-{complaint.case_number}.pdf", PDF, attachment=False)

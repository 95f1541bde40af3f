"""Pages for two duties every kind of case shares: requests for access to documents
(``core.access``) and disqualification (``core.disqualification``).

Audience, declared on each view: jurists and the head (``role_required``), and among them only
who may see the case — the case app's own scoping (``CaseType.visible_to``, core.casetypes), without the
cases the reader is disqualified on (403 with the number alone).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from . import access
from .casetypes import case_type
from .disqualification import case_or_404, disqualification_record
from .forms import AccessDecisionForm, AccessRequestForm, DeadlineLetterForm, DisqualificationForm
from .models import AccessLetter, AccessRequest
from .permissions import role_required
from .roles import Role
from .viewhelpers import PDF, download, error_text, save_side_form

caseworker_required = role_required(Role.JURIST, Role.HEAD)


def _case(request, case: str, pk: int):
    """The case of the URL, if the reader may see it (403 "disqualified", or 404)."""
    return case_or_404(case_type(case).visible_to(request.user), request.user, pk=pk)


def _access_request(request, pk: int) -> AccessRequest:
    access_request = get_object_or_404(
        AccessRequest.objects.select_related("complaint", "consultation", "supervision"), pk=pk
    )
    _case(request, access_request.case_kind, access_request.case.pk)
    return access_request


@caseworker_required
@require_POST
def access_request_add(request, case, pk):
    """Register a request for access to documents on a complaint, consultation or supervision
    (``case`` comes from the URL pattern)."""
    instance = _case(request, case, pk)
    form = AccessRequestForm(request.POST, prefix="access")
    created = []
    registered = save_side_form(
        request,
        form,
        lambda data: created.append(
            access.access_request_register(instance=instance, by=request.user, data=data)
        ),
        _("The request is registered. Decide on the documents by the deadline."),
    )
    if registered:
        return redirect("core:access_request", pk=created[0].pk)
    return redirect(case_type(case).url("detail"), pk=pk)


def _detail(request, access_request, *, decision_form=None, deadline_form=None, status=200):
    documents = access.documents_of(access_request) if access_request.is_open else []
    return render(
        request,
        "core/access_request.html",
        {
            "access_request": access_request,
            "case": access_request.case,
            "case_url_name": case_type(access_request.case_kind).url("detail"),
            "decision_form": decision_form or AccessDecisionForm(documents=documents, prefix="decide"),
            "deadline_form": deadline_form or DeadlineLetterForm(prefix="deadline"),
            "decided_documents": access_request.documents.all() if not access_request.is_open else [],
            "letters": access_request.letters.select_related("sent_by"),
        },
        status=status,
    )


@caseworker_required
@require_GET
def access_request_detail(request, pk):
    """The request: its deadline, the case's documents with a decision for each, the letters."""
    return _detail(request, _access_request(request, pk))


@caseworker_required
@require_POST
def access_request_decide(request, pk):
    access_request = _access_request(request, pk)
    if not access_request.is_open:
        messages.error(request, _("The request has already been decided or withdrawn."))
        return redirect("core:access_request", pk=pk)
    form = AccessDecisionForm(request.POST, documents=access.documents_of(access_request), prefix="decide")
    if form.is_valid():
        try:
            access.access_request_decide(
                access_request=access_request, by=request.user, decisions=form.decisions()
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request, _("The decision is made; the letter and the documents are kept on the case.")
            )
            return redirect("core:access_request", pk=pk)
    messages.error(request, _("Nothing was decided: correct what is marked below."))
    return _detail(request, access_request, decision_form=form, status=400)


@caseworker_required
@require_POST
def access_deadline_letter(request, pk):
    access_request = _access_request(request, pk)
    form = DeadlineLetterForm(request.POST, prefix="deadline")
    save_side_form(
        request,
        form,
        lambda data: access.deadline_letter_send(
            access_request=access_request,
            by=request.user,
            reason=data["reason"],
            expected_on=data["expected_on"],
        ),
        _("The deadline letter is written and kept on the case."),
    )
    return redirect("core:access_request", pk=pk)


@caseworker_required
@require_POST
def access_request_withdraw(request, pk):
    access_request = _access_request(request, pk)
    try:
        access.access_request_withdraw(access_request=access_request, by=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("The request is registered as withdrawn."))
    return redirect("core:access_request", pk=pk)


@caseworker_required
@require_GET
def access_letter_download(request, pk, letter_pk):
    access_request = _access_request(request, pk)
    letter = get_object_or_404(AccessLetter, pk=letter_pk, request=access_request)
    if not letter.pdf:  # deleted under the retention schedule (retention.erase)
        raise Http404
    # Named by the case number only, never by a person.
    name = f"aktindsigt-{letter.kind}-{access_request.case.case_number}.pdf"
    return download(letter.pdf.open("rb"), name, PDF, attachment=False)


@caseworker_required
@require_POST
def disqualification_add(request, case, pk):
    """A caseworker declares themselves disqualified on a case; the head may record it for any
    caseworker. Whoever is disqualified no longer sees the case."""
    instance = _case(request, case, pk)
    form = DisqualificationForm(request.POST, prefix="disq", user=request.user)
    person = None

    def write(data):
        nonlocal person
        person = form.who()
        try:
            disqualification_record(instance=instance, person=person, by=request.user, reason=data["reason"])
        except PermissionDenied:
            raise ValidationError(_("Only the head records another person's disqualification.")) from None

    if (
        save_side_form(request, form, write, _("The disqualification is recorded."))
        and person == request.user
    ):
        # The case is closed to them now: back to the list of its kind.
        return redirect(case_type(case).list_url)
    return redirect(case_type(case).url("detail"), pk=pk)

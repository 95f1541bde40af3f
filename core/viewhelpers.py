"""Small helpers shared by the case apps' views: they turn service errors into Danish
messages so that bad input never becomes an error page."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django_fsm import TransitionNotAllowed

from .casetypes import case_type
from .forms import AccessRequestForm, DisqualificationForm, FollowUpForm, NoteForm
from .notes import merged_timeline, notes_of
from .workflow import ConflictError, personal_data_deleted_on

# Rows on a list page (the queues, the consultations, the recommendations tracker).
PAGE_SIZE = 25


def page_of(request, rows, size: int = PAGE_SIZE):
    """The page of ``rows`` the request asks for (``?side=N``); a missing or wrong number gives
    the first page, one past the end the last."""
    return Paginator(rows, size).get_page(request.GET.get("side"))


def error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def save_side_form(request, form, write, success: str) -> bool:
    """Validate ``form``; call ``write(cleaned_data)``; say what happened. True on success."""
    if not form.is_valid():
        errors = [
            f"{form.fields[name].label}: {' '.join(errs)}" if name in form.fields else " ".join(errs)
            for name, errs in form.errors.items()
        ]
        messages.error(request, _("Nothing was saved. ") + " ".join(errors))
        return False
    try:
        write(form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return False
    messages.success(request, success)
    return True


def run_transition(request, move, success) -> bool:
    """Run ``move()`` (a service's transition call) and report the outcome as a message."""
    try:
        move()
    except ConflictError as exc:
        messages.error(request, str(exc))
    except (TransitionNotAllowed, PermissionDenied):
        messages.error(request, _("That action is not possible in the case's present state."))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, success() if callable(success) else success)
        return True
    return False


def action_forms(available, make_form, override: dict) -> list[tuple]:
    """The page's moves with their forms: ``make_form(action)`` for each, unless ``override``
    holds a bound one (a move just refused, with its errors)."""
    return [(action, override.get(action.name) or make_form(action.name)) for action in available]


def transition_post(
    request, *, action: str, actions, make_form, page: str, page_context, perform, success, done
):
    """One move's POST, the same for every case kind: an action the page does not offer is 404;
    the move's own form (``make_form(action, data)``) is checked, and if it has errors the page
    is shown again (400) with that form open and its errors; otherwise ``perform(form)`` (the
    app's transition service) runs and the outcome is said in a message; then ``done``."""
    if action not in actions:
        raise Http404
    form = make_form(action, request.POST)
    if not form.is_valid():
        messages.error(request, _("The action was not carried out: correct the fields marked below."))
        context = page_context(**{action: form, "open_action": action})
        context["open_action"] = action
        return render(request, page, context, status=400)
    run_transition(request, lambda: perform(form), success)
    return done


def note_context(request, case: str, instance, events=()) -> dict:
    """What a case page needs for its notes: the form, the notes with a correction form for
    those the reader may still correct, and the timeline of events and notes together."""
    kind = case_type(case)
    notes = list(notes_of(case, instance))
    note_form = NoteForm(prefix="note")
    contacts = None
    for note in notes:
        note.edit_form = None
        if note.editable_by(request.user):
            contacts = contacts if contacts is not None else list(note_form.fields["contact"].choices)
            note.edit_form = NoteForm(instance=note, prefix=f"note{note.pk}", contact_choices=contacts)
            note.edit_url = reverse(kind.url("note_edit"), args=[instance.pk, note.pk])
    return {
        "note_form": note_form,
        "note_add_url": reverse(kind.url("note_add"), args=[instance.pk]),
        "notes": notes,
        "timeline": merged_timeline(events, notes),
        "timeline_events": events,
        "follow_up": {
            "on": instance.follow_up_on,
            "due": instance.follow_up_on is not None and instance.follow_up_on <= timezone.localdate(),
            "reason": instance.follow_up_reason,
            "form": FollowUpForm(
                prefix="follow",
                initial={
                    "follow_up_on": instance.follow_up_on,
                    "follow_up_reason": instance.follow_up_reason,
                },
            ),
            "url": reverse(kind.url("follow_up"), args=[instance.pk]),
        },
    }


def duties_context(request, case: str, instance) -> dict:
    """What a case page needs for its panels on requests for access to documents and on
    disqualification (``partials/case_duties.html``), and whether the case's personal data are
    deleted under the retention schedule (``partials/deleted_notice.html``)."""
    kind = case_type(case)
    return {
        "personal_data_deleted_on": personal_data_deleted_on(instance),
        "access_requests": list(instance.access_requests.all()),
        "access_form": AccessRequestForm(prefix="access", initial={"received_on": timezone.localdate()}),
        "access_add_url": reverse(kind.url("access_add"), args=[instance.pk]),
        "disqualifications": instance.disqualifications.select_related("person", "recorded_by"),
        "disqualification_form": DisqualificationForm(prefix="disq", user=request.user),
        "disqualification_url": reverse(kind.url("disqualification_add"), args=[instance.pk]),
    }


PDF = "application/pdf"

# The exports' formats (the CSV with a byte-order mark, so that Excel reads it as UTF-8).
EXPORT_CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def download(content, filename: str, content_type: str, *, attachment: bool = True) -> HttpResponse:
    """A document for the browser — a PDF, an export, a stored file — named by case number,
    year or reference (never by a person: the callers choose names without one), shown in
    the browser (``attachment=False``) or saved, and never kept in a shared cache.
    ``content`` is bytes, text or an open file (streamed)."""
    if isinstance(content, bytes | str):
        response = HttpResponse(content, content_type=content_type)
    else:
        response = FileResponse(content, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename)
    response["Cache-Control"] = "private, no-store"
    return response

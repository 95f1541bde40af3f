"""Core pages. Audience of each view is declared on it."""

import hashlib
import logging
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from ops.health import check, may_see_details
from ops.models import OutboxMessage
from ops.outbox import mask_address, purpose_label, retry
from ops.throttle import Throttle

from . import notes
from .casetypes import case_type
from .disqualification import Disqualified, case_or_404, without_disqualified
from .forms import FollowUpForm, NoteForm
from .models import CaseNote
from .navigation import nav_items_for
from .permissions import role_required
from .roles import Role
from .search import search as search_cases
from .viewhelpers import page_of, save_side_form

log = logging.getLogger(__name__)


@require_GET
def home(request):
    """Any signed-in person: the start page lists what their roles may use."""
    entries = [item for item in nav_items_for(request.user) if item["url"] != request.path]
    return render(request, "core/home.html", {"entries": entries})


@login_not_required
def permission_denied(request, exception=None):
    """Anybody refused a page (Django's 403 handler): the reason in words. A person
    disqualified on a case sees its number and the fact of the disqualification, nothing else."""
    number = exception.case_number if isinstance(exception, Disqualified) else ""
    return render(request, "403.html", {"disqualified_case": number}, status=403)


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """Public: the load balancer's health check. 200 while this node can serve — the database
    and the cache answer — else 503. To the internal network and signed-in staff it also names
    each part, with the outbox and the periodic jobs as words for monitoring (they do not take
    a node out of service); anybody else gets the one word. Statuses only: no counts, names,
    versions or errors."""
    details = may_see_details(request)
    status = check(details=details)
    healthy = status["database"] == "ok" and status["cache"] == "ok"
    body = status if details else {"status": "ok" if healthy else "down"}
    return JsonResponse(body, status=200 if healthy else 503)


@login_not_required
@require_GET
def accessibility(request):
    """Public: the accessibility statement (lov nr. 692 af 08/06/2018), linked from every
    footer. Long legal prose, so one template per language rather than one msgid per
    paragraph; Danish is the binding text."""
    language = "en" if translation.get_language() == "en" else "da"
    return render(request, f"core/accessibility_{language}.html")


@role_required(Role.SECRETARIAT)
@require_GET
def outbox(request):
    """The secretariat: outgoing e-mail that failed or waits — recipients masked, and nothing
    of the whistleblower unit's mail but that it exists."""
    shown = request.GET.get("vis", "problems")
    messages_qs = OutboxMessage.objects.only(
        "id",
        "created_at",
        "purpose",
        "confidential",
        "recipients",
        "subject",
        "state",
        "attempts",
        "last_error",
    ).order_by("-created_at")
    if shown != "all":
        messages_qs = messages_qs.exclude(state=OutboxMessage.State.SENT)
    page = page_of(request, messages_qs, 50)
    rows = [
        {
            "message": m,
            "purpose": purpose_label(m.purpose),
            "recipients": ", ".join(mask_address(a) for a in m.recipients) if not m.confidential else "—",
            "subject": "—" if m.confidential else m.subject,
        }
        for m in page
    ]
    return render(request, "core/outbox.html", {"page": page, "rows": rows, "shown": shown})


@role_required(Role.SECRETARIAT)
@require_POST
def outbox_retry(request, pk):
    message = get_object_or_404(OutboxMessage, pk=pk, state=OutboxMessage.State.FAILED)
    retry(message)
    messages.success(request, _("The e-mail is sent again."))
    return redirect("core:outbox")


# --- signing in ------------------------------------------------------------------------------


class SignInView(auth_views.LoginView):
    """Public: the sign-in page. With the municipality's identity provider configured it offers
    that first; the password form stays for development and the break-glass accounts."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = settings.OIDC_ENABLED
        context["oidc_failed"] = "kommunens-login" in self.request.GET
        return context


def _provider_unavailable(request):
    return render(
        request,
        "registration/provider_unavailable.html",
        {"oidc_enabled": settings.OIDC_ENABLED},
        status=503,
    )


def _provider_reachable() -> bool:
    """A quick look at the provider before sending the browser there (its signing keys). An
    answer is remembered for half a minute: a crowd at the sign-in page (or somebody reloading
    it) asks the provider once, not once each."""
    # lazy: sign-in through the identity provider is optional (OIDC_* settings)
    import requests

    endpoint = settings.OIDC_OP_JWKS_ENDPOINT
    key = f"oidc:reachable:{hashlib.sha256(endpoint.encode()).hexdigest()[:16]}"
    known = cache.get(key)
    if known is not None:
        return known
    try:
        reachable = requests.get(endpoint, timeout=3).status_code < 500
    except requests.RequestException:
        reachable = False
    cache.set(key, reachable, 30 if reachable else 5)
    return reachable


# Each start asks the provider and opens a sign-in: thirty per ten minutes per client is more
# than a person needs, and keeps an anonymous loop from making the server fetch the provider's
# keys (or fill the session store) without end.
oidc_start_throttle = Throttle("oidc-start", limit=30, window_seconds=600)


def _oidc_only(view):
    """The identity provider's pages exist only when it is configured: 404 otherwise, whatever
    the method."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not settings.OIDC_ENABLED:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapped


@login_not_required
@_oidc_only
@require_GET
def oidc_start(request):
    """Public: off to the municipality's identity provider — or, if it does not answer, a
    Danish page that says so (the public forms are not affected)."""
    # lazy: sign-in through the identity provider is optional (OIDC_* settings)
    from mozilla_django_oidc.views import OIDCAuthenticationRequestView

    if not oidc_start_throttle.take(request):
        return render(request, "registration/too_many_tries.html", status=429)
    if not _provider_reachable():
        log.warning("Identity provider unreachable at sign-in.")
        return _provider_unavailable(request)
    return OIDCAuthenticationRequestView.as_view()(request)


@login_not_required
@_oidc_only
@require_GET
def oidc_callback(request):
    """Public: the provider sends the browser back here with a code."""
    # lazy: sign-in through the identity provider is optional (OIDC_* settings)
    import requests

    # lazy: sign-in through the identity provider is optional (OIDC_* settings)
    from mozilla_django_oidc.views import OIDCAuthenticationCallbackView

    try:
        return OIDCAuthenticationCallbackView.as_view()(request)
    except requests.RequestException as exc:
        log.warning("Identity provider failed during sign-in: %s", type(exc).__name__)
        return _provider_unavailable(request)


# --- notes and calls on a case (core.notes) ------------------------------------------------


def _back_to_case(case: str, pk: int):
    return redirect(case_type(case).url("detail"), pk=pk)


def _case_or_404(request, case: str, pk: int):
    """The complaint, consultation or supervision of a note's URL; 403 with its number alone to
    a person disqualified on it (core.disqualification)."""
    return case_or_404(
        without_disqualified(notes.case_model(case).objects.all(), request.user), request.user, pk=pk
    )


@role_required(Role.JURIST, Role.HEAD)
@require_POST
def note_add(request, case, pk):
    """Jurists and the head: write down a note or a call on a complaint, consultation or
    supervision (``case`` comes from the URL pattern, never from the request)."""
    instance = _case_or_404(request, case, pk)
    form = NoteForm(request.POST, prefix="note")
    save_side_form(
        request,
        form,
        lambda data: notes.note_add(case=case, instance=instance, by=request.user, data=data),
        _("The note is saved."),
    )
    return _back_to_case(case, pk)


@role_required(Role.JURIST, Role.HEAD)
@require_POST
def note_edit(request, case, pk, note_pk):
    """Jurists and the head; only the note's author may correct it, and only for a short while
    (the service decides: somebody else's note is refused with 403)."""
    _case_or_404(request, case, pk)
    note = get_object_or_404(CaseNote.objects.filter(**{case: pk}), pk=note_pk)
    form = NoteForm(request.POST, prefix=f"note{note.pk}")
    save_side_form(
        request,
        form,
        lambda data: notes.note_edit(note=note, by=request.user, data=data),
        _("The note is corrected."),
    )
    return _back_to_case(case, pk)


@role_required(Role.JURIST, Role.HEAD)
@require_POST
def follow_up_set(request, case, pk):
    """Jurists and the head: the date to look at a complaint, consultation or supervision again."""
    instance = _case_or_404(request, case, pk)
    form = FollowUpForm(request.POST, prefix="follow")
    save_side_form(
        request,
        form,
        lambda data: notes.follow_up_set(
            case=case,
            instance=instance,
            by=request.user,
            on=data["follow_up_on"],
            reason=data["follow_up_reason"],
        ),
        _("The follow-up date is saved."),
    )
    return _back_to_case(case, pk)


@role_required(Role.JURIST, Role.HEAD)
@require_GET
def search(request):
    """Jurists and the head: complaints, supervisions and consultations together. Never the
    whistleblower unit's reports (its app offers the search nothing). The words are in the URL;
    the request log keeps the route only (ops.middleware)."""
    q = " ".join(request.GET.get("q", "").split())[:200]
    return render(
        request, "core/search.html", {"q": q, "sections": search_cases(request.user, q) if q else []}
    )

"""Complaints views. Each view states its audience in its decorator."""

from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def public_complaint_form(request):
    """Public: the digital complaint form (built in the complaints issue)."""
    return render(request, "complaints/public_form_pending.html")


@login_not_required
@require_GET
def public_status(request, token):
    """Public, with the secret link: the complainant's status page. Unknown tokens are 404."""
    raise Http404

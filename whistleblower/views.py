"""Whistleblower views. Public portal pages are marked; the unit's pages arrive with its issue."""

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.views.decorators.http import require_GET


@login_not_required
@require_GET
def portal(request):
    """Public: information about the whistleblower scheme."""
    return render(request, "whistleblower/portal_pending.html")

"""Core pages. Audience of each view is declared on it."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.views.decorators.http import require_GET

from .navigation import nav_items_for


@require_GET
def home(request):
    """Any signed-in person: the start page lists what their roles may use."""
    entries = [item for item in nav_items_for(request.user) if item["url"] != request.path]
    return render(request, "core/home.html", {"entries": entries})


@login_not_required
@require_GET
def healthz(request):
    """Public: load balancer health check. Touches nothing, reveals nothing."""
    return HttpResponse("ok", content_type="text/plain")


@login_not_required
@require_GET
def accessibility(request):
    """Public: the accessibility statement (lov nr. 692 af 08/06/2018), linked from every
    footer. Long legal prose, so one template per language rather than one msgid per
    paragraph; Danish is the binding text."""
    language = "en" if translation.get_language() == "en" else "da"
    return render(request, f"core/accessibility_{language}.html")

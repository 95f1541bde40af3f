"""The restore drill's look at the case pages: the first ones as a jurist sees them."""

import re

from django.contrib.auth import get_user_model
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.test import RequestFactory

from ops.drill import digest

from . import views
from .models import Complaint

CASE_PAGES = 25  # the first case pages the drill looks at


def look(today: str) -> dict:
    pages = {}
    jurist = (
        get_user_model()
        .objects.filter(groups__name__in=["jurist", "head"], is_active=True)
        .order_by("pk")
        .first()
    )
    if jurist is None:
        return {"pages": pages}
    factory = RequestFactory()
    for complaint in Complaint.objects.order_by("pk")[:CASE_PAGES]:
        request = factory.get(f"/sager/{complaint.pk}/")
        request.user, request.session = jurist, SessionStore()
        request._messages = FallbackStorage(request)
        html = views.detail(request, complaint.pk).content.decode()
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)  # random per request
        # The note form offers "now" (to the minute) as the time of a call: the two looks at
        # the two systems may straddle a minute, so that value is no part of the comparison.
        html = re.sub(r'(name="(?:initial-)?note-occurred_at") value="[^"]*"', r"\1", html)
        pages[complaint.case_number] = digest(html.encode())
    return {"pages": pages}

"""`seed_demo` itself: refused in production, and another seed gives another working demo.
The demo users of the default seed: tests/core/test_seed_demo_users.py (seeded once there)."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import override_settings

pytestmark = pytest.mark.django_db


@override_settings(DEMO_DATA_ALLOWED=False)
def test_seed_demo_refuses_where_demo_data_is_not_allowed():
    with pytest.raises(CommandError, match="refuses to run here"):
        call_command("seed_demo")
    assert not get_user_model().objects.exists()


def test_seed_demo_gives_a_working_queue_across_the_tracks():
    from complaints.models import CaseEvent, Complaint
    from consultations.models import Consultation

    call_command("seed_demo", seed=7)
    tracks = set(Complaint.objects.exclude(track="").values_list("track", flat=True))
    assert tracks >= {"advice", "forwarded", "rejected", "telephone", "written", "mediation"}
    open_states = set(Complaint.objects.filter(closed_on__isnull=True).values_list("state", flat=True))
    assert open_states >= {"received", "screening", "telephone", "written", "mediation"}
    assert not Complaint.objects.filter(events__isnull=True).exists()  # every case has its timeline
    closed = Complaint.objects.filter(state="closed").exclude(events__action="imported").count()
    assert CaseEvent.objects.filter(action="close").count() == closed
    assert Consultation.objects.filter(kind="teaching").exists()
    before = Complaint.objects.count()
    call_command("seed_demo", seed=7)
    assert Complaint.objects.count() == before

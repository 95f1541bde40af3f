import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command
from django.test import RequestFactory, override_settings

from core.permissions import has_role, is_whistleblower_unit_member

pytestmark = pytest.mark.django_db

EXPECTED = {
    "jurist": "jurist",
    "borgerraadgiver": "head",
    "wbenhed": "whistleblower_unit",
    "udvalg": "committee",
    "sekretariat": "secretariat",
}


def test_seed_demo_creates_one_user_per_role_with_password_demo():
    call_command("seed_demo")
    for username, role in EXPECTED.items():
        # As the login page does: django-axes needs the request to count attempts.
        user = authenticate(RequestFactory().post("/log-ind/"), username=username, password="demo")
        assert user is not None, username
        assert has_role(user, role)
        assert list(user.groups.values_list("name", flat=True)) == [role]
    assert is_whistleblower_unit_member(get_user_model().objects.get(username="wbenhed"))


def test_seed_demo_can_run_twice():
    call_command("seed_demo")
    call_command("seed_demo")
    assert get_user_model().objects.filter(username__in=EXPECTED).count() == 5


@override_settings(DEMO_DATA_ALLOWED=False)
def test_seed_demo_refuses_where_demo_data_is_not_allowed():
    with pytest.raises(CommandError, match="refuses to run here"):
        call_command("seed_demo")
    assert not get_user_model().objects.exists()


def test_seed_demo_gives_a_working_queue_across_the_tracks():
    from complaints.models import CaseEvent, Complaint, Consultation

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

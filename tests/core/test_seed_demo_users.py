"""The demo users `seed_demo` makes, on the demo seeded once for this module (``demo_2023``,
tests/demo.py: the default seed). Every test here reads that demo; none may leave the fixture
out, since the module's seeding is there for all of them."""

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory

from core.permissions import has_role, is_whistleblower_unit_member

# Every test here reads the demo seeded once for the module; none may do without it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_2023")]

EXPECTED = {
    "jurist": "jurist",
    "borgerraadgiver": "head",
    "wbenhed": "whistleblower_unit",
    "udvalg": "committee",
    "sekretariat": "secretariat",
}


def test_seed_demo_creates_one_user_per_role_with_password_demo(demo_2023):
    for username, role in EXPECTED.items():
        # As the login page does: django-axes needs the request to count attempts.
        user = authenticate(RequestFactory().post("/log-ind/"), username=username, password="demo")
        assert user is not None, username
        assert has_role(user, role)
        assert list(user.groups.values_list("name", flat=True)) == [role]
    assert is_whistleblower_unit_member(get_user_model().objects.get(username="wbenhed"))


def test_seed_demo_can_run_twice(demo_2023):
    call_command("seed_demo")  # the second time: demo_2023 ran it once (the default seed)
    assert get_user_model().objects.filter(username__in=EXPECTED).count() == 5

"""The general admin at the insider boundary (issue 14, findings 2 and 19): the secretariat's
case-data pages show codes and dates only and refuse lookups on personal fields; no admin page
names a whistleblower object, count or state — not even the delete pages of the unit's
members, as a superuser."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ComplaintFactory, UserFactory
from whistleblower import services as wb_services

pytestmark = pytest.mark.django_db

CPR = "010190-1234"


@pytest.fixture
def case():
    return ComplaintFactory(
        person_name="Karen Hemmeligsen",
        person_cpr=CPR,
        contact_address="Løvstræde 7, 1152 København K",
        contact_email="karen@example.invalid",
        contact_phone="+45 12 34 56 78",
        summary="Min datter har ikke fået sin kørestol i fem måneder.",
    )


PERSONAL = ["Hemmeligsen", "010190", "Løvstræde", "karen@example", "12 34 56 78", "kørestol"]


def test_the_secretariats_case_page_in_the_admin_shows_codes_and_dates_only(secretariat, case):
    client = Client()
    client.force_login(secretariat)
    for url in (
        reverse("admin:complaints_complaint_change", args=[case.pk]),
        reverse("admin:complaints_complaint_changelist"),
        reverse("admin:complaints_complaint_history", args=[case.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert case.case_number in html
        assert [word for word in PERSONAL if word in html] == [], url


@pytest.mark.parametrize(
    "lookup",
    [
        "person_cpr__startswith=0101",
        "person_cpr=010190-1234",
        "person_name__icontains=karen",
        "contact_email__contains=karen",
        "contact_address__icontains=løv",
        "summary__icontains=kørestol",
        "responsible__username=p-jurist",
    ],
)
def test_lookups_on_personal_fields_are_refused_not_answered(secretariat, case, lookup):
    """Before: ?person_cpr__startswith=… filtered the list — a CPR/name oracle."""
    client = Client()
    client.force_login(secretariat)
    response = client.get(f"{reverse('admin:complaints_complaint_changelist')}?{lookup}")
    assert response.status_code == 400
    assert case.case_number not in response.content.decode()


def test_the_lists_own_filters_still_work(secretariat, case):
    client = Client()
    client.force_login(secretariat)
    url = reverse("admin:complaints_complaint_changelist")
    assert case.case_number in client.get(f"{url}?kind__exact=complaint").content.decode()
    assert case.case_number not in client.get(f"{url}?kind__exact=inquiry").content.decode()


@pytest.fixture
def unit_worker(second_unit_member):
    """A member who has handled a report: a message, a timeline row, an access-log row."""
    report, _code = wb_services.report_submit(body="Lederen bestiller møbler privat.")
    wb_services.report_transition(
        report=report, action="acknowledge", by=second_unit_member, message="Tak for din indberetning."
    )
    wb_services.log_access(report=report, by=second_unit_member)
    second_unit_member.report = report
    return second_unit_member


@pytest.fixture
def second_unit_member():
    return UserFactory(username="wb-handler", roles=["whistleblower_unit"])


def readable(response) -> str:
    return response.content.decode()


def test_no_delete_page_names_a_whistleblower_object(superuser, unit_worker):
    """Before: the superuser's delete page listed "Message: WB-2026-0002 acknowledgement",
    "Report event: WB-2026-0002 acknowledge" … — references, who handled what, what happened."""
    client = Client()
    client.force_login(superuser)
    reference = unit_worker.report.reference
    page = client.get(reverse("admin:auth_user_delete", args=[unit_worker.pk]))
    assert page.status_code == 403
    assert reference not in readable(page)
    bulk = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [unit_worker.pk]},
    )
    html = readable(bulk)
    assert reference not in html and "WB-" not in html
    for word in ("Message", "Besked", "Report event", "acknowledg", "Access log"):
        assert word not in html
    assert "whistleblowerenhedens registreringer henviser til denne konto" in html
    confirmed = client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "delete_selected", "_selected_action": [unit_worker.pk], "post": "yes"},
    )
    assert confirmed.status_code in (200, 302)
    unit_worker.refresh_from_db()  # still there, and the unit's records intact
    assert unit_worker.report.messages.filter(author=unit_worker).exists()


def test_a_former_member_is_kept_too(superuser, unit_worker, second_factor_colleague):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from whistleblower import membership

    TOTPDevice.objects.create(user=unit_worker, name="app", confirmed=True)
    membership.member_remove(user=unit_worker, by=second_factor_colleague, reason="Fratrådt")
    client = Client()
    client.force_login(superuser)
    response = client.get(reverse("admin:auth_user_delete", args=[unit_worker.pk]))
    assert response.status_code == 403


def test_an_ordinary_account_can_still_be_deleted(superuser):
    leaver = UserFactory(username="fratraadt", roles=["jurist"])
    client = Client()
    client.force_login(superuser)
    assert client.get(reverse("admin:auth_user_delete", args=[leaver.pk])).status_code == 200
    client.post(reverse("admin:auth_user_delete", args=[leaver.pk]), {"post": "yes"})
    assert not type(leaver).objects.filter(pk=leaver.pk).exists()


@pytest.fixture
def second_factor_colleague():
    from django_otp.plugins.otp_totp.models import TOTPDevice

    user = UserFactory(username="wb-colleague", roles=["whistleblower_unit"])
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    return user


@pytest.mark.parametrize("persona", ["jurist", "head", "committee", "secretariat", "outsider", "superuser"])
def test_no_admin_page_about_a_unit_account_names_the_units_work(persona, request, unit_worker):
    """The change, history, password and delete pages of a unit member's account, for every
    persona: refused, or shown without a word of the unit's records."""
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    reference = unit_worker.report.reference
    for name in ("change", "history", "delete", "password_change"):
        response = client.get(reverse(f"admin:auth_user_{name}", args=[unit_worker.pk]))
        html = readable(response) if response.status_code == 200 else ""
        assert reference not in html, (persona, name)
        assert "Tak for din indberetning" not in html
        assert "acknowledge" not in html

"""Only the whistleblower unit, signed in with a second factor, reaches any whistleblower
content — superusers included in the refusal."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.urls import all_url_samples

pytestmark = pytest.mark.django_db


def unit_urls(report):
    names = [s.name for s in all_url_samples() if s.name.startswith("whistleblower:unit_")]
    assert len(names) >= 5
    urls = []
    for name in names:
        kwargs = {"pk": report.pk}
        if name == "whistleblower:unit_transition":
            kwargs["action"] = "acknowledge"
        if name in ("whistleblower:unit_file", "whistleblower:unit_file_original"):
            kwargs["file_pk"] = 1
        if name in (
            "whistleblower:unit_queue",
            "whistleblower:unit_oral",
            "whistleblower:unit_members",
            "whistleblower:unit_member_add",
        ):
            kwargs = {}
        if name in ("whistleblower:unit_member_remove", "whistleblower:unit_member_code"):
            kwargs = {"user_pk": report.pk}
        urls.append(reverse(name, kwargs=kwargs))
    return [*urls, reverse("whistleblower:second_factor")]


@pytest.mark.parametrize(
    "persona_name", ["jurist", "head", "committee", "secretariat", "outsider", "superuser"]
)
def test_everybody_outside_the_unit_gets_404_on_every_unit_url(persona_name, request, client_for, report):
    client = client_for(request.getfixturevalue(persona_name))
    for url in unit_urls(report):
        assert client.get(url).status_code == 404, url
        assert client.post(url).status_code in (404, 405), url


def test_a_member_without_a_confirmed_second_factor_is_sent_to_set_one_up(client_for, wb_member, report):
    client = client_for(wb_member)
    for url in unit_urls(report)[:-1]:
        response = client.get(url)
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert response["Location"] == reverse("whistleblower:second_factor")
    page = client.get(reverse("whistleblower:second_factor")).content.decode()
    # Without an enrolment code, no key is shown: the password alone sets up nothing.
    assert 'id="totp-secret"' not in page
    assert "Tilmeldingskode" in page


def test_setting_up_the_second_factor_with_an_enrolment_code_opens_the_unit(
    client_for, wb_member, report, second_factor_member
):
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from whistleblower import membership

    code = membership.enrolment_code_issue(user=wb_member, by=second_factor_member, reason="Ny telefon")
    client = client_for(wb_member)
    wrong_code = client.post(
        reverse("whistleblower:second_factor"), {"enrolment_code": "AAAA-BBBB-CCCC-DDDD"}
    )
    assert "Koden blev ikke genkendt" in wrong_code.content.decode()
    assert not TOTPDevice.objects.filter(user=wb_member).exists()
    client.post(reverse("whistleblower:second_factor"), {"enrolment_code": code.lower()})
    page = client.get(reverse("whistleblower:second_factor")).content.decode()
    assert 'id="totp-secret"' in page
    device = TOTPDevice.objects.get(user=wb_member)
    assert not device.confirmed
    wrong = client.post(reverse("whistleblower:second_factor"), {"token": "000000"})
    assert "Koden er forkert" in wrong.content.decode()
    # django-otp delays the next try after a wrong code; a person would wait a moment too.
    with time_machine.travel(dt.datetime.now(tz=dt.UTC) + dt.timedelta(seconds=5), tick=False):
        device.refresh_from_db()
        client.post(reverse("whistleblower:second_factor"), {"token": f"{totp(device.bin_key):06d}"})
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("whistleblower:unit_queue")).status_code == 200


def test_no_whistleblower_content_in_the_other_roles_pages(
    client_for, jurist, committee, secretariat, report
):
    for user in (jurist, committee, secretariat):
        client = client_for(user)
        for url in ["/", "/sager/?scope=all", "/statistik/", "/admin/"]:
            html = client.get(url).content.decode()
            assert (
                "Hr. Hemmelig" not in html and "projektkontoen" not in html and report.reference not in html
            )

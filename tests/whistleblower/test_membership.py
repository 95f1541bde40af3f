"""Who gets into the whistleblower unit (issue 14, finding 1).

Before: a superuser added themselves to ``whistleblower_unit`` on their own user page in the
admin, enrolled a TOTP device with the password alone, and read every report. Now membership
changes only in the unit's own area (a verified member, with a reason) or by the command on
the server for the very first member; a second factor needs a one-time enrolment code; every
change is logged and mailed to the members without content."""

import re
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from core.permissions import is_whistleblower_unit_member
from tests.factories import UserFactory
from tests.sessions import sign_in_with_second_factor
from whistleblower import membership, services
from whistleblower.models import AccessLog, EnrolmentCode

pytestmark = pytest.mark.django_db


def admin_form_data(response) -> dict:
    """What the admin's change form would post back unchanged, from the page's own form."""
    from django.forms import SplitDateTimeWidget

    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        if field.disabled:
            continue
        value = form[name].value()
        if isinstance(field.widget, SplitDateTimeWidget):
            data[f"{name}_0"] = value.strftime("%Y-%m-%d") if value else ""
            data[f"{name}_1"] = value.strftime("%H:%M:%S") if value else ""
        elif isinstance(value, list | tuple):
            # A browser posts only what the select offers.
            offered = {str(choice) for choice, _label in field.choices}
            data[name] = [str(v) for v in value if str(v) in offered]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = str(value)
    return data


def test_a_superuser_cannot_put_themselves_in_the_unit_from_their_user_page(superuser):
    client = Client()
    client.force_login(superuser)
    url = reverse("admin:auth_user_change", args=[superuser.pk])
    page = client.get(url)
    unit = Group.objects.get(name="whistleblower_unit")
    assert unit not in page.context["adminform"].form.fields["groups"].queryset  # not among the choices
    data = admin_form_data(page)
    data["groups"] = [str(unit.pk)]
    response = client.post(url, data)
    assert response.status_code == 200  # the form comes back with an error, nothing saved
    assert response.context["adminform"].form.errors["groups"]
    assert not superuser.groups.filter(name="whistleblower_unit").exists()
    assert client.get(reverse("whistleblower:second_factor")).status_code == 404
    assert client.get(reverse("whistleblower:unit_queue")).status_code == 404


def test_a_superuser_cannot_rename_or_delete_the_units_group(superuser):
    client = Client()
    client.force_login(superuser)
    unit = Group.objects.get(name="whistleblower_unit")
    change = reverse("admin:auth_group_change", args=[unit.pk])
    assert client.post(change, {"name": "tidligere-enhed"}).status_code == 403
    assert client.post(reverse("admin:auth_group_delete", args=[unit.pk]), {"post": "yes"}).status_code == 403
    bulk = client.post(
        reverse("admin:auth_group_changelist"),
        {"action": "delete_selected", "_selected_action": [unit.pk], "post": "yes"},
    )
    assert bulk.status_code == 200 and "kan ikke slettes" in bulk.content.decode()
    assert Group.objects.filter(name="whistleblower_unit").exists()


def test_saving_a_members_user_page_in_the_admin_keeps_the_membership(superuser, wb_member):
    client = Client()
    client.force_login(superuser)
    url = reverse("admin:auth_user_change", args=[wb_member.pk])
    data = admin_form_data(client.get(url))
    data["first_name"] = "Omdøbt"
    data.pop("is_active", None)  # read-only for members: posting it changes nothing
    assert client.post(url, data).status_code == 302
    wb_member.refresh_from_db()
    assert wb_member.first_name == "Omdøbt" and wb_member.is_active
    assert is_whistleblower_unit_member(wb_member)


def test_no_code_path_outside_the_units_services_changes_the_membership(superuser, wb_member):
    unit = Group.objects.get(name="whistleblower_unit")
    attempts = [
        lambda: superuser.groups.add(unit),
        lambda: unit.user_set.add(superuser),
        lambda: wb_member.groups.clear(),
        lambda: wb_member.groups.set([]),
        lambda: Group.objects.filter(pk=unit.pk).first().delete(),
    ]
    for attempt in attempts:
        with pytest.raises(membership.UnitMembershipLocked), transaction.atomic():
            attempt()
    with pytest.raises(membership.UnitMembershipLocked), transaction.atomic():
        unit.name = "noget-andet"
        unit.save()
    assert is_whistleblower_unit_member(wb_member)
    assert not superuser.groups.exists()


def test_a_superuser_is_never_a_member_even_inside_the_group(superuser):
    with membership._permitted_change():
        superuser.groups.add(Group.objects.get(name="whistleblower_unit"))
    superuser._role_names = None
    assert not is_whistleblower_unit_member(superuser)
    client = sign_in_with_second_factor(Client(), superuser)
    assert client.get(reverse("whistleblower:unit_queue")).status_code == 404


def test_the_password_alone_never_enrols_a_second_factor(wb_member):
    """A member without a device (or somebody holding their password) gets no key."""
    client = Client()
    client.force_login(wb_member)
    page = client.get(reverse("whistleblower:second_factor")).content.decode()
    assert 'id="totp-secret"' not in page
    assert not TOTPDevice.objects.filter(user=wb_member).exists()
    for token in ("000000", "123456"):
        client.post(reverse("whistleblower:second_factor"), {"token": token})
    assert not TOTPDevice.objects.filter(user=wb_member).exists()
    assert client.get(reverse("whistleblower:unit_queue"))["Location"] == reverse(
        "whistleblower:second_factor"
    )


def test_a_verified_member_adds_a_member_with_a_reason_and_the_code_is_shown_once(
    second_factor_member, django_capture_on_commit_callbacks
):
    newcomer = UserFactory(username="ny-jurist", first_name="Nanna", last_name="Nielsen", email="n@x.invalid")
    client = sign_in_with_second_factor(Client(), second_factor_member)
    page = client.get(reverse("whistleblower:unit_members")).content.decode()
    assert "Nanna Nielsen (ny-jurist)" in page  # offered by name
    refused = client.post(
        reverse("whistleblower:unit_member_add"), {"add-user": newcomer.pk, "add-reason": ""}
    )
    assert refused.status_code == 400 and not is_whistleblower_unit_member(newcomer)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("whistleblower:unit_member_add"),
            {"add-user": newcomer.pk, "add-reason": "Udpeget af Borgerrådgiveren til ordningen"},
        )
    assert response.status_code == 200
    code = re.search(r'id="enrolment-code">([A-Z0-9-]+)<', response.content.decode())[1]
    assert response.cookies.get("messages") is None  # the code is on the page, never in a cookie
    assert response["Cache-Control"] == "no-store"
    newcomer.refresh_from_db()
    newcomer._role_names = None
    assert is_whistleblower_unit_member(newcomer)
    assert membership.enrolment_for_code(user=newcomer, code=code) is not None
    assert EnrolmentCode.objects.get(user=newcomer).code_hash != code  # only a hash is kept
    logged = AccessLog.objects.filter(member=newcomer).order_by("id")
    assert [(e.action, e.actor_id) for e in logged] == [
        ("member_added", second_factor_member.pk),
        ("enrolment_code_issued", second_factor_member.pk),
    ]
    assert logged[0].reason == "Udpeget af Borgerrådgiveren til ordningen"
    # Mailed to the members (and the newcomer), saying what happened and nothing more.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert set(message.to) == {second_factor_member.email, "n@x.invalid"}
    text = message.subject + message.body
    assert "tilføjede et medlem til enheden" in text
    for secret in ("Udpeget", "Nanna", "ny-jurist", code):
        assert secret not in text


def test_the_new_member_enrols_with_the_code_and_it_works_only_once(second_factor_member):
    from django_otp.oath import totp

    newcomer = UserFactory(username="ny-jurist")
    code = membership.member_add(user=newcomer, by=second_factor_member, reason="Ny i enheden")
    client = Client()
    client.force_login(newcomer)
    client.post(reverse("whistleblower:second_factor"), {"enrolment_code": code})
    device = TOTPDevice.objects.get(user=newcomer, confirmed=False)
    response = client.post(reverse("whistleblower:second_factor"), {"token": f"{totp(device.bin_key):06d}"})
    assert response["Location"] == reverse("whistleblower:unit_queue")
    assert TOTPDevice.objects.get(user=newcomer).confirmed
    assert AccessLog.objects.filter(member=newcomer, action="second_factor_enrolled").count() == 1
    # The code is used up: another session with the same password and code gets nowhere.
    other = Client()
    other.force_login(newcomer)
    TOTPDevice.objects.filter(user=newcomer).delete()
    again = other.post(reverse("whistleblower:second_factor"), {"enrolment_code": code})
    assert "Koden blev ikke genkendt" in again.content.decode()


def test_a_key_shown_in_one_session_cannot_be_finished_from_another(second_factor_member):
    newcomer = UserFactory(username="ny-jurist")
    code = membership.member_add(user=newcomer, by=second_factor_member, reason="Ny i enheden")
    first = Client()
    first.force_login(newcomer)
    first.post(reverse("whistleblower:second_factor"), {"enrolment_code": code})
    intruder = Client()
    intruder.force_login(newcomer)  # knows the password, not the code
    page = intruder.get(reverse("whistleblower:second_factor")).content.decode()
    assert 'id="totp-secret"' not in page


def test_removing_a_member_keeps_the_units_records(
    second_factor_member, wb_member, django_capture_on_commit_callbacks
):
    report, _code = services.report_submit(body="Indhold")
    services.report_transition(report=report, action="acknowledge", by=wb_member, message="Tak")
    client = sign_in_with_second_factor(Client(), second_factor_member)
    TOTPDevice.objects.create(user=wb_member, name="app", confirmed=True)
    wb_member.email, wb_member.first_name, wb_member.last_name = "fratraadt@example.invalid", "Frida", "Fjeld"
    wb_member.save()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("whistleblower:unit_member_remove", args=[wb_member.pk]), {"member-reason": "Fratrådt"}
        )
    assert response.status_code == 302
    # The unit and the removed member are told that it happened — not why, not who.
    assert len(mail.outbox) == 1
    assert "fratraadt@example.invalid" in mail.outbox[0].to
    text = mail.outbox[0].subject + mail.outbox[0].body
    assert "fjernede et medlem fra enheden" in text
    for secret in ("Fratrådt", wb_member.username, "Frida", "Fjeld", "Indhold"):
        assert secret not in text
    wb_member._role_names = None
    assert not is_whistleblower_unit_member(wb_member)
    assert not TOTPDevice.objects.filter(user=wb_member).exists()
    assert report.messages.get().author == wb_member  # the records still say who did what
    assert report.events.filter(actor=wb_member).exists()
    assert AccessLog.objects.filter(member=wb_member, action="member_removed").get().reason == "Fratrådt"


def test_the_last_member_with_a_second_factor_cannot_be_removed(second_factor_member, wb_member):
    client = sign_in_with_second_factor(Client(), wb_member)  # wb_member now has a device too
    TOTPDevice.objects.filter(user=second_factor_member).delete()
    client.post(
        reverse("whistleblower:unit_member_remove", args=[second_factor_member.pk]), {"member-reason": "x"}
    )
    with pytest.raises(Exception, match="mindst ét medlem"):
        membership.member_remove(user=wb_member, by=wb_member, reason="Sidste mand")
    assert is_whistleblower_unit_member(wb_member)


def test_a_new_enrolment_code_stops_the_old_device_at_once(second_factor_member, wb_member):
    client = sign_in_with_second_factor(Client(), wb_member)
    assert client.get(reverse("whistleblower:unit_queue")).status_code == 200
    membership.enrolment_code_issue(user=wb_member, by=second_factor_member, reason="Mistet telefon")
    assert client.get(reverse("whistleblower:unit_queue")).status_code == 302


def test_people_outside_the_unit_cannot_use_the_membership_pages(jurist, superuser, wb_member):
    for user in (jurist, superuser):
        client = Client()
        client.force_login(user)
        assert client.get(reverse("whistleblower:unit_members")).status_code == 404
        response = client.post(
            reverse("whistleblower:unit_member_add"), {"add-user": user.pk, "add-reason": "x"}
        )
        assert response.status_code == 404
    assert not is_whistleblower_unit_member(jurist)
    # A member without a verified second factor is sent to enter it first.
    unverified = Client()
    unverified.force_login(wb_member)
    assert unverified.get(reverse("whistleblower:unit_members")).status_code == 302


def test_a_superuser_cannot_be_added_to_the_unit(second_factor_member, superuser):
    with pytest.raises(Exception, match="superbruger"):
        membership.member_add(user=superuser, by=second_factor_member, reason="Forsøg")


def test_the_first_member_is_made_on_the_server_and_only_then(jurist):
    first = UserFactory(username="foerste")
    out = StringIO()
    call_command("wb_first_member", "foerste", "--reason", "Ny ordning", stdout=out)
    code = re.search(r"code \(shown once, valid 72 hours\): ([A-Z0-9-]+)", out.getvalue())[1]
    assert is_whistleblower_unit_member(first)
    entry = AccessLog.objects.get(member=first, action="member_added")
    assert entry.actor is None and entry.reason == "Ny ordning"
    assert membership.enrolment_for_code(user=first, code=code) is not None
    TOTPDevice.objects.create(user=first, name="app", confirmed=True)
    with pytest.raises(CommandError, match="medlem med anden faktor"):
        call_command("wb_first_member", jurist.username, "--reason", "Forsøg", stdout=StringIO())
    assert not is_whistleblower_unit_member(jurist)

import pytest
from django.contrib.auth.models import Group

from core.permissions import has_role, is_caseworker, is_whistleblower_unit_member
from core.roles import Role


def perms_of(role):
    group = Group.objects.get(name=role)
    return set(group.permissions.values_list("content_type__app_label", "codename"))


@pytest.mark.django_db
def test_every_role_exists_as_a_group():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "jurist",
        "head",
        "whistleblower_unit",
        "committee",
        "secretariat",
    }


@pytest.mark.django_db
def test_secretariat_manages_reference_data_but_cannot_add_or_delete_departments():
    perms = perms_of("secretariat")
    assert ("core", "change_department") in perms
    assert ("core", "add_department") not in perms
    assert ("core", "delete_department") not in perms
    for model in ("unit", "contactperson"):
        for action in ("view", "add", "change", "delete"):
            assert ("core", f"{action}_{model}") in perms


@pytest.mark.django_db
def test_jurist_reads_reference_data_and_cannot_change_it():
    perms = perms_of("jurist")
    assert {("core", "view_department"), ("core", "view_unit"), ("core", "view_contactperson")} <= perms
    assert not {p for p in perms if p[0] == "core" and not p[1].startswith("view_")}


@pytest.mark.django_db
def test_only_the_head_reads_the_audit_log():
    holders = {g.name for g in Group.objects.filter(permissions__codename="view_auditevent")}
    assert holders == {"head"}


@pytest.mark.django_db
def test_committee_holds_no_model_permission():
    assert perms_of("committee") == set()


@pytest.mark.django_db
def test_no_role_may_change_or_delete_audit_events():
    assert not Group.objects.filter(
        permissions__codename__in=["change_auditevent", "delete_auditevent"]
    ).exists()


def test_superuser_is_not_a_whistleblower_unit_member(superuser):
    assert superuser.is_superuser
    assert not is_whistleblower_unit_member(superuser)
    assert not has_role(superuser, Role.JURIST, Role.HEAD, Role.COMMITTEE, Role.SECRETARIAT)


def test_unit_member_is_recognised_and_no_one_else(wb_member, jurist, head, committee, secretariat, outsider):
    assert is_whistleblower_unit_member(wb_member)
    for user in (jurist, head, committee, secretariat, outsider):
        assert not is_whistleblower_unit_member(user)


def test_inactive_member_has_no_role(wb_member):
    wb_member.is_active = False
    wb_member.save()
    wb_member.refresh_from_db()
    assert not is_whistleblower_unit_member(wb_member)


def test_anonymous_user_has_no_role():
    from django.contrib.auth.models import AnonymousUser

    assert not is_whistleblower_unit_member(AnonymousUser())
    assert not is_caseworker(AnonymousUser())


def test_jurist_and_head_are_caseworkers(jurist, head, committee, secretariat):
    assert is_caseworker(jurist) and is_caseworker(head)
    assert not is_caseworker(committee) and not is_caseworker(secretariat)

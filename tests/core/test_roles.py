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


def test_a_superuser_holding_every_permission_is_not_a_unit_member(superuser, client):
    """Django's permissions — which a superuser bypasses anyway — open nothing of the unit:
    not even every permission in the database, the unit's models' included."""
    from django.contrib.auth.models import Permission

    superuser.user_permissions.set(Permission.objects.all())
    superuser = type(superuser).objects.get(pk=superuser.pk)
    assert superuser.has_perm("whistleblower.view_report")  # Django would say yes …
    assert not is_whistleblower_unit_member(superuser)  # … the unit says no
    assert not has_role(superuser, Role.JURIST, Role.HEAD, Role.COMMITTEE, Role.SECRETARIAT)
    client.force_login(superuser)
    assert client.get("/whistleblower/enhed/").status_code == 404


@pytest.mark.django_db
def test_membership_follows_the_group_and_ends_with_the_account():
    from tests.factories import UserFactory
    from whistleblower.membership import _permitted_change

    user = UserFactory(username="kommende")
    assert not is_whistleblower_unit_member(user)
    with _permitted_change():
        user.groups.add(Group.objects.get(name="whistleblower_unit"))
    user = type(user).objects.get(pk=user.pk)  # roles are cached per user object
    assert is_whistleblower_unit_member(user)
    assert not is_caseworker(user)  # one role does not bring another
    user.is_active = False
    user.save()
    assert not is_whistleblower_unit_member(type(user).objects.get(pk=user.pk))
    user.is_active, user.is_superuser = True, True
    user.save()
    assert not is_whistleblower_unit_member(type(user).objects.get(pk=user.pk))


def test_anonymous_user_has_no_role():
    from django.contrib.auth.models import AnonymousUser

    assert not is_whistleblower_unit_member(AnonymousUser())
    assert not is_caseworker(AnonymousUser())


def test_jurist_and_head_are_caseworkers(jurist, head, committee, secretariat):
    assert is_caseworker(jurist) and is_caseworker(head)
    assert not is_caseworker(committee) and not is_caseworker(secretariat)

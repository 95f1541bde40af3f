"""The five roles of DOMAIN §1, as Django groups.

Role membership is always group membership. A superuser is *not* implicitly a member of
any role: in particular ``is_superuser`` never opens the whistleblower unit's content.
"""

from django.contrib.auth.management import create_permissions
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    JURIST = "jurist", _("Jurist")
    HEAD = "head", _("Borgerrådgiver (head)")
    WHISTLEBLOWER_UNIT = "whistleblower_unit", _("Whistleblower unit")
    COMMITTEE = "committee", _("Committee member")
    SECRETARIAT = "secretariat", _("Secretariat")


# The permissions each role holds on the core models. Later apps grant permissions on their
# own models in their own data migrations, through ``grant_permissions``.
CORE_ROLE_PERMISSIONS = {
    Role.JURIST: ["core.view_department", "core.view_unit", "core.view_contactperson"],
    Role.HEAD: ["core.view_department", "core.view_unit", "core.view_contactperson", "core.view_auditevent"],
    Role.WHISTLEBLOWER_UNIT: ["core.view_department", "core.view_unit"],
    Role.COMMITTEE: [],
    Role.SECRETARIAT: [
        "core.view_department",
        "core.change_department",
        "core.view_unit",
        "core.add_unit",
        "core.change_unit",
        "core.delete_unit",
        "core.view_contactperson",
        "core.add_contactperson",
        "core.change_contactperson",
        "core.delete_contactperson",
    ],
}


def grant_permissions(apps, role_permissions: dict[str, list[str]]) -> None:
    """For data migrations: create the groups and give them the named permissions.

    Permissions are normally created after all migrations (post_migrate); a data migration
    that grants them must create them first, which ``create_permissions`` does.
    """

    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in role_permissions.items():
        group, _created = Group.objects.get_or_create(name=str(role))
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke_permissions(apps, role_permissions: dict[str, list[str]]) -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, perms in role_permissions.items():
        group = Group.objects.filter(name=str(role)).first()
        if group is None:
            continue
        for perm in perms:
            app_label, codename = perm.split(".")
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )

"""The five roles of DOMAIN §1 as groups, with their permissions on the core models."""

from django.db import migrations

from core.roles import CORE_ROLE_PERMISSIONS, grant_permissions, revoke_permissions


def create_roles(apps, schema_editor):
    grant_permissions(apps, CORE_ROLE_PERMISSIONS)


def remove_roles(apps, schema_editor):
    revoke_permissions(apps, CORE_ROLE_PERMISSIONS)
    apps.get_model("auth", "Group").objects.filter(name__in=[str(r) for r in CORE_ROLE_PERMISSIONS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_seven_departments"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]

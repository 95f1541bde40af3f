"""The secretariat keeps the municipality's closing days (the working-day calendar)."""

from django.db import migrations

from core.roles import Role, grant_permissions, revoke_permissions

PERMISSIONS = {
    Role.SECRETARIAT: [
        "core.view_closingday",
        "core.add_closingday",
        "core.change_closingday",
        "core.delete_closingday",
    ],
    Role.JURIST: ["core.view_closingday"],
    Role.HEAD: ["core.view_closingday"],
}


def grant(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


def revoke(apps, schema_editor):
    revoke_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("core", "0007_working_days_access_disqualification")]
    operations = [migrations.RunPython(grant, revoke)]

"""The secretariat and the head make the yearly report."""

from django.db import migrations

from core.roles import grant_permissions, revoke_permissions

PERMS = [f"annual_report.{a}_{m}" for m in ("edition", "example") for a in ("view", "add", "change")]
PERMISSIONS = {"secretariat": PERMS, "head": PERMS}


def forwards(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [("annual_report", "0001_initial"), ("core", "0003_roles")]
    operations = [migrations.RunPython(forwards, backwards)]

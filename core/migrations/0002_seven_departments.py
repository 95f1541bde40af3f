"""The seven departments of DOMAIN §2, with their fixed codes, in the official order."""

from django.db import migrations

DEPARTMENTS = [
    ("ØKF", "Økonomiforvaltningen"),
    ("KFF", "Kultur- og Fritidsforvaltningen"),
    ("BUF", "Børne- og Ungdomsforvaltningen"),
    ("SUF", "Sundheds- og Omsorgsforvaltningen"),
    ("BIF", "Beskæftigelses- og Integrationsforvaltningen"),
    ("SOF", "Socialforvaltningen"),
    ("TMF", "Teknik- og Miljøforvaltningen"),
]


def create_departments(apps, schema_editor):
    Department = apps.get_model("core", "Department")
    for position, (code, name) in enumerate(DEPARTMENTS, start=1):
        Department.objects.update_or_create(code=code, defaults={"name": name, "position": position})


def remove_departments(apps, schema_editor):
    apps.get_model("core", "Department").objects.filter(code__in=[c for c, _ in DEPARTMENTS]).delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]
    operations = [migrations.RunPython(create_departments, remove_departments)]

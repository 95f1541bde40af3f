"""The roles' permissions on the supervision models, and the hearing letter's first wording."""

from django.db import migrations

from core.roles import grant_permissions, revoke_permissions

MODELS = ["supervision", "hearinground", "hearingreminder", "recommendation", "finding", "result"]
CASEWORKER = [f"supervision.{a}_{m}" for m in MODELS for a in ("view", "add", "change")]
PERMISSIONS = {"jurist": CASEWORKER, "head": CASEWORKER, "secretariat": ["supervision.view_result"]}

HEARING_TITLE = "Høring i tilsynssag $case_number: $subject"
HEARING_BODY = (
    "Til $department\n\n"
    "Borgerrådgiveren har rejst en tilsynssag om: $subject\n\n"
    "Som led i behandlingen af sagen beder vi forvaltningen besvare følgende spørgsmål:\n\n"
    "$questions\n\n"
    "Vi beder om forvaltningens svar senest den $deadline.\n\n"
    "Henvend dig gerne til $jurist_name, hvis I har spørgsmål til høringen."
)


def forwards(apps, schema_editor):
    grant_permissions(apps, PERMISSIONS)
    apps.get_model("complaints", "LetterTemplate").objects.update_or_create(
        code="hearing", defaults={"title": HEARING_TITLE, "body": HEARING_BODY}
    )


def backwards(apps, schema_editor):
    revoke_permissions(apps, PERMISSIONS)
    apps.get_model("complaints", "LetterTemplate").objects.filter(code="hearing").delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial"), ("complaints", "0005_lettertemplate_hearing"),
                    ("core", "0003_roles")]
    operations = [migrations.RunPython(forwards, backwards)]

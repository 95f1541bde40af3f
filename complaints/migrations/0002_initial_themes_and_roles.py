"""The initial theme list of DOMAIN §3, a starting list of consequences, and the roles'
permissions on the complaints models."""

from django.db import migrations

from core.roles import grant_permissions, revoke_permissions

THEMES = [
    ("delay", "Sagsbehandlingstid/manglende svar"),
    ("guidance", "Vejledning"),
    ("hearing", "Partshøring"),
    ("reasons", "Begrundelse"),
    ("appeal_info", "Klagevejledning"),
    ("access", "Aktindsigt"),
    ("records", "Notatpligt"),
    ("confidentiality", "Tavshedspligt og databeskyttelse"),
    ("conduct", "Personalets adfærd"),
    ("practical", "Udførelse af praktiske opgaver"),
    ("communication", "Kommunikation og klarsprog"),
    ("it", "It-systemer og digital selvbetjening"),
    ("decision", "Afgørelsens indhold"),
    ("discrimination", "Diskrimination"),
]

# A starting point the secretariat edits in the admin; nothing depends on these codes.
CONSEQUENCES = [
    ("new_decision", "Ny afgørelse eller genoptagelse af sagen"),
    ("apology", "Undskyldning til borgeren"),
    ("faster_handling", "Hurtigere sagsbehandling"),
    ("better_guidance", "Bedre vejledning af borgeren"),
    ("changed_practice", "Ændret praksis eller procedure i forvaltningen"),
    ("payment", "Udbetaling eller tilbagebetaling"),
]

CASE_MODELS = ["complaint", "complaintpoint", "writteninquiry", "reminder", "mediationround", "attachment",
               "consultation"]
CASEWORKER = [f"complaints.{action}_{model}" for model in CASE_MODELS for action in ("view", "add", "change")]
REFERENCE = [f"complaints.{action}_{model}" for model in ("theme", "consequence")
             for action in ("view", "add", "change", "delete")]
PERMISSIONS = {"jurist": CASEWORKER, "head": CASEWORKER, "secretariat": REFERENCE}


def forwards(apps, schema_editor):
    Theme = apps.get_model("complaints", "Theme")
    Consequence = apps.get_model("complaints", "Consequence")
    for position, (code, label) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(code=code, defaults={"label": label, "position": position})
    for code, label in CONSEQUENCES:
        Consequence.objects.update_or_create(code=code, defaults={"label": label})
    grant_permissions(apps, PERMISSIONS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, PERMISSIONS)
    apps.get_model("complaints", "Theme").objects.filter(code__in=[c for c, _ in THEMES]).delete()
    apps.get_model("complaints", "Consequence").objects.filter(code__in=[c for c, _ in CONSEQUENCES]).delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial"), ("core", "0003_roles")]
    operations = [migrations.RunPython(forwards, backwards)]

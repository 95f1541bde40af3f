"""The two letters' first wording; the secretariat edits them in the admin afterwards."""

from django.db import migrations

from core.roles import grant_permissions, revoke_permissions

LETTERS = {
    "acknowledgement": (
        "Kvittering for din henvendelse ($case_number)",
        "Kære $person_name\n\n"
        "Tak for din henvendelse, som Borgerrådgiveren modtog den $received_on. Din sag har sagsnummer "
        "$case_number.\n\n"
        "Vi ser nu på, hvordan din henvendelse bedst kan behandles. Ofte kan vi hjælpe hurtigst ved at "
        "tage direkte kontakt til forvaltningen. Du hører fra os, så snart vi ved mere.\n\n"
        "Du kan følge din sag med det link, du har fået tilsendt.",
    ),
    "written_inquiry": (
        "Forelæggelse af klage ($case_number)",
        "Til $department\n\n"
        "Borgerrådgiveren har modtaget en klage, som vi hermed forelægger for forvaltningen. Klagen handler "
        "om:\n\n$summary\n\n"
        "Vi beder forvaltningen om en udtalelse om sagen og om at oplyse, hvad forvaltningen vil gøre. "
        "Vi beder om svar senest den $reply_due.\n\n"
        "Henvend dig gerne til $jurist_name, hvis I har spørgsmål.",
    ),
}
PERMISSIONS = {"secretariat": [f"complaints.{a}_lettertemplate" for a in ("view", "change")]}


def forwards(apps, schema_editor):
    LetterTemplate = apps.get_model("complaints", "LetterTemplate")
    for code, (title, body) in LETTERS.items():
        LetterTemplate.objects.update_or_create(code=code, defaults={"title": title, "body": body})
    grant_permissions(apps, PERMISSIONS)


def backwards(apps, schema_editor):
    revoke_permissions(apps, PERMISSIONS)
    apps.get_model("complaints", "LetterTemplate").objects.filter(code__in=LETTERS).delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0003_lettertemplate")]
    operations = [migrations.RunPython(forwards, backwards)]

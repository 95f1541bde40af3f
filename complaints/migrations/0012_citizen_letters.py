"""The letters to the citizen and the forwarding letter's first wording; the secretariat edits
them in the admin afterwards. $free_text is what the jurist writes when sending."""

from django.db import migrations

LETTERS = {
    "information_request": (
        "Vi har brug for flere oplysninger ($case_number)",
        "Kære $person_name\n\n"
        "For at kunne behandle din sag har Borgerrådgiveren brug for flere oplysninger fra dig.\n\n"
        "$free_text\n\n"
        "Du kan sende oplysningerne til os via linket til din sag, eller ringe til $jurist_name på "
        "33 66 14 00. Skriv sagsnummeret $case_number, hvis du sender et brev.",
    ),
    "closing": (
        "Afslutning af din sag ($case_number)",
        "Kære $person_name\n\n"
        "Borgerrådgiveren har nu afsluttet behandlingen af din klage, som vi modtog den $received_on.\n\n"
        "$outcome\n\n"
        "$free_text\n\n"
        "Du kan stadig se din sag via linket. Har du spørgsmål, er du velkommen til at ringe til "
        "$jurist_name på 33 66 14 00.",
    ),
    "statement": (
        "Borgerrådgiverens udtalelse i din sag ($case_number)",
        "Kære $person_name\n\n"
        "Borgerrådgiveren har undersøgt din klage over $department og afgiver hermed en udtalelse.\n\n"
        "$free_text\n\n"
        "$outcome\n\n"
        "Udtalelsen er også sendt til forvaltningen. Borgerrådgiveren kan ikke ændre forvaltningens "
        "afgørelser, men forvaltningen skal forholde sig til udtalelsen.",
    ),
    "rejection": (
        "Vi kan ikke behandle din klage ($case_number)",
        "Kære $person_name\n\n"
        "Borgerrådgiveren kan desværre ikke behandle din klage. Begrundelsen er: $rejection_reason.\n\n"
        "$free_text\n\n"
        "Du kan få vejledning om, hvor du kan klage i stedet, ved at ringe til os på 33 66 14 00.",
    ),
    "forwarding_citizen": (
        "Din klage er sendt videre til forvaltningen ($case_number)",
        "Kære $person_name\n\n"
        "Forvaltningen skal have mulighed for at se på din klage, før Borgerrådgiveren kan behandle den. "
        "Vi har derfor sendt din klage videre til $department, som vil kontakte dig.\n\n"
        "$free_text\n\n"
        "Hvis du ikke er tilfreds med forvaltningens svar, er du velkommen til at kontakte os igen.",
    ),
    "forwarding_department": (
        "Videresendelse af klage ($case_number)",
        "Til $department\n\n"
        "Borgerrådgiveren har modtaget en klage, som forvaltningen endnu ikke har haft mulighed for at "
        "behandle. Vi sender derfor klagen videre, så forvaltningen kan behandle den og svare borgeren.\n\n"
        "Klagen handler om:\n\n$summary\n\n$free_text\n\n"
        "Henvend dig gerne til $jurist_name, hvis I har spørgsmål.",
    ),
}


def forwards(apps, schema_editor):
    LetterTemplate = apps.get_model("complaints", "LetterTemplate")
    for code, (title, body) in LETTERS.items():
        LetterTemplate.objects.get_or_create(code=code, defaults={"title": title, "body": body})


def backwards(apps, schema_editor):
    apps.get_model("complaints", "LetterTemplate").objects.filter(code__in=LETTERS).delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0011_departments_and_letters")]
    operations = [migrations.RunPython(forwards, backwards)]

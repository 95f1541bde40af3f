"""The request for information to the citizen names the day we wait for (``$reply_by``: 10
working days after the letter), the day the status page shows. Added to the template as the
secretariat has it, unless it already uses the placeholder."""

from django.db import migrations

SENTENCE = "Vi beder dig sende oplysningerne senest den $reply_by."


def add_reply_by(apps, schema_editor):
    LetterTemplate = apps.get_model("complaints", "LetterTemplate")
    for template in LetterTemplate.objects.filter(code="information_request"):
        if "$reply_by" in template.body:
            continue
        parts = template.body.split("\n\n")
        # After the jurist's own text (what to send), before how to send it.
        at = parts.index("$free_text") + 1 if "$free_text" in parts else len(parts)
        parts.insert(at, SENTENCE)
        template.body = "\n\n".join(parts)
        template.save(update_fields=["body"])


def remove_reply_by(apps, schema_editor):
    LetterTemplate = apps.get_model("complaints", "LetterTemplate")
    for template in LetterTemplate.objects.filter(code="information_request"):
        template.body = template.body.replace("\n\n" + SENTENCE, "")
        template.save(update_fields=["body"])


class Migration(migrations.Migration):
    dependencies = [("complaints", "0017_reply_guarantee_backfill")]
    operations = [migrations.RunPython(add_reply_by, remove_reply_by)]

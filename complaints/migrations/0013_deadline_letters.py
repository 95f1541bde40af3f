"""The written inquiry becomes a core.DeadlineLetter: one name for sent, due and answered
across complaints and supervisions (columns renamed, data kept)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("complaints", "0012_citizen_letters")]

    operations = [
        migrations.RemoveConstraint(model_name="writteninquiry", name="inquiry_due_after_sent"),
        migrations.RenameField(model_name="writteninquiry", old_name="reply_due", new_name="due_on"),
        migrations.RenameField(model_name="writteninquiry", old_name="reply_received_on", new_name="answered_on"),
        migrations.AddConstraint(
            model_name="writteninquiry",
            constraint=models.CheckConstraint(
                condition=models.Q(("due_on__gte", models.F("sent_on"))),
                name="complaints_writteninquiry_due_after_sent",
            ),
        ),
    ]

"""The hearing round becomes a core.DeadlineLetter: one name for sent, due and answered
across complaints and supervisions (columns renamed, data kept)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("supervision", "0004_follow_up")]

    operations = [
        migrations.RemoveConstraint(model_name="hearinground", name="hearing_deadline_after_sent"),
        migrations.RenameField(model_name="hearinground", old_name="deadline", new_name="due_on"),
        migrations.RenameField(model_name="hearinground", old_name="answer_received_on", new_name="answered_on"),
        migrations.AddConstraint(
            model_name="hearinground",
            constraint=models.CheckConstraint(
                condition=models.Q(("due_on__gte", models.F("sent_on"))),
                name="supervision_hearinground_due_after_sent",
            ),
        ),
    ]

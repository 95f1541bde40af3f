"""The platform's tables take the app's name, now that core has let go of the models; their
content types follow (the admin's log keeps pointing at them), and the worker's queued tasks
name the tasks where they are now."""

from django.db import migrations

from ops.migrating import DEPENDENCIES, content_types_moved

TASKS = ("deliver_message", "run_periodic", "deliver_outbox", "prune", "delete_files")


def tasks_moved(old_label, new_label):
    def move(apps, schema_editor):
        results = apps.get_model("django_tasks_database", "DBTaskResult").objects.using(
            schema_editor.connection.alias
        )
        for task in TASKS:
            results.filter(task_path=f"{old_label}.tasks.{task}").update(task_path=f"{new_label}.tasks.{task}")

    return move


class Migration(migrations.Migration):

    dependencies = [
        ('ops', '0001_initial'),
        ('core', '0012_platform_records_moved'),
        ('django_tasks_database', '0021_conditional_partial_index_ordering'),
        *DEPENDENCIES,
    ]

    operations = [
        migrations.AlterModelTable(name='outboxmessage', table=None),
        migrations.AlterModelTable(name='periodicjob', table=None),
        migrations.AlterModelTable(name='filedeletion', table=None),
        content_types_moved("core", "ops", ("outboxmessage", "periodicjob", "filedeletion")),
        migrations.RunPython(tasks_moved("core", "ops"), tasks_moved("ops", "core")),
    ]

"""The platform's tables take the app's name, now that core has let go of the models; their
content types follow (the admin's log keeps pointing at them), and the worker's queued tasks
name the tasks where they are now."""

from django.db import migrations

MODELS = ("outboxmessage", "periodicjob", "filedeletion")
TASKS = ("deliver_message", "run_periodic", "deliver_outbox", "prune", "delete_files")


def move(old_label, new_label):
    def forwards(apps, schema_editor):
        db = schema_editor.connection.alias
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(db)
        Permission = apps.get_model("auth", "Permission").objects.using(db)
        for model in MODELS:
            old = content_types.filter(app_label=old_label, model=model).first()
            if old is None:
                continue
            new = content_types.filter(app_label=new_label, model=model).first()
            if new is None:
                old.app_label = new_label
                old.save(update_fields=["app_label"])
                continue
            # Both: a data migration that created permissions while the model was in both
            # states made the new one; what was granted on the old one moves over first.
            for permission in Permission.filter(content_type=old):
                twin = Permission.filter(content_type=new, codename=permission.codename).first()
                if twin is None:
                    permission.content_type = new
                    permission.save(update_fields=["content_type"])
                else:
                    twin.group_set.add(*permission.group_set.all())
                    twin.user_set.add(*permission.user_set.all())
            apps.get_model("admin", "LogEntry").objects.using(db).filter(content_type=old).update(
                content_type=new
            )
            old.delete()
        results = apps.get_model("django_tasks_database", "DBTaskResult").objects.using(db)
        for task in TASKS:
            results.filter(task_path=f"{old_label}.tasks.{task}").update(task_path=f"{new_label}.tasks.{task}")

    return forwards


class Migration(migrations.Migration):

    dependencies = [
        ('ops', '0001_initial'),
        ('core', '0012_platform_records_moved'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('admin', '0003_logentry_add_action_flag_choices'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('django_tasks_database', '0021_conditional_partial_index_ordering'),
    ]

    operations = [
        migrations.AlterModelTable(name='outboxmessage', table=None),
        migrations.AlterModelTable(name='periodicjob', table=None),
        migrations.AlterModelTable(name='filedeletion', table=None),
        migrations.RunPython(move("core", "ops"), move("ops", "core")),
    ]

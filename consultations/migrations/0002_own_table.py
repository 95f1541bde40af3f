"""The consultations' table takes the app's name, now that nothing refers to the old model, and
the content type follows: the permissions granted on it and the admin's log keep pointing at
consultations."""

from django.db import migrations


def move_content_type(old_label, new_label):
    def move(apps, schema_editor):
        db = schema_editor.connection.alias
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(db)
        old = content_types.filter(app_label=old_label, model="consultation").first()
        if old is None:
            return
        new = content_types.filter(app_label=new_label, model="consultation").first()
        if new is None:
            old.app_label = new_label
            old.save(update_fields=["app_label"])
            return
        # Both: a data migration that created permissions while the model was in both states made
        # the new one; what was granted on the old one moves over before it goes.
        Permission = apps.get_model("auth", "Permission")
        for permission in Permission.objects.using(db).filter(content_type=old):
            twin = Permission.objects.using(db).filter(content_type=new, codename=permission.codename).first()
            if twin is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
            else:
                twin.group_set.add(*permission.group_set.all())
                twin.user_set.add(*permission.user_set.all())
        apps.get_model("admin", "LogEntry").objects.using(db).filter(content_type=old).update(content_type=new)
        old.delete()

    return move


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0001_initial'),
        ('complaints', '0021_consultation_moved'),
        ('admin', '0003_logentry_add_action_flag_choices'),
        ('auth', '0012_alter_user_first_name_max_length'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.AlterModelTable(name='consultation', table=None),
        migrations.RunPython(
            move_content_type("complaints", "consultations"), move_content_type("consultations", "complaints")
        ),
    ]

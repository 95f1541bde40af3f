"""For migrations that move a model from one app to another: the content type follows it.

``content_types_moved(old_label, new_label, models)`` is a reversible ``RunPython``: each
model's content type takes the new app label, so the permissions granted on it and the admin's
log keep pointing at it. Where both exist — a data migration that created permissions ran while
the model stood in both apps' state — what was granted on the old one moves to the new one
before the old one goes."""

from django.db import migrations


def _move(old_label: str, new_label: str, models: tuple[str, ...]):
    def move(apps, schema_editor):
        db = schema_editor.connection.alias
        content_types = apps.get_model("contenttypes", "ContentType").objects.using(db)
        permissions = apps.get_model("auth", "Permission").objects.using(db)
        log = apps.get_model("admin", "LogEntry").objects.using(db)
        for model in models:
            old = content_types.filter(app_label=old_label, model=model).first()
            if old is None:
                continue
            new = content_types.filter(app_label=new_label, model=model).first()
            if new is None:
                old.app_label = new_label
                old.save(update_fields=["app_label"])
                continue
            for permission in permissions.filter(content_type=old):
                twin = permissions.filter(content_type=new, codename=permission.codename).first()
                if twin is None:
                    permission.content_type = new
                    permission.save(update_fields=["content_type"])
                else:
                    twin.group_set.add(*permission.group_set.all())
                    twin.user_set.add(*permission.user_set.all())
            log.filter(content_type=old).update(content_type=new)
            old.delete()

    return move


def content_types_moved(old_label: str, new_label: str, models: tuple[str, ...]) -> migrations.RunPython:
    return migrations.RunPython(_move(old_label, new_label, models), _move(new_label, old_label, models))


# What a migration that runs this must depend on: the three tables it writes.
DEPENDENCIES = [
    ("contenttypes", "0002_remove_content_type_name"),
    ("auth", "0012_alter_user_first_name_max_length"),
    ("admin", "0003_logentry_add_action_flag_choices"),
]

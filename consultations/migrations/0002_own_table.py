"""The consultations' table takes the app's name, now that nothing refers to the old model, and
the content type follows: the permissions granted on it and the admin's log keep pointing at
consultations."""

from django.db import migrations

from ops.migrating import DEPENDENCIES, content_types_moved


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0001_initial'),
        ('complaints', '0021_consultation_moved'),
        *DEPENDENCIES,
    ]

    operations = [
        migrations.AlterModelTable(name='consultation', table=None),
        content_types_moved("complaints", "consultations", ("consultation",)),
    ]

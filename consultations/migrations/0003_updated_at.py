"""When the record last changed (every write, an import's too): the retention schedule's "changed
since its archive package" sees changes to the case's own fields. Existing rows get the
migration's time."""
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('consultations', '0002_own_table'),
    ]

    operations = [
        migrations.AddField(
            model_name='consultation',
            name='updated_at',
            field=models.DateTimeField(auto_now=True),
        ),
    ]

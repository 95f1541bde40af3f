"""The outbox, the periodic jobs and the file deletions are ops' records now (its migration
0001): they leave core's state; their tables and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0011_consultation_moved'),
        ('ops', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name='OutboxMessage'),
                migrations.DeleteModel(name='PeriodicJob'),
                migrations.DeleteModel(name='FileDeletion'),
            ],
            database_operations=[],
        ),
    ]

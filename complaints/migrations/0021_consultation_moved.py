"""Consultations are an app of their own (``consultations``, migration 0001 there): the model leaves
this app's state; its table and rows stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('complaints', '0020_private_storage_alias'),
        ('consultations', '0001_initial'),
        ('core', '0011_consultation_moved'),
        ('annual_report', '0006_consultation_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='Consultation')],
            database_operations=[],
        ),
    ]

"""An edition's examples and results cite consultations in their own app; the link tables are
unchanged (state only)."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('annual_report', '0005_private_storage_alias'),
        ('consultations', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='editionresult',
                    name='consultations',
                    field=models.ManyToManyField(blank=True, related_name='+', to='consultations.consultation', verbose_name='consultations'),
                ),
                migrations.AlterField(
                    model_name='example',
                    name='consultations',
                    field=models.ManyToManyField(blank=True, related_name='+', to='consultations.consultation', verbose_name='consultations'),
                ),
            ],
            database_operations=[],
        ),
    ]

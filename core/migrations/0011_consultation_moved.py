"""The notes, requests for access and disqualifications of a consultation point at the model in
its own app; the columns and their constraints are unchanged (state only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0010_file_deletions'),
        ('consultations', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='accessrequest',
                    name='consultation',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='access_requests', to='consultations.consultation'),
                ),
                migrations.AlterField(
                    model_name='casenote',
                    name='consultation',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='notes', to='consultations.consultation'),
                ),
                migrations.AlterField(
                    model_name='disqualification',
                    name='consultation',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='disqualifications', to='consultations.consultation'),
                ),
            ],
            database_operations=[],
        ),
    ]

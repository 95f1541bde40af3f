"""Consultations leave the complaints app for their own (issue 27): the model moves without
touching a row. The table keeps its name here (``complaints_consultation``, the state says so)
until every reference to the old model has moved with it; ``0002`` renames it and moves the
content type."""

import django.db.models.deletion
import django.utils.timezone
import django_fsm
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('complaints', '0020_private_storage_alias'),
        ('core', '0010_file_deletions'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Consultation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('follow_up_on', models.DateField(blank=True, null=True, verbose_name='follow-up date')),
                        ('follow_up_reason', models.CharField(blank=True, max_length=300, verbose_name='what to follow up')),
                        ('case_number', models.CharField(editable=False, max_length=12, unique=True, verbose_name='case number')),
                        ('kind', models.CharField(choices=[('consultation', 'Consultation'), ('teaching', 'Teaching')], max_length=16, verbose_name='kind')),
                        ('channel', models.CharField(choices=[('line', 'The Borgerrådgiver line'), ('phone', 'Phone'), ('written', 'Written'), ('meeting', 'Meeting')], max_length=16, verbose_name='channel')),
                        ('topic', models.CharField(max_length=300, verbose_name='topic')),
                        ('participants', models.PositiveIntegerField(blank=True, null=True, verbose_name='participants')),
                        ('received_on', models.DateField(default=django.utils.timezone.localdate, verbose_name='received')),
                        ('closed_on', models.DateField(blank=True, null=True, verbose_name='closed')),
                        ('state', django_fsm.FSMField(choices=[('open', 'Open'), ('closed', 'Closed')], default='open', max_length=50, protected=True, verbose_name='state')),
                        ('untouched_import', models.BooleanField(default=False, editable=False)),
                        ('department', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='core.department', verbose_name='department')),
                        ('responsible', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='responsible')),
                    ],
                    options={
                        'db_table': 'complaints_consultation',
                        'verbose_name': 'consultation or teaching',
                        'verbose_name_plural': 'consultations and teaching',
                        'ordering': ['-received_on', '-id'],
                        'indexes': [models.Index(fields=['received_on'], name='consultation_received_idx'), models.Index(fields=['closed_on'], name='consultation_closed_idx')],
                        'constraints': [models.CheckConstraint(condition=models.Q(('closed_on__isnull', True), ('closed_on__gte', models.F('received_on')), _connector='OR'), name='consultation_closed_after_received'), models.CheckConstraint(condition=models.Q(models.Q(('closed_on__isnull', True), ('state', 'open')), models.Q(('closed_on__isnull', False), ('state', 'closed')), _connector='OR'), name='consultation_closed_has_date')],
                    },
                    bases=(django_fsm.FSMModelMixin, models.Model),
                ),
            ],
            database_operations=[],
        ),
    ]

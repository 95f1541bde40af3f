"""The platform's records leave core for ops (issue 27): the outbox, the periodic jobs and the
file deletions move without touching a row. The tables keep their names here (the state says
so) until core has let go of the models; ``0002`` renames them and moves the content types."""

import uuid

import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('core', '0011_consultation_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='FileDeletion',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=300, unique=True)),
                        ('requested_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('attempts', models.PositiveIntegerField(default=0)),
                        ('last_error', models.CharField(blank=True, max_length=100)),
                    ],
                    options={'db_table': 'core_filedeletion'},
                ),
                migrations.CreateModel(
                    name='PeriodicJob',
                    fields=[
                        ('name', models.CharField(max_length=64, primary_key=True, serialize=False)),
                        ('last_slot', models.DateTimeField(blank=True, null=True)),
                        ('locked_until', models.DateTimeField(blank=True, null=True)),
                        ('last_started_at', models.DateTimeField(blank=True, null=True)),
                        ('last_success_at', models.DateTimeField(blank=True, null=True)),
                        ('last_failure_at', models.DateTimeField(blank=True, null=True)),
                        ('last_error', models.CharField(blank=True, max_length=100)),
                    ],
                    options={'db_table': 'core_periodicjob'},
                ),
                migrations.CreateModel(
                    name='OutboxMessage',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='queued')),
                        ('purpose', models.CharField(max_length=64, verbose_name='purpose')),
                        ('confidential', models.BooleanField(default=False)),
                        ('recipients', models.JSONField(default=list)),
                        ('subject', models.TextField()),
                        ('body', models.TextField()),
                        ('related', models.CharField(blank=True, max_length=64)),
                        ('state', models.CharField(choices=[('pending', 'Waiting'), ('sending', 'Being sent'), ('sent', 'Sent'), ('failed', 'Failed')], default='pending', max_length=8, verbose_name='state')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                        ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('lease_until', models.DateTimeField(blank=True, null=True)),
                        ('sent_at', models.DateTimeField(blank=True, null=True)),
                        ('last_error', models.CharField(blank=True, max_length=100, verbose_name='last error')),
                    ],
                    options={
                        'db_table': 'core_outboxmessage',
                        'verbose_name': 'outgoing e-mail',
                        'verbose_name_plural': 'outgoing e-mails',
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(fields=['state', 'next_attempt_at'], name='outbox_due_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]

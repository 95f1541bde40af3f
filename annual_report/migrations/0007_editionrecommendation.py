"""The yearly report's recommendations are ``EditionRecommendation`` (issue 27: one name for
one thing — ``supervision.Recommendation`` is a supervision's recommendation to a department);
the table and its departments' table follow the name, the rows and the comments stay."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('annual_report', '0006_consultation_moved'),
    ]

    operations = [
        migrations.RenameModel(old_name='Recommendation', new_name='EditionRecommendation'),
    ]

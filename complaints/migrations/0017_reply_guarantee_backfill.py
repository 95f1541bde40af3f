"""Every complaint received in writing gets the day its reply guarantee runs out: 10 working
days after receipt (DOMAIN §9), by the calendar as the secretariat has set it."""

from django.db import migrations

from core.workdays import WorkingCalendar


def backfill(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    ClosingDay = apps.get_model("core", "ClosingDay")
    rows = list(ClosingDay.objects.values_list("day", "closed"))
    calendar = WorkingCalendar(
        closed=frozenset(day for day, closed in rows if closed),
        opened=frozenset(day for day, closed in rows if not closed),
    )
    due_by_received = {}
    written = Complaint.objects.filter(channel__in=["digital_form", "email", "letter"])
    for received in written.values_list("received_on", flat=True).distinct():
        due_by_received[received] = calendar.add(received, 10)
    # One UPDATE per day received (a few thousand at most), not one per case.
    for received, due in due_by_received.items():
        written.filter(received_on=received).update(reply_due_on=due)


class Migration(migrations.Migration):
    dependencies = [
        ("complaints", "0016_complaint_reply_due_on"),
        ("core", "0007_working_days_access_disqualification"),
    ]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]

"""Dates worked out by hand and cases made for the retention tests: today is Saturday
5 December 2026, so a complaint closed 5 years and a day ago closed on 4 December 2021."""

import datetime as dt

from complaints.models import Complaint
from retention.models import Deletion
from tests.factories import ComplaintFactory

TODAY = dt.date(2026, 12, 5)
DUE = dt.date(2021, 12, 4)  # 5 years and a day before TODAY
NOT_YET = dt.date(2021, 12, 6)  # 5 years minus a day
PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def closed(complaint, on):
    Complaint.objects.filter(pk=complaint.pk).update(
        state="closed",
        furthest_step="written",
        track="written",
        outcome="upheld",
        solved="solved",
        closed_on=on,
    )
    complaint.refresh_from_db()
    return complaint


def a_closed_complaint(on, **fields):
    return closed(ComplaintFactory(received_on=on - dt.timedelta(days=60), state="written", **fields), on)


def deleted_numbers():
    return set(Deletion.objects.values_list("case_number", flat=True))

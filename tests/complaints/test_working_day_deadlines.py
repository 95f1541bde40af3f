"""Written inquiries and hearing rounds may set their deadline in working days (DOMAIN §9); the
morning reminders keep to the office's working days."""

import datetime as dt

import pytest
from django.urls import reverse

from complaints import services, upkeep
from ops.models import OutboxMessage
from supervision.models import HearingRound
from tests.factories import ComplaintFactory, SupervisionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_inquirys_deadline_in_working_days_skips_christmas(client_for, jurist):
    complaint = ComplaintFactory(state="written")
    client_for(jurist).post(
        reverse("complaints:inquiry_add", args=[complaint.pk]),
        {"inquiry-sent_on": "2025-12-19", "inquiry-reply_due": "", "inquiry-working_days": "10"},
    )
    # 22, 23, 29, 30 December and 2, 5, 6, 7, 8, 9 January.
    assert complaint.inquiries.get().due_on == dt.date(2026, 1, 9)


@pytest.mark.parametrize(
    ("reply_due", "working_days", "message"),
    [
        ("2026-01-09", "10", "Angiv fristen som en dato eller i arbejdsdage, ikke begge."),
        ("", "", "Angiv fristen som en dato eller i arbejdsdage."),
        ("", "0", "Denne værdi skal være større end eller lig 1."),
    ],
)
def test_an_inquirys_deadline_is_a_date_or_working_days(client_for, jurist, reply_due, working_days, message):
    complaint = ComplaintFactory(state="written")
    response = client_for(jurist).post(
        reverse("complaints:inquiry_add", args=[complaint.pk]),
        {
            "inquiry-sent_on": "2025-12-19",
            "inquiry-reply_due": reply_due,
            "inquiry-working_days": working_days,
        },
        follow=True,
    )
    assert message in response.content.decode()
    assert not complaint.inquiries.exists()


def test_a_hearing_rounds_deadline_in_working_days_skips_easter(client_for, head):
    supervision = SupervisionFactory(state="hearing", responsible=head)
    response = client_for(head).post(
        reverse("supervision:hearing_add", args=[supervision.pk]),
        {
            "hearing-department": supervision.departments.get().pk,
            "hearing-questions": "Hvordan dokumenteres partshøringen?",
            "hearing-sent_on": "2026-04-01",
            "hearing-deadline": "",
            "hearing-working_days": "5",
        },
    )
    assert response.status_code == 302
    # 2, 3 and 6 April are Easter holidays: 7, 8, 9, 10, 13 April.
    assert HearingRound.objects.get(supervision=supervision).due_on == dt.date(2026, 4, 13)


def test_reply_reminders_wait_for_a_working_day():
    jurist = UserFactory(username="j-frist", roles=["jurist"], email="jurist@kk.example")
    case = ComplaintFactory(state="written", responsible=jurist)
    services.inquiry_send(
        complaint=case, by=jurist, sent_on=dt.date(2025, 12, 1), reply_due=dt.date(2025, 12, 15)
    )
    for closed in (dt.date(2025, 12, 20), dt.date(2025, 12, 24), dt.date(2025, 12, 25), dt.date(2026, 1, 1)):
        assert upkeep.reply_reminders(today=closed) == 0, closed
    assert not OutboxMessage.objects.exists()
    assert upkeep.reply_reminders(today=dt.date(2025, 12, 22)) == 1

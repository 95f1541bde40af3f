"""The municipality's reply guarantee (tilbagemeldingsgaranti, DOMAIN §9): a written answer or
acknowledgement within 10 working days of receipt — on the case, in "Mine sager", on the
head's workload page, on the citizen's status page and in the yearly figures."""

import datetime as dt

import pytest
from django.urls import reverse

from complaints import selectors, services
from complaints.models import Complaint, LetterTemplate
from core.models import ClosingDay
from core.workdays import closing_days_changed
from stats.selectors import year_figures
from tests.clock import copenhagen
from tests.factories import ComplaintFactory, UserFactory, department

pytestmark = pytest.mark.django_db

RECEIVED = dt.date(2025, 12, 19)  # a Friday, with Christmas and New Year ahead


def written_complaint(jurist, *, received_on=RECEIVED, name="Birthe Lund") -> Complaint:
    with copenhagen(received_on):
        return services.complaint_create(
            by=jurist,
            kind="complaint",
            requester="citizen",
            channel="email",
            department=department("SOF"),
            person_name=name,
            received_on=received_on,
            notify=False,
        )


@pytest.fixture
def caseworker(db):
    return UserFactory(username="garanti-jurist", first_name="Ida", last_name="Krogh", roles=["jurist"])


def test_a_complaint_received_friday_19_december_2025_is_due_friday_9_january_2026(caseworker):
    # 22, 23, 29, 30 December and 2, 5, 6, 7, 8, 9 January (DOMAIN §9, worked by hand).
    complaint = written_complaint(caseworker)
    assert complaint.reply_due_on == dt.date(2026, 1, 9)


def test_an_acknowledgement_sent_on_the_last_day_meets_the_guarantee(client_for, caseworker):
    complaint = written_complaint(caseworker)
    with copenhagen(dt.date(2026, 1, 9), hour=23):  # late on the day, still the 9th in Copenhagen
        services.letter_send(complaint=complaint, by=caseworker, code=LetterTemplate.Code.ACKNOWLEDGEMENT)
    with copenhagen(dt.date(2026, 1, 20)):
        guarantee = selectors.reply_guarantee(complaint)
        assert guarantee == {
            "due": dt.date(2026, 1, 9),
            "answered_on": dt.date(2026, 1, 9),
            "met": True,
            "missed": False,
        }
        page = client_for(caseworker).get(reverse("complaints:detail", args=[complaint.pk]))
        mine = client_for(caseworker).get(reverse("complaints:queue") + "?scope=mine")
    html = page.content.decode()
    line = html[html.index('id="reply-guarantee"') :].split("</p>")[0]
    assert "9. januar 2026" in line and "Overholdt" in line
    assert "Tilbagemeldingsgaranti overskredet" not in mine.content.decode()


def test_a_case_without_a_letter_is_flagged_in_my_cases_after_ten_working_days(client_for, caseworker):
    complaint = written_complaint(caseworker)
    client = client_for(caseworker)
    url = reverse("complaints:queue") + "?scope=mine"
    with copenhagen(dt.date(2026, 1, 9)):  # the last day: not yet missed
        on_the_day = client.get(url).content.decode()
    with copenhagen(dt.date(2026, 1, 12)):  # Monday after
        after = client.get(url).content.decode()
        overdue_only = client.get(url + "&overdue=on").content.decode()
        detail = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    assert complaint.case_number in on_the_day
    assert "Tilbagemeldingsgaranti overskredet" not in on_the_day
    assert (
        '<span class="nowrap">9. jan 2026</span> <span class="small block">skriftligt svar til borgeren'
        in on_the_day
    )
    row = after[after.index(complaint.case_number) :].split("</tr>")[0]
    assert "Tilbagemeldingsgaranti overskredet" in row
    assert complaint.case_number in overdue_only
    assert "Tilbagemeldingsgaranti overskredet" in detail
    # The case page's header names the same deadline as the list, and that it has passed.
    header = detail[detail.index('id="next-deadline"') :].split("</dd>")[0]
    assert "9. januar 2026 · skriftligt svar til borgeren" in header and "Fristen er overskredet" in header


def test_the_head_sees_the_missed_guarantees_per_caseworker(client_for, caseworker, head):
    written_complaint(caseworker)
    answered = written_complaint(caseworker, name="Svend Aagaard")
    with copenhagen(dt.date(2026, 1, 5)):
        services.letter_send(complaint=answered, by=caseworker, code=LetterTemplate.Code.ACKNOWLEDGEMENT)
    with copenhagen(dt.date(2026, 1, 12)):
        html = client_for(head).get(reverse("complaints:workload")).content.decode()
    row = html[html.index("Ida Krogh") :].split("</tr>")[0]
    cells = [cell.split(">", 1)[1].split("<")[0].strip() for cell in row.split("<td")[1:]]
    # Open, overdue (a reply from the department or older than 30 days), guarantee missed.
    assert cells == ["2", "0", "1"]


def test_the_citizen_is_told_when_to_expect_a_written_answer(client, caseworker):
    complaint = written_complaint(caseworker)
    with copenhagen(dt.date(2025, 12, 22)):
        html = client.get(reverse("complaints:public_status", args=[complaint.public_token])).content.decode()
    assert "Du får et skriftligt svar fra os senest 9. januar 2026." in html


def test_the_yearly_figure_counts_replies_by_the_guarantee_day(caseworker):
    in_time = written_complaint(caseworker, name="A")
    late = written_complaint(caseworker, name="B")
    written_complaint(caseworker, name="C")  # never answered
    with copenhagen(dt.date(2026, 1, 8)):
        services.letter_send(complaint=in_time, by=caseworker, code=LetterTemplate.Code.ACKNOWLEDGEMENT)
    with copenhagen(dt.date(2026, 1, 12)):
        services.letter_send(complaint=late, by=caseworker, code=LetterTemplate.Code.ACKNOWLEDGEMENT)
    # A phone call is not a written case: not counted either way.
    ComplaintFactory(channel="phone", received_on=RECEIVED)
    figures = year_figures(2025, today=dt.date(2026, 6, 1))
    assert figures.data["reply_within_10_working_days_pct"] == 33.3  # 1 of 3
    assert figures.extra["recorded"]["reply_within_10_working_days_pct"] is True


def test_a_new_closing_day_moves_the_guarantees_it_falls_within(caseworker):
    complaint = written_complaint(caseworker)
    later = written_complaint(caseworker, received_on=dt.date(2026, 1, 9))  # due 23 January
    ClosingDay.objects.create(day=dt.date(2026, 1, 2), label="Ekstra lukkedag")
    closing_days_changed.send(sender=ClosingDay, day=dt.date(2026, 1, 2))
    complaint.refresh_from_db()
    later.refresh_from_db()
    assert complaint.reply_due_on == dt.date(2026, 1, 12)
    assert later.reply_due_on == dt.date(2026, 1, 23)

"""The written inquiry and the hearing round are one concept (core.deadlines): the same rules
for reminders and answers, each case kind writing its own timeline."""

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from complaints import services as complaint_services
from supervision import services as supervision_services
from tests.factories import ComplaintFactory, SupervisionFactory, department

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters(jurist):
    inquiry = complaint_services.inquiry_send(
        complaint=ComplaintFactory(state="written"),
        by=jurist,
        sent_on=dt.date(2026, 11, 2),
        reply_due=dt.date(2026, 11, 16),
    )
    hearing = supervision_services.hearing_round_add(
        supervision=SupervisionFactory(state="hearing"),
        by=jurist,
        department=department("SOF"),
        questions="Hvordan?",
        sent_on=dt.date(2026, 11, 2),
        deadline=dt.date(2026, 11, 16),
    )
    return [
        (complaint_services.INQUIRIES, "inquiry", inquiry),
        (supervision_services.HEARINGS, "hearing_round", hearing),
    ]


@time_machine.travel(dt.datetime(2026, 11, 20, 12, 0))
def test_both_kinds_follow_the_same_rules(jurist, letters):
    for kind, name, letter in letters:
        assert letter.is_overdue and letter.case.events.count() == 1
        with pytest.raises(ValidationError, match="senest i dag"):
            kind.remind(by=jurist, sent_on=dt.date(2026, 11, 21), **{name: letter})
        reminder = kind.remind(by=jurist, sent_on=dt.date(2026, 11, 17), **{name: letter})
        kind.correct(reminder=reminder, by=jurist, sent_on=dt.date(2026, 11, 18))
        with pytest.raises(ValidationError, match="fremtiden"):
            kind.answer(by=jurist, received_on=dt.date(2026, 11, 21), **{name: letter})
        kind.answer(by=jurist, received_on=dt.date(2026, 11, 19), **{name: letter})
        letter.refresh_from_db()
        assert (letter.answered_on, letter.is_overdue) == (dt.date(2026, 11, 19), False)
        assert list(letter.reminders.values_list("sent_on", flat=True)) == [dt.date(2026, 11, 18)]
        with pytest.raises(ValidationError, match="allerede svaret"):
            kind.remind(by=jurist, sent_on=dt.date(2026, 11, 20), **{name: letter})
        # Sent, reminded, corrected, answered: four rows on the case's own timeline.
        assert letter.case.events.count() == 4

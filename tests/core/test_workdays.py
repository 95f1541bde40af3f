"""The working-day calendar (DOMAIN §9), against dates worked out by hand from a printed
calendar: Danish public holidays, the municipality's closing days, the secretariat's changes."""

from datetime import date

import pytest

from core.models import ClosingDay
from core.workdays import add_months, add_working_days, working_days_between

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("received", "n", "due"),
    [
        # DOMAIN §9's example across Christmas and the new year: 22, 23, 29, 30 December and
        # 2, 5, 6, 7, 8, 9 January (24 and 31 December closed; 25, 26 December, 1 January holidays).
        (date(2025, 12, 19), 10, date(2026, 1, 9)),
        # Easter 2025: Skærtorsdag 17, Langfredag 18, Påskedag 20, 2. påskedag 21 April.
        (date(2025, 4, 16), 1, date(2025, 4, 22)),
        (date(2025, 4, 16), 3, date(2025, 4, 24)),
        # 5 June 2025 (Thursday) is a closing day, 2. pinsedag is Monday 9 June.
        (date(2025, 6, 4), 1, date(2025, 6, 6)),
        (date(2025, 6, 4), 2, date(2025, 6, 10)),
        # Received on the closing day itself: day 0 never counts, whatever it is.
        (date(2025, 6, 5), 1, date(2025, 6, 6)),
        # Store Bededag: Friday 5 May 2023 was a holiday; Friday 26 April 2024 was not.
        (date(2023, 5, 4), 1, date(2023, 5, 8)),
        (date(2024, 4, 25), 1, date(2024, 4, 26)),
        # A year boundary: 31 December 2026 (Thursday) closed, 1 January 2027 (Friday) a holiday.
        (date(2026, 12, 30), 1, date(2027, 1, 4)),
        # Received on a Saturday.
        (date(2025, 12, 6), 1, date(2025, 12, 8)),
        # Kristi himmelfartsdag, Thursday 14 May 2026; the Friday after is a working day.
        (date(2026, 5, 13), 1, date(2026, 5, 15)),
        # Access to documents: 7 working days from Monday 7 April 2025, across Easter:
        # 8, 9, 10, 11, 14, 15, 16 April.
        (date(2025, 4, 7), 7, date(2025, 4, 16)),
        (date(2025, 4, 9), 7, date(2025, 4, 23)),
        (date(2025, 4, 9), 0, date(2025, 4, 9)),
    ],
)
def test_add_working_days_follows_the_danish_calendar(received, n, due):
    assert add_working_days(received, n) == due


@pytest.mark.parametrize(
    ("a", "b", "count"),
    [
        (date(2025, 12, 19), date(2026, 1, 9), 10),
        (date(2025, 4, 17), date(2025, 4, 22), 1),
        (date(2025, 4, 16), date(2025, 4, 16), 0),
        (date(2025, 4, 22), date(2025, 4, 16), 0),
        # A whole ordinary week, Friday to Friday.
        (date(2025, 3, 7), date(2025, 3, 14), 5),
        # 2023 had one working day fewer in the week of Store Bededag than 2024.
        (date(2023, 4, 30), date(2023, 5, 7), 4),
        (date(2024, 4, 21), date(2024, 4, 28), 5),
    ],
)
def test_working_days_between_counts_the_days_after_a_up_to_b(a, b, count):
    assert working_days_between(a, b) == count


def test_a_closing_day_the_secretariat_adds_moves_the_deadline():
    ClosingDay.objects.create(day=date(2026, 1, 2), label="Fredag efter nytår")
    # 22, 23, 29, 30 December, then 5, 6, 7, 8, 9, 12 January.
    assert add_working_days(date(2025, 12, 19), 10) == date(2026, 1, 12)


def test_a_default_closing_day_opened_for_one_year_is_a_working_day_that_year_only():
    ClosingDay.objects.create(day=date(2025, 12, 24), closed=False, label="Åbent juleaften")
    # 22, 23, 24, 29, 30 December, 2, 5, 6, 7, 8 January.
    assert add_working_days(date(2025, 12, 19), 10) == date(2026, 1, 8)
    # 24 December 2026 (Thursday) is still closed: 23, 28, 29, 30 December, 4 January.
    assert add_working_days(date(2026, 12, 22), 5) == date(2027, 1, 4)


@pytest.mark.parametrize(
    ("day", "due"),
    [
        (date(2025, 12, 15), date(2026, 1, 15)),
        (date(2026, 1, 31), date(2026, 2, 28)),
        (date(2024, 1, 31), date(2024, 2, 29)),
    ],
)
def test_one_calendar_month_for_a_request_under_gdpr_article_15(day, due):
    assert add_months(day, 1) == due

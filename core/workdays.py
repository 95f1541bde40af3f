"""Working days (DOMAIN §9): the clock most of the office's deadlines run on.

A working day is Monday–Friday that is neither a Danish public holiday nor one of the
municipality's closing days. The public holidays come from the ``holidays`` library (country
DK: it knows Easter's movable days and that Store Bededag was abolished after 2023); the
closing days are 24 December, 31 December and 5 June by default (``MUNICIPAL_CLOSING_DAYS``),
and the secretariat edits them per year in the admin (``core.models.ClosingDay``: a day
added, or a default day opened in a given year).

- ``add_working_days(day, n)``: the n-th working day after ``day``. The day of receipt is day
  0 and never counts, whatever it is.
- ``working_days_between(a, b)``: the number of working days d with a < d ≤ b.

The whistleblower act counts calendar days (7 days, 3 months): its deadlines do not use this.

A deadline computed from the calendar is stored on its case (queues sort and count by it in the
database). When the secretariat changes a closing day, ``closing_days_changed`` is sent with
the day; the apps that store such deadlines recompute the ones it can move.
"""

from calendar import monthrange
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.conf import settings
from django.dispatch import Signal

# Sent with ``day`` (a date) after a closing day is added, changed or removed.
closing_days_changed = Signal()


@lru_cache(maxsize=64)
def public_holidays(year: int) -> frozenset[date]:
    """Denmark's public holidays in ``year`` (those falling on a Sunday included)."""
    return frozenset(holidays.country_holidays("DK", years=year))


def default_closing_days(year: int) -> frozenset[date]:
    return frozenset(date(year, month, day) for month, day in settings.MUNICIPAL_CLOSING_DAYS)


@dataclass(frozen=True)
class WorkingCalendar:
    """The working days, with the secretariat's changes to the closing days: ``closed`` are
    days added, ``opened`` default closing days that are working days after all. Build it with
    ``WorkingCalendar.load`` (one query) and use it for as many dates as needed."""

    closed: frozenset[date] = field(default_factory=frozenset)
    opened: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def load(cls) -> "WorkingCalendar":
        """The calendar as the secretariat has set it: one query over a table of a few rows a
        year."""
        # here, not at the top: core.models imports this module
        from .models import ClosingDay

        rows = ClosingDay.objects.values_list("day", "closed")
        return cls(
            closed=frozenset(day for day, is_closed in rows if is_closed),
            opened=frozenset(day for day, is_closed in rows if not is_closed),
        )

    def is_working_day(self, day: date) -> bool:
        if day.weekday() >= 5 or day in public_holidays(day.year) or day in self.closed:
            return False
        return day not in default_closing_days(day.year) or day in self.opened

    def add(self, day: date, n: int) -> date:
        if n < 0:
            raise ValueError("n must not be negative")
        while n:
            day += timedelta(days=1)
            if self.is_working_day(day):
                n -= 1
        return day

    def between(self, a: date, b: date) -> int:
        count, day = 0, a
        while day < b:
            day += timedelta(days=1)
            count += self.is_working_day(day)
        return count


def add_working_days(day: date, n: int, calendar: WorkingCalendar | None = None) -> date:
    """The n-th working day after ``day`` (DOMAIN §9). Example: received Friday 19 December
    2025, n = 10 → Friday 9 January 2026."""
    calendar = calendar or WorkingCalendar.load()
    return calendar.add(day, n)


def working_days_between(a: date, b: date, calendar: WorkingCalendar | None = None) -> int:
    """The number of working days d with a < d ≤ b (0 when b is not after a)."""
    calendar = calendar or WorkingCalendar.load()
    return calendar.between(a, b)


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later, or the month's last day if it has no such day (GDPR art.
    12(3): "within one month")."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return date(year, month, min(day.day, monthrange(year, month)[1]))

"""Report years and calendar years as date ranges (DOMAIN §6)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def q(self, field: str) -> Q:
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})

    def has_ended(self, today: date | None = None) -> bool:
        """Whether the whole period lies before ``today`` (in Copenhagen): the one rule for
        when a whistleblower figure may be released (DOMAIN §5) — a running count would show
        colleagues when a report has just come in."""
        return self.end < (today or timezone.localdate())

    @classmethod
    def report_year(cls, year: int) -> "Period":
        """1 April Y – 31 March Y+1 (the start month is ``REPORT_YEAR_START_MONTH``)."""
        month = settings.REPORT_YEAR_START_MONTH
        start = date(year, month, 1)
        next_start = date(year + 1, month, 1)
        return cls(start, next_start - timedelta(days=1))

    @classmethod
    def calendar_year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def first_quarter(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 3, 31))


def latest_finished_report_year(today: date | None = None) -> int:
    """The newest report year whose period has ended (the dashboard's default)."""
    today = today or timezone.localdate()
    year = today.year - 1
    while Period.report_year(year).end >= today:
        year -= 1
    return year

"""The machinery of the yearly figures (stats.selectors): the periods one report year's figures
refer to (``Year``), the registry every figure joins with ``@figure``, the counted rule, and the
rounding every share and mean uses (one decimal, half away from zero)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import DurationField, ExpressionWrapper, F, Q
from django.utils import timezone

from complaints import selectors as complaint_selectors
from core.periods import Period

# A counted complaint (DOMAIN §6): kind complaint or inquiry, except one that came by the
# digital form and was closed as forwarded (those are reported apart). The national figures
# and the department pages both read ``counted()``: one definition.
COUNTED = Q(kind__in=["complaint", "inquiry"]) & ~Q(channel="digital_form", track="forwarded")
COMPLAINT_KIND = Q(kind="complaint")


def counted():
    """The counted complaints (DOMAIN §6)."""
    return complaint_selectors.statistics_complaints().filter(COUNTED)


def round1(value: Decimal) -> float:
    """Half away from zero to one decimal (all figures are non-negative)."""
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def pct(part: int, whole: int) -> float | None:
    """A percentage, or None (JSON null) when the denominator is 0."""
    return round1(Decimal(part) * 100 / Decimal(whole)) if whole else None


def mean_days(total: timedelta | None, count: int) -> float | None:
    if not count:
        return None
    return round1(Decimal((total or timedelta()).days) / Decimal(count))


def days_between(later: str, earlier: str):
    return ExpressionWrapper(F(later) - F(earlier), output_field=DurationField())


@dataclass(frozen=True)
class Year:
    """The periods one report year's figures refer to, seen on the date ``today``."""

    year: int
    today: date = field(default_factory=timezone.localdate)  # Copenhagen's date (TIME_ZONE)
    period: Period = field(init=False)
    calendar: Period = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "period", Period.report_year(self.year))
        object.__setattr__(self, "calendar", Period.calendar_year(self.year))

    def received(self) -> Q:
        return self.period.q("received_on")

    def closed(self) -> Q:
        return self.period.q("closed_on")

    def has_ended(self, period: Period) -> bool:
        """Whether ``period`` has ended on this computation's day (``Period.has_ended``)."""
        return period.has_ended(self.today)

    def wb_periods(self) -> dict[str, Period]:
        """The periods the whistleblower figures count, by the name of their aggregate."""
        return {
            "year": self.calendar,
            "previous": Period.calendar_year(self.year - 1),
            "next_q1": Period.first_quarter(self.year + 1),
        }

    def wb_released(self) -> dict[str, bool]:
        return {name: self.has_ended(period) for name, period in self.wb_periods().items()}


@dataclass
class Figure:
    key: str
    source: str
    parts: Callable[[Year], tuple[dict, Callable]]  # -> ({alias: aggregate}, finish)


FIGURES: list[Figure] = []


def figure(key: str, source: str):
    """Register a figure. The function returns ``{alias: aggregate}`` (or one aggregate) and,
    optionally, a finisher ``values -> value`` as a second item."""

    def register(function):
        def parts(y):
            result = function(y)
            aggregates, finish = result if isinstance(result, tuple) else (result, None)
            if not isinstance(aggregates, dict):
                aggregates = {"value": aggregates}
                finish = finish or (lambda v: v["value"])
            return aggregates, finish or (lambda v: v)

        FIGURES.append(Figure(key, source, parts))
        function.figure_key = key
        return function

    return register

"""Running case numbers.

Case numbers are ``YYYY-NNNNNNN``: the year of creation (Copenhagen time) and a 7-digit
number that restarts every year. Complaints, consultations and supervisions share one
series; whistleblower reports have their own (``WB-YYYY-NNNN``, in the whistleblower app).

Uniqueness under concurrency: the counter row is incremented with a single
``UPDATE ... SET last = last + 1``, which takes the row lock; the value is read back inside
the same transaction, so two concurrent callers can never read the same number. The lock is
held until the caller's transaction ends, so a rolled-back case creation also gives back its
number and the series has no gaps.
"""

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from .models import CaseNumberCounter, NumberCounter

CASE_NUMBER_DIGITS = 7


class SeriesExhausted(Exception):
    pass


def next_in_series(counter_model: type[NumberCounter], *, year: int, limit: int) -> int:
    """Allocate and return the next number of ``counter_model``'s series for ``year``."""
    with transaction.atomic():
        # Creates the year's row once; a concurrent creator is ignored (ON CONFLICT DO NOTHING).
        counter_model.objects.bulk_create([counter_model(year=year, last=0)], ignore_conflicts=True)
        counter_model.objects.filter(year=year).update(last=F("last") + 1)
        number = counter_model.objects.values_list("last", flat=True).get(year=year)
        if number > limit:
            raise SeriesExhausted(f"The number series for {year} is exhausted.")
        return number


def format_case_number(year: int, number: int) -> str:
    return f"{year}-{number:0{CASE_NUMBER_DIGITS}d}"


def next_case_number(*, year: int | None = None) -> str:
    """The next number of the shared case series, e.g. ``2023-0064470``."""
    year = year or timezone.localdate().year
    number = next_in_series(CaseNumberCounter, year=year, limit=10**CASE_NUMBER_DIGITS - 1)
    return format_case_number(year, number)


def reserve_numbers(counter_model: type[NumberCounter], *, year: int, up_to: int) -> None:
    """After records with given numbers were imported or seeded: the series continues after
    them (never moves back)."""
    with transaction.atomic():
        counter_model.objects.bulk_create([counter_model(year=year, last=0)], ignore_conflicts=True)
        counter_model.objects.filter(year=year, last__lt=up_to).update(last=up_to)


def reserve_case_numbers(year: int, up_to: int) -> None:
    reserve_numbers(CaseNumberCounter, year=year, up_to=up_to)

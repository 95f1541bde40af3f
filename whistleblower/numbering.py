from django.utils import timezone

from core.numbering import next_in_series

from .models import ReportNumberCounter

REFERENCE_DIGITS = 4


def next_report_reference(*, year: int | None = None) -> str:
    """The next whistleblower reference, e.g. ``WB-2024-0017``; restarts every year."""
    year = year or timezone.localdate().year
    number = next_in_series(ReportNumberCounter, year=year, limit=10**REFERENCE_DIGITS - 1)
    return f"WB-{year}-{number:0{REFERENCE_DIGITS}d}"

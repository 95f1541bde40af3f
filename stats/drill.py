"""The restore drill's look at the figures: every report year's, from the first case on."""

import datetime as dt

from complaints import selectors as complaint_selectors
from core.periods import Period

from .selectors import year_figures


def look(today: str) -> dict:
    def report_year_of(day: dt.date) -> int:
        return day.year if day >= Period.report_year(day.year).start else day.year - 1

    day = dt.date.fromisoformat(today)
    complaints = complaint_selectors.statistics_complaints()
    first = complaints.order_by("received_on").values_list("received_on", flat=True).first() or day
    years = range(report_year_of(first), report_year_of(day) + 1)
    return {"figures": {year: year_figures(year, today=day).data for year in years}}

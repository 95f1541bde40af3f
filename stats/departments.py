"""One department's figures, for its page and its section of the yearly report."""

from django.db.models import Count, Q

from complaints import selectors as complaint_selectors
from core.periods import Period

from .selectors import OUTCOMES
from .year import COMPLAINT_KIND, Year, counted


def department_figures(code: str, year: int) -> dict:
    """One department's figures for its page and its section of the report: counted
    complaints of kind complaint per report year (five years), their outcomes when closed in
    the period, and the themes of those received in the period (a case counts once per theme).
    No whistleblower figure, so the date does not matter here.
    """
    y = Year(year)
    # The counted rule, as in the national figures, so the seven sections sum to the
    # national table (DOMAIN §7).
    complaints = counted().filter(COMPLAINT_KIND & Q(department__code=code))
    years = range(year - 4, year + 1)
    aggregates = {f"y{yr}": Count("pk", filter=Period.report_year(yr).q("received_on")) for yr in years}
    aggregates.update({o: Count("pk", filter=y.closed() & Q(outcome=o)) for o in OUTCOMES})
    row = complaints.aggregate(**aggregates)
    counted_ids = complaints.filter(y.received()).values("pk")
    themes = (
        complaint_selectors.statistics_complaint_points()
        .filter(complaint__in=counted_ids)
        .values("theme__code", "theme__label", "theme__position")
        .annotate(cases=Count("complaint", distinct=True))
        .order_by("-cases", "theme__position")
    )
    return {
        "per_report_year": {str(yr): row[f"y{yr}"] for yr in years},
        "outcomes": {o: row[o] for o in OUTCOMES},
        "themes": [
            {"code": t["theme__code"], "label": t["theme__label"], "cases": t["cases"]} for t in themes
        ],
    }

"""The whistleblower scheme's yearly report to the committee, as a tagged PDF
(``wb_annual_report``): the unit's released annual account (``whistleblower.published``)
with the statistics' themes and the count of the year before (``stats``)."""

from django.utils import translation

from core.formatting import long_date, number
from core.periods import Period
from ops.documents import render_pdf
from whistleblower import published as whistleblower
from whistleblower.published import INVESTIGATED, REJECTED


def _reports(value: int) -> str:
    """3 → "3 indberetninger", 1 → "1 indberetning"."""
    return f"{number(value)} indberetning" + ("" if value == 1 else "er")


def whistleblower_report_pdf(
    account: dict, *, themes: list[tuple[str, str]], reports_previous_year=None
) -> bytes:
    """The calendar year's report to the committee as a tagged PDF (PDF/UA), in Danish, from
    the template ``annual_report/whistleblower_report.html`` (ops.documents).

    ``account`` is ``whistleblower.published.annual_account(year)`` (released); ``themes`` are
    the rows (label, share as printed) of the themes table the statistics build
    (``stats.tables``: the figure is defined there); ``reports_previous_year`` the statistics'
    count for Y−1. Every text from the
    database goes through Django's escaping: a summary is shown as written."""
    if not account["released"]:
        raise ValueError("The annual account of a calendar year is released only once the year has ended.")
    with translation.override("da"):
        year = account["year"]
        period = Period.calendar_year(year)
        investigated, rejected = account[INVESTIGATED], account[REJECTED]
        channels, reasons = whistleblower.channel_labels(), whistleblower.rejection_reason_labels()
        title = f"Whistleblowerordningen – årsrapport {year}"
        context = {
            "document_title": title,
            "sender": title,
            "year": year,
            "previous_year": year - 1,
            "period_text": f"{long_date(period.start)} – {long_date(period.end)}",
            "figures": [
                (f"Indberetninger modtaget i {year}", number(account["reports"])),
                ("Forhold i disse indberetninger", number(account["matters"])),
                (f"Indberetninger modtaget i {year - 1}", number(reports_previous_year)),
                (f"Indberetninger undersøgt og afsluttet i {year}", number(investigated["reports"])),
                (f"Indberetninger afvist i {year}", number(rejected["reports"])),
            ],
            "channels": [(str(channels[c]), number(n)) for c, n in account["reports_by_channel"].items()],
            "themes": list(themes),
            "investigated": {
                **investigated,
                "text": _reports(investigated["reports"]),
                "without_text": _reports(investigated["without_summary"]),
            },
            "rejected": {
                **rejected,
                "text": _reports(rejected["reports"]),
                "without_text": _reports(rejected["without_summary"]),
                "reasons": [(str(reasons[r]), number(n)) for r, n in rejected["by_reason"].items()],
            },
        }
        return render_pdf("annual_report/whistleblower_report.html", context)

"""Write the whistleblower scheme's report for a calendar year to the committee as a PDF:
``wb_annual_report --year 2023 --out whistleblower-2023.pdf``.

The account's own figures and the unit's summaries come from the unit's released account
(``whistleblower.published.annual_account``); the themes and the previous year's count from
the yearly statistics (``stats``), where those figures are defined once. It is a yearly report,
so it lives with the yearly report, the app that may read both. A year that has not ended is
refused: its figures are not released.
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from annual_report.whistleblower_report import whistleblower_report_pdf
from stats.selectors import year_figures
from stats.tables import build_tables
from whistleblower.published import annual_account


class Command(BaseCommand):
    help = "Write the whistleblower scheme's report for a calendar year (to the committee) as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Calendar year (default: the latest ended one).")
        parser.add_argument("--out", required=True, help="The PDF file to write.")

    def handle(self, *args, **options):
        today = timezone.localdate()
        year = options["year"] or today.year - 1
        if not 1900 < year < 2200:
            raise CommandError("Angiv et kalenderår, fx 2023.")
        account = annual_account(year, today=today)
        if not account["released"]:
            raise CommandError(
                f"Årsrapporten for {year} kan først laves, når kalenderåret er slut "
                f"(fra 1. januar {year + 1}): tallene for et igangværende år offentliggøres ikke."
            )
        figures = year_figures(year, today=today)
        tables = {t.key: t for t in build_tables(figures)}
        pdf = whistleblower_report_pdf(
            account,
            themes=[(row.label, row.text) for row in tables["whistleblower_themes"].rows],
            reports_previous_year=figures.data["whistleblower"]["reports_previous_year"],
        )
        out = Path(options["out"])
        out.write_bytes(pdf)
        self.stdout.write(f"Wrote {out} ({len(pdf):,} bytes)")

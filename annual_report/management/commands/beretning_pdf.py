"""Write the yearly report as a PDF: ``beretning_pdf --year 2023 --out beretning-2023.pdf``.

Uses the year's edition (foreword, chapters, recommendations, examples, results) when one
exists; a published edition gives its stored, frozen PDF."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annual_report.models import Edition
from annual_report.pdf import build_report
from annual_report.services import edition_pdf
from core.periods import latest_finished_report_year


class Command(BaseCommand):
    help = "Write the yearly report (beretning) for a report year as a PDF."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Report year (default: the latest finished one).")
        parser.add_argument("--out", required=True, help="The PDF file to write.")

    def handle(self, *args, **options):
        year = options["year"] or latest_finished_report_year()
        if not 1900 < year < 2200:
            raise CommandError("Give a report year such as 2023.")
        edition = Edition.objects.filter(year=year).first()
        # A published edition's file leaves the system here: its publication can no longer be undone.
        pdf = edition_pdf(edition, download=True) if edition else build_report(year)
        out = Path(options["out"])
        out.write_bytes(pdf)
        self.stdout.write(f"Wrote {out} ({len(pdf):,} bytes)")

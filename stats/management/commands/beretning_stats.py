"""Print a report year's figures (DOMAIN §6): ``--format json`` (the exact structure) or
``--format table`` (the report's tables as Danish text)."""

import json

from django.core.management.base import BaseCommand, CommandError

from core.periods import latest_finished_report_year
from stats.selectors import year_figures
from stats.tables import build_tables


class Command(BaseCommand):
    help = "Print the yearly report's figures for a report year."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Report year (default: the latest finished one).")
        parser.add_argument("--format", choices=["json", "table"], default="json")

    def handle(self, *args, **options):
        year = options["year"] or latest_finished_report_year()
        if not 1900 < year < 2200:
            raise CommandError("Give a report year such as 2023.")
        figures = year_figures(year)
        if options["format"] == "json":
            self.stdout.write(json.dumps(figures.data, ensure_ascii=False, indent=2))
            return
        for table in build_tables(figures):
            self.stdout.write(table.title)
            for row in table.rows:
                self.stdout.write(f"  {row.label} {row.text}")
            self.stdout.write("")

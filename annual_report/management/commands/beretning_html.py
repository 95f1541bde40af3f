"""Write the yearly report as a self-contained web edition:
``beretning_html --year 2023 --out beretning-2023/`` writes ``index.html`` and ``assets/``.

A published edition gives its stored web edition, as it was published."""

import io
import zipfile
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from annual_report import content, web
from annual_report.models import Edition
from core.periods import latest_finished_report_year


class Command(BaseCommand):
    help = "Write the yearly report (beretning) for a report year as a self-contained web edition."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Report year (default: the latest finished one).")
        parser.add_argument("--out", required=True, help="The directory to write (created if missing).")

    def handle(self, *args, **options):
        year = options["year"] or latest_finished_report_year()
        if not 1900 < year < 2200:
            raise CommandError("Give a report year such as 2023.")
        out = Path(options["out"])
        if out.exists() and not out.is_dir():
            raise CommandError(f"{out} exists and is not a directory.")
        edition = Edition.objects.filter(year=year).first()
        if edition and edition.is_published and edition.web:
            with edition.web.open("rb") as stored, zipfile.ZipFile(io.BytesIO(stored.read())) as archive:
                prefix = f"beretning-{year}/"
                for name in archive.namelist():
                    path = out / name.removeprefix(prefix)
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(archive.read(name))
        else:
            web.write(content.build(year, edition), out)
        self.stdout.write(f"Wrote {out / 'index.html'}")

"""Import historical data: ``import_data KIND FILE --as USERNAME [--dry-run]``.

KIND is one of the formats of DOMAIN §8 (complaints, consultations, supervisions,
whistleblower); the apps declare them (``import_formats`` on their AppConfig) with who may
import them. Prints new / updated / unchanged, or every bad row with its number, column and
reason — and then writes nothing at all."""

from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from core.importing import ImportFileError, read_dataset, run_import


def formats() -> dict[str, tuple[str, str]]:
    found = {}
    for config in apps.get_app_configs():
        found.update(getattr(config, "import_formats", {}))
    return found


class Command(BaseCommand):
    help = "Import a CSV or XLSX file in one of the documented formats."

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(formats()))
        parser.add_argument("file")
        parser.add_argument(
            "--as",
            dest="username",
            required=True,
            help="The user the import is made as; their role must allow this format.",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Check the file and report; write nothing."
        )

    def handle(self, *args, **options):
        resource_path, permission_path = formats()[options["kind"]]
        user = get_user_model().objects.filter(username=options["username"], is_active=True).first()
        if user is None or not import_string(permission_path)(user):
            raise CommandError(f"{options['username']} may not import {options['kind']}.")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            dataset = read_dataset(path)
        except ImportFileError as exc:
            raise CommandError(str(exc)) from None
        summary = run_import(import_string(resource_path)(), dataset, dry_run=options["dry_run"])
        if not summary.ok:
            for row, column, reason in summary.errors:
                where = f"row {row}" if row else "file"
                self.stderr.write(f"{where}{f', column {column}' if column else ''}: {reason}")
            raise CommandError(f"{len(summary.errors)} error(s); nothing was imported.")
        verb = "would be" if options["dry_run"] else "were"
        self.stdout.write(
            f"new: {summary.new}, updated: {summary.updated}, unchanged: {summary.unchanged} "
            f"({verb} imported{'; dry run, nothing written' if options['dry_run'] else ''})"
        )

"""What the four import formats of DOMAIN §8 share (django-import-export underneath).

UTF-8 CSV with a header row, or XLSX with the same headers; dates ``YYYY-MM-DD``; an empty
cell is no value; lists are separated by ``;``. A file with any bad row is rejected whole:
every bad row is reported with its number, column and reason, and nothing is written. A
record whose number exists is updated, so importing the same file twice changes nothing.
"""

import datetime as dt
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import tablib
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import resources, widgets
from import_export.fields import Field
from import_export.instance_loaders import BaseInstanceLoader
from import_export.results import RowResult

from .formatting import long_date
from .models import Department
from .numbering import reserve_numbers
from .workflow import personal_data_deleted_numbers

# The shared series of case numbers (complaints, consultations, supervisions): YYYY-NNNNNNN.
CASE_NUMBER = re.compile(r"^(\d{4})-(\d{7})$")


def check_case_number(number: str, errors: dict) -> None:
    if not CASE_NUMBER.match(number or ""):
        errors["case_number"] = [_("The case number must be of the form YYYY-NNNNNNN.")]


class ImportFileError(Exception):
    """The file itself cannot be read (format, encoding, headers)."""


class EmptyCharWidget(widgets.CharWidget):
    """An empty cell is "no value": the empty string for text and code columns."""

    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()


class IsoDateWidget(widgets.Widget):
    """Dates as ``YYYY-MM-DD`` only; an empty cell is no date."""

    def clean(self, value, row=None, **kwargs):
        if value in (None, ""):
            return None
        if isinstance(value, dt.datetime):  # XLSX cells
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValueError(
                _("“%(value)s” is not a date of the form YYYY-MM-DD.") % {"value": value}
            ) from None

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class YesNoWidget(widgets.Widget):
    """Booleans as ``yes`` / ``no``; an empty cell is unknown."""

    def clean(self, value, row=None, **kwargs):
        text = "" if value is None else str(value).strip().lower()
        if text == "":
            return None
        if text in ("yes", "no"):
            return text == "yes"
        raise ValueError(_("“%(value)s” must be yes or no.") % {"value": value})

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else ("yes" if value else "no")


class DepartmentWidget(widgets.Widget):
    """A department by its code (ØKF … TMF)."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._by_code = None

    def clean(self, value, row=None, **kwargs):
        code = "" if value is None else str(value).strip()
        if not code:
            return None
        if self._by_code is None:
            self._by_code = {d.code: d for d in Department.objects.all()}
        if code not in self._by_code:
            raise ValueError(_("Unknown department code “%(code)s”.") % {"code": code})
        return self._by_code[code]

    def render(self, value, obj=None, **kwargs):
        return value.code if value else ""


def text(column):
    """A text or code column; an empty cell is the empty string."""
    return Field(attribute=column, column_name=column, widget=EmptyCharWidget())


def day(column):
    """A date column (YYYY-MM-DD)."""
    return Field(attribute=column, column_name=column, widget=IsoDateWidget())


CHUNK = 5000  # stays below SQLite's limit of 32,766 variables in one statement


def chunks(values: list, size: int = CHUNK):
    for i in range(0, len(values), size):
        yield values[i : i + size]


class ChunkedInstanceLoader(BaseInstanceLoader):
    """Loads the records the file names in a few queries (``number IN (…)`` in chunks), not one
    query per row — and not one huge ``IN`` that SQLite refuses at 100,000 rows."""

    def __init__(self, resource, dataset=None):
        super().__init__(resource, dataset)
        field = resource.fields[resource.number_field]
        # Built before ``before_import`` checks the headers: a file without the number column
        # loads nothing here and is then refused there with a message naming the column.
        column = dataset[field.column_name] if field.column_name in (dataset.headers or []) else []
        # (A number with a NUL character cannot exist, and PostgreSQL refuses to look it up.)
        numbers = sorted({str(v).strip() for v in column if v not in (None, "") and "\x00" not in str(v)})
        queryset = resource.get_queryset()
        self.instances = {}
        for part in chunks(numbers):
            for instance in queryset.filter(**{f"{field.attribute}__in": part}):
                self.instances[getattr(instance, field.attribute)] = instance
        self.field = field

    def get_instance(self, row):
        return self.instances.get(str(row.get(self.field.column_name) or "").strip())


def split_list(value) -> list[str]:
    return [part.strip() for part in str(value or "").split(";") if part.strip()]


def set_state_for_import(instance, state: str) -> None:
    """Imported history is not a workflow move: its state follows from its dates and track.
    The FSM field is protected against assignment, so it is written directly here — the one
    place that does so, and only for imports."""
    instance.__dict__["state"] = state


class ImportResource(resources.ModelResource):
    """Base for the import formats: one pass, bulk writes, full validation per row.

    Subclasses declare ``number_field`` (the identifying column), ``list_columns`` (columns
    holding ``;``-lists that become related rows) and implement ``apply_lists``.
    """

    number_field = "case_number"
    list_columns: tuple[str, ...] = ()
    extra_columns: tuple[str, ...] = ()  # read by the resource itself (e.g. a reference to another record)
    resolved_fields: tuple[str, ...] = ()  # foreign keys a widget has already looked up

    class Meta:
        abstract = True
        skip_unchanged = True
        report_skipped = True
        use_bulk = True
        batch_size = 1000
        clean_model_instances = True
        skip_diff = True
        store_instance = True
        instance_loader_class = ChunkedInstanceLoader

    def required_columns(self) -> list[str]:
        """The header row a file of this format must have (any order)."""
        return [f.column_name for f in self.get_import_fields()] + [*self.list_columns, *self.extra_columns]

    def before_import(self, dataset, **kwargs):
        # Here, inside the import's transaction, so the command and the admin's import pages
        # are covered alike.
        if not _import_lock(self):
            raise ImportFileError(
                _(
                    "Another import of this kind is running. "
                    "Nothing was imported; try again when it has finished."
                )
            )
        missing = [c for c in self.required_columns() if c not in (dataset.headers or [])]
        if missing:
            raise ImportFileError(
                _("The file lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
            )
        # PostgreSQL cannot store a NUL character in text; say where it is instead of failing.
        for number, row in enumerate(dataset.dict, start=1):
            for column, value in row.items():
                if isinstance(value, str) and "\x00" in value:
                    raise ImportFileError(
                        _("Row %(row)s, column %(column)s: the cell contains a NUL character.")
                        % {"row": number, "column": column}
                    )
        self._seen = {}
        self._lists = {}
        numbers = [str(v).strip() for v in dataset[self.number_field] if v not in (None, "")]
        self._existing_lists = self.existing_lists(numbers)
        self._updatable = self.updatable_numbers(numbers)
        self._deleted = personal_data_deleted_numbers(self._meta.model, numbers)

    def existing_lists(self, numbers) -> dict[str, dict[str, list[str]]]:
        """{number: {column: sorted list}} for the records already there (one query each)."""
        return {}

    def updatable_numbers(self, numbers) -> set[str]:
        """Of the records already there, those an import may change: created by an import
        and touched by nobody since. Every other existing number in a row that would change
        something is an error for that row — an import never rewrites a person's work."""
        return set()

    def before_save_instance(self, instance, row, **kwargs):
        if self._moves_updated_at():
            instance.updated_at = timezone.now()

    def get_bulk_update_fields(self):
        # An import's update is a change like any other: it moves the record's ``updated_at``
        # (which bulk_update alone leaves as it was), so "changed since" sees it (retention).
        fields = super().get_bulk_update_fields()
        return [*fields, "updated_at"] if self._moves_updated_at() else fields

    def _moves_updated_at(self) -> bool:
        return any(f.name == "updated_at" for f in self._meta.model._meta.concrete_fields)

    def import_instance(self, instance, row, **kwargs):
        errors = {}
        number = str(row.get(self.number_field) or "").strip()
        row_number = kwargs.get("row_number")
        if number in self._seen:
            errors[self.number_field] = [
                _("The number %(number)s also stands in row %(row)s.")
                % {"number": number, "row": self._seen[number]}
            ]
        self._seen.setdefault(number, row_number)
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as exc:
            errors.update(exc.update_error_dict({}))
        if hasattr(instance, "general_problem") and "general_problem" not in row:
            # The older cases a file brings were never asked whether they revealed a general
            # problem: not recorded, so the yearly report says so instead of printing 0.
            instance.general_problem = None
        lists = {}
        for column in self.list_columns:
            try:
                lists[column] = sorted(self.clean_list(column, split_list(row.get(column))))
            except ValueError as exc:
                errors[column] = [str(exc)]
        instance._import_lists = lists
        try:
            self.derive(instance)
        except ValidationError as exc:
            errors.update(exc.update_error_dict({}))
        if errors:
            raise ValidationError(errors)

    def clean_list(self, column: str, values: list[str]) -> list[str]:
        return values

    def derive(self, instance) -> None:
        """Set what follows from the row (the state); raise ValidationError if inconsistent."""

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        number = getattr(instance, self.number_field, "")
        # Called only for rows that would write (unchanged rows are skipped before).
        if instance._import_before is not None and number in self._deleted:
            # A record now: an old file would bring back what the schedule deleted.
            errors.setdefault(self.number_field, []).append(
                _(
                    "%(number)s is a record: its personal data were deleted under the retention "
                    "schedule on %(date)s, and an import may not write to it."
                )
                % {"number": number, "date": long_date(self._deleted[number])}
            )
        elif instance._import_before is not None and number not in self._updatable:
            errors.setdefault(self.number_field, []).append(
                _(
                    "%(number)s already exists and was created or worked on in the system: an "
                    "import may not change it."
                )
                % {"number": number}
            )
        try:
            # The same validation as in the UI, less: the FSM state (set by ``derive``); foreign
            # keys the widgets have already resolved (their re-check is a query per row); and
            # the check constraints, which Django evaluates with a query each per row — their
            # rules are stated row by row in ``derive``/``clean`` with Danish messages, and the
            # database enforces them again when the batch is written.
            instance.full_clean(
                exclude=[*errors, "state", *self.resolved_fields],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            errors = exc.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def get_or_init_instance(self, instance_loader, row):
        instance, new = super().get_or_init_instance(instance_loader, row)
        # A snapshot of the stored values, so that an unchanged row can be skipped cheaply.
        instance._import_before = None if new else self._values(instance)
        return instance, new

    def _values(self, instance) -> dict:
        return {f.attribute: f.get_value(instance) for f in self.get_import_fields() if f.attribute}

    def skip_row(self, instance, original, row, import_validation_errors=None):
        """Unchanged (so nothing is written): an existing record whose every column and list
        equals the row — this is what makes a re-import a no-op."""
        if import_validation_errors or instance._import_before is None:
            return False
        number = getattr(instance, self.number_field)
        stored_lists = self._existing_lists.get(number, {column: [] for column in self.list_columns})
        return stored_lists == instance._import_lists and self._values(instance) == instance._import_before

    def after_import(self, dataset, result, **kwargs):
        if kwargs.get("dry_run") or result.has_errors() or result.has_validation_errors():
            return
        written = [
            (r.instance, r.import_type == RowResult.IMPORT_TYPE_NEW)
            for r in result.rows
            if r.import_type in (RowResult.IMPORT_TYPE_NEW, RowResult.IMPORT_TYPE_UPDATE)
        ]
        if written:
            self.apply_lists(written)
            self.mark_imported(written)
            self.advance_series(written)

    def apply_lists(self, written) -> None:
        """Write the related rows of the ``;``-list columns for the written records."""

    def mark_imported(self, written) -> None:
        """Record on each written record's timeline that it was imported."""

    # (counter model, pattern whose groups are the year and the running number), or None.
    number_series: tuple | None = None

    def advance_series(self, written) -> None:
        """Move each year's running-number counter past the highest imported number, so that
        the next case created in the system does not collide with an imported one."""
        if self.number_series is None:
            return

        counter_model, pattern = self.number_series
        highest: dict[int, int] = {}
        for instance, _new in written:
            match = pattern.match(getattr(instance, self.number_field) or "")
            if match:
                year, number = int(match[1]), int(match[2])
                highest[year] = max(highest.get(year, 0), number)
        for year, number in sorted(highest.items()):
            reserve_numbers(counter_model, year=year, up_to=number)


def untouched_imports(events, number_lookup: str, numbers, notes=None) -> set[str]:
    """The numbers among ``numbers`` whose timeline (``events``, a queryset of timeline rows)
    has an "imported" row and nothing else, and that carry no note (``notes``, a queryset of
    ``core.CaseNote`` with the same ``number_lookup``): created by an import, touched by nobody
    since."""
    imported, touched = set(), set()
    for part in chunks(sorted(set(numbers))):
        rows = events.filter(**{f"{number_lookup}__in": part}).values_list(number_lookup, "action").distinct()
        for number, action in rows:
            (imported if action == "imported" else touched).add(number)
        if notes is not None:
            touched |= set(
                notes.filter(**{f"{number_lookup}__in": part}).values_list(number_lookup, flat=True)
            )
    return imported - touched


@dataclass
class ImportSummary:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list = field(default_factory=list)  # (row number, column, reason)

    @property
    def ok(self) -> bool:
        return not self.errors


def read_dataset(path: Path) -> tablib.Dataset:
    return parse_dataset(path.read_bytes(), path.suffix)


def parse_dataset(data: bytes, suffix: str) -> tablib.Dataset:
    """A CSV (UTF-8, with or without BOM) or XLSX file's rows; ``suffix`` says which."""
    suffix = suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise ImportFileError(_("Give a .csv or .xlsx file."))
    try:
        if suffix == ".xlsx":
            dataset = tablib.Dataset().load(data, format="xlsx")
        else:
            dataset = tablib.Dataset().load(data.decode("utf-8-sig"), format="csv")
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not UTF-8 encoded.")) from None
    except Exception as exc:
        raise ImportFileError(_("The file could not be read: %(error)s") % {"error": exc}) from None
    # A first line with nothing on it (found by fuzzing: "\n\x00") leaves tablib without
    # headers, which django-import-export does not survive.
    if not dataset.headers or not any(str(h or "").strip() for h in dataset.headers):
        raise ImportFileError(_("The first row must hold the column names."))
    return dataset


def _import_lock(resource: ImportResource) -> bool:
    """One import per format at a time (taken in ``before_import``). Two overlapping files
    imported at once would both insert the same case numbers, and the loser would fail on a
    raw unique-key error; on PostgreSQL a transaction-scoped advisory lock per model makes the
    second import stop at once with a clear message instead. (SQLite lets one writer in at a
    time anyway.)"""
    if connection.vendor != "postgresql":
        return True
    key = zlib.crc32(f"import:{resource._meta.model._meta.label}".encode())
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [key])
        return cursor.fetchone()[0]


def run_import(resource: ImportResource, dataset: tablib.Dataset, *, dry_run: bool) -> ImportSummary:
    """Import ``dataset``: everything, or — if any row is bad — nothing at all."""
    with transaction.atomic():
        try:
            result = resource.import_data(
                dataset,
                dry_run=bool(dry_run),
                use_transactions=True,
                rollback_on_validation_errors=True,
                raise_errors=False,
            )
        except ImportFileError as exc:
            return ImportSummary(errors=[(None, None, str(exc))])
        summary = ImportSummary(
            new=result.totals[RowResult.IMPORT_TYPE_NEW],
            updated=result.totals[RowResult.IMPORT_TYPE_UPDATE],
            unchanged=result.totals[RowResult.IMPORT_TYPE_SKIP],
        )
        for error in result.base_errors:
            summary.errors.append((None, None, str(error.error)))
        for invalid in result.invalid_rows:
            for column, messages in invalid.error_dict.items():
                for message in messages:
                    summary.errors.append((invalid.number, None if column == "__all__" else column, message))
        for number, errors in result.row_errors():
            for error in errors:
                summary.errors.append((number, None, str(error.error)))
        if summary.errors or dry_run:
            transaction.set_rollback(True)
        summary.errors.sort(key=lambda e: (e[0] or 0, e[1] or ""))
        return summary

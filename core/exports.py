"""Spreadsheet exports that cannot run formulas (CSV/formula injection) and carry no CPR
number (a CPR-shaped number in any text cell is masked: core.redact)."""

import tablib

from .redact import redact_cpr

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(cell):
    """A text cell that a spreadsheet would read as a formula gets a leading apostrophe.
    Numbers and dates are left as they are."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def escaped(dataset: tablib.Dataset) -> tablib.Dataset:
    safe = tablib.Dataset(headers=dataset.headers, title=dataset.title)
    for row in dataset:
        safe.append([escape_formula(redact_cpr(cell)) for cell in row])
    return safe

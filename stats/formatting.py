"""Danish typography for figures: decimal comma, thousands dot (DOMAIN §6, §7)."""

from datetime import date

from django.utils import translation
from django.utils.formats import date_format

MISSING = "–"


def number(value) -> str:
    """1050 → "1.050"."""
    return MISSING if value is None else f"{value:,}".replace(",", ".")


def decimal(value) -> str:
    """17.3 → "17,3" (one decimal, as computed)."""
    return MISSING if value is None else f"{value:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")


def percent(value) -> str:
    """32.2 → "32,2 %"."""
    return MISSING if value is None else f"{decimal(value)} %"


def days(value) -> str:
    """17.3 → "17,3 dage"."""
    return MISSING if value is None else f"{decimal(value)} dage"


def long_date(value: date) -> str:
    """2024-08-22 → "22. august 2024"."""
    with translation.override("da"):
        return date_format(value, "j. F Y")

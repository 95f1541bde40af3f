"""Danish typography for people: the one place numbers and dates are formatted (DOMAIN §6, §7).

Figures take a decimal comma and a thousands dot; a figure nobody recorded is a dash here and
"ikke registreret" where a sentence says it. Dates are written out ("22. august 2024") in the
language that is active, or in Danish where the document is always Danish (letters, the
yearly report); short dates ("22.08.2024") are for the notes the system writes itself.
"""

import datetime as dt

from django.utils import timezone, translation
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


def long_date(value: dt.date | None, *, language: str | None = None) -> str:
    """2024-08-22 → "22. august 2024" ("" for no date), in ``language`` or the active one."""
    if value is None:
        return ""
    if language is None:
        return date_format(value, "j. F Y")
    with translation.override(language):
        return date_format(value, "j. F Y")


def danish_date(value: dt.date | None) -> str:
    """The long date in Danish, whatever the reader's language: letters and the yearly report."""
    return long_date(value, language="da")


def long_datetime(value: dt.datetime) -> str:
    """A moment in local time: "22. august 2024 14:05"."""
    return date_format(timezone.localtime(value), "j. F Y H:i")


def short_date(value: dt.date) -> str:
    """2024-08-22 → "22.08.2024"."""
    return value.strftime("%d.%m.%Y")


def short_datetime(value: dt.datetime) -> str:
    """A moment in local time: "22.08.2024 14:05"."""
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")

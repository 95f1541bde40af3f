"""CPR numbers masked in any text that leaves the case system for somebody else.

A citizen writes their CPR number in a message, a file is named after it ("030405-4321
lægeerklæring.pdf"), a jurist pastes it into a letter: every hand-out copy (the case file to
hand out, exports) passes its texts through ``redact_cpr``, which masks every CPR-shaped number
the way the case page does (``DDMMYY-****``: the birth date stays, the serial goes).

CPR-shaped: six digits that make a date (day 01–31, or 61–91 for a replacement number; month
01–12), then the four-digit serial — written together, with a hyphen or a dash, or with a space
(``0304054321``, ``030405-4321``, ``030405 – 4321``), or as ``03.04.05-4321``. Not CPR-shaped,
and left alone: case numbers (``2024-0001234``), telephone numbers (``33 66 14 00``), dates
(``03.04.2005``, ``2024-03-12``), amounts, and digits inside a longer number. A ten-digit number
that merely looks like a CPR number (an account number starting with a date) is masked too: a
masked account number costs nothing, a published CPR number cannot be taken back. The serial's
modulus-11 check is not used: numbers issued since 2007 need not pass it.
"""

import calendar
import re

DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
CPR_IN_TEXT = re.compile(
    rf"(?<!\d)"
    rf"(?:(\d{{2}})(\d{{2}})(\d{{2}})[ \t\u00a0]?(?:[{DASHES}][ \t\u00a0]?)?"  # 030405-4321, 0304054321
    rf"|(\d{{2}})\.(\d{{2}})\.(\d{{2}})[ \t\u00a0]?[{DASHES}][ \t\u00a0]?)"  # 03.04.05-4321
    rf"(\d{{4}})(?![\d])"
)


def _is_date(day: str, month: str, year: str) -> bool:
    d, m, y = int(day), int(month), int(year)
    if d > 60:  # a replacement number (erstatningspersonnummer) adds 60 to the day
        d -= 60
    if not (1 <= m <= 12 and d >= 1):
        return False
    # The century is in the serial's first digit; a day that exists in either is a date.
    return any(d <= calendar.monthrange(century + y, m)[1] for century in (1900, 2000))


def _mask(match: re.Match) -> str:
    day, month, year = match.group(1, 2, 3) if match.group(1) else match.group(4, 5, 6)
    if not _is_date(day, month, year):
        return match.group(0)
    return f"{day}{month}{year}-****"


def redact_cpr(text):
    """``text`` with every CPR-shaped number masked; anything not a string is returned as it is."""
    if not isinstance(text, str) or not text:
        return text
    return CPR_IN_TEXT.sub(_mask, text)

"""The tests' clock: a moment in Copenhagen (the office's time zone, summer time included)."""

import datetime as dt
from zoneinfo import ZoneInfo

import time_machine

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def copenhagen(day: dt.date, hour: int = 10):
    """Travel to ``hour`` o'clock in Copenhagen on ``day`` (the clock stands still)."""
    return time_machine.travel(dt.datetime(day.year, day.month, day.day, hour, tzinfo=COPENHAGEN), tick=False)

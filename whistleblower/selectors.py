"""Reads of whistleblower data.

``statistics_*`` are the only reads any other app may make (the yearly figures): they return
dates, channel and theme columns, never a reference, a body or an identity.
"""

from .models import Matter, Report


def statistics_reports():
    """Reports as (received_on, channel) rows, for counting by date and channel."""
    return Report.objects.values("received_on", "channel")


def statistics_matters():
    """Matters as (received_on, theme) rows, for counting by date and theme."""
    return Matter.objects.values("report__received_on", "theme")

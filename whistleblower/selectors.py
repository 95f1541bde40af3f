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


# --- the unit's reads (reached only through unit views) -----------------------------------


def unit_queue(*, state: str = "open"):
    from .models import State

    qs = Report.objects.select_related("department").only(
        "id",
        "reference",
        "received_on",
        "channel",
        "state",
        "wants_acknowledgement",
        "acknowledged_on",
        "concluded_on",
        "department__code",
    )
    if state == "open":
        qs = qs.exclude(state__in=[State.CLOSED, State.REJECTED])
    return qs.order_by("received_on", "id")


def report_for_unit_or_404(user, pk: int) -> Report:
    from django.shortcuts import get_object_or_404

    from .permissions import is_unit

    if not is_unit(user):
        from django.http import Http404

        raise Http404
    return get_object_or_404(Report.objects.select_related("department"), pk=pk)


def messages_for_reporter(report: Report):
    return report.messages.all()


def reporter_stage(report: Report) -> str:
    from django.utils.translation import gettext as _

    return {
        "received": _("Your report is received."),
        "acknowledged": _("We have acknowledged your report and will look at it."),
        "triaged": _("We have looked at your report and decided how it is handled."),
        "investigating": _("We are investigating the matter."),
        "concluded": _("We have given our feedback."),
        "closed": _("The case is closed."),
        "rejected": _("We could not handle the report in the whistleblower scheme. Read the guidance below."),
    }.get(report.state, "")

"""The whistleblower unit's own reads, reached only through the unit's views. What may leave the
unit (the yearly figures, the released annual account) is in ``whistleblower.published``.
"""

from django.db.models import Count, F, Max, Min, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import OPEN_STATES, Matter, Report, State
from .permissions import is_unit

QUEUE_PAGE_SIZE = 50


def unit_queue(*, state: str = "open", overdue: bool = False, channel: str = "", theme: str = "", year=None):
    """The unit's reports, what is due first: by the next statutory deadline, then the newest.
    Filters on plain columns only (state, deadline, channel, matter theme, year received)."""
    qs = Report.objects.select_related("department").only(
        "id",
        "reference",
        "subject",
        "proposed_subject",
        "received_on",
        "channel",
        "state",
        "wants_acknowledgement",
        "acknowledged_on",
        "concluded_on",
        "next_due",
        "department__code",
    )
    if state == "open":
        qs = qs.filter(state__in=OPEN_STATES)
    elif state in State.values:
        qs = qs.filter(state=state)
    if overdue:
        qs = qs.filter(next_due__lt=timezone.localdate())
    if channel:
        qs = qs.filter(channel=channel)
    if theme:
        qs = qs.filter(pk__in=Matter.objects.filter(theme=theme).values("report_id"))
    if year:
        qs = qs.filter(received_on__year=year)
    return qs.order_by(F("next_due").asc(nulls_last=True), "-received_on", "-id")


def unit_search(queryset, words: list[str]) -> list[int]:
    """The ids of the reports in ``queryset`` whose reference, subject (the unit's or the
    reporter's title) or text holds every one
    of ``words``. The text is encrypted, so it is decrypted here, in this request, one report at
    a time, and compared in memory: nothing decrypted is written anywhere, and there is no index
    of plaintext (one query, whatever the number of reports)."""
    wanted = [w.casefold() for w in words if w.strip()]
    found = []
    rows = queryset.order_by().values_list(
        "pk", "reference", "subject", "proposed_subject", "body", "where", "when", "oral_record"
    )
    for pk, *texts in rows.iterator(chunk_size=500):
        haystack = " ".join(t for t in texts if t).casefold()
        if all(word in haystack for word in wanted):
            found.append(pk)
    return found


def unit_counts() -> dict[str, int]:
    """How many reports in each state, and how many open ones are past their deadline (one
    query)."""
    aggregates = {s: Count("pk", filter=Q(state=s)) for s in State.values}
    aggregates["overdue"] = Count("pk", filter=Q(next_due__lt=timezone.localdate()))
    return Report.objects.aggregate(**aggregates)


def unit_years() -> list[int]:
    span = Report.objects.aggregate(first=Min("received_on"), last=Max("received_on"))
    if span["first"] is None:
        return []
    return list(range(span["last"].year, span["first"].year - 1, -1))


def report_for_unit_or_404(user, pk: int) -> Report:
    if not is_unit(user):
        raise Http404
    return get_object_or_404(Report.objects.select_related("department"), pk=pk)


def messages_for_reporter(report: Report):
    return report.messages.all()


def reporter_stage(report: Report) -> str:
    return {
        "received": _("Your report is received."),
        "acknowledged": _("We have acknowledged your report and will look at it."),
        "triaged": _("We have looked at your report and decided how it is handled."),
        "investigating": _("We are investigating the matter."),
        "concluded": _("We have given our feedback."),
        "closed": _("The case is closed."),
        "rejected": _("We could not handle the report in the whistleblower scheme. Read the guidance below."),
    }.get(report.state, "")

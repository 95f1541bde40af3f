"""Complaints' upkeep, run by the worker (complaints.apps) or when the calendar changes: the
jurists' reminders of replies past their deadline, surveys closed after 30 days, and reply
deadlines computed again when the municipality's closing days change."""

from datetime import date, timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy

from core.workdays import WorkingCalendar, add_working_days
from core.workflow import system_text
from ops.outbox import queue_mail

from .models import (
    FINAL_STATES,
    OPEN_STATES,
    REPLY_GUARANTEE_WORKING_DAYS,
    CaseAction,
    CaseEvent,
    Complaint,
    WrittenInquiry,
)
from .services import SURVEY_DAYS

# A deadline of 10 working days never spans more calendar days than this.
REPLY_DUE_SPAN = timedelta(days=45)


def deadlines_recompute(sender=None, *, day: date, **kwargs) -> int:
    """The secretariat changed the working-day calendar on ``day``: the reply guarantees it can
    move (cases received in the weeks before) are computed again. Returns the cases changed."""
    calendar = WorkingCalendar.load()
    changed = 0
    received_days = (
        Complaint.objects.filter(
            received_on__lt=day, received_on__gte=day - REPLY_DUE_SPAN, reply_due_on__isnull=False
        )
        .values_list("received_on", flat=True)
        .distinct()
    )
    for received in received_days:
        due = add_working_days(received, REPLY_GUARANTEE_WORKING_DAYS, calendar)
        changed += (
            Complaint.objects.filter(received_on=received, reply_due_on__isnull=False)
            .exclude(reply_due_on=due)
            .update(reply_due_on=due)
        )
    return changed


# --- periodic work (declared in complaints.apps) -------------------------------------------

REMINDER_SUBJECT = gettext_lazy("Replies past their deadline")
REMINDER_BODY = gettext_lazy(
    "The department's reply is past its deadline in these cases of yours:\n\n%(cases)s\n\n"
    "Send a reminder from the case page, or note why you wait. Your cases: %(link)s\n"
)


def reply_reminders(today: date | None = None) -> int:
    """One mail a morning to each jurist whose open cases have a written inquiry past its reply
    deadline without a reply: the case numbers and a link, nothing else. Returns the number of
    mails queued. Not on a day the office is closed (the working-day calendar): the first
    working day after it lists what fell due meanwhile."""
    today = today or timezone.localdate()
    if not WorkingCalendar.load().is_working_day(today):
        return 0
    overdue = (
        WrittenInquiry.objects.filter(
            answered_on__isnull=True,
            due_on__lt=today,
            complaint__state__in=[s.value for s in OPEN_STATES],
            complaint__responsible__is_active=True,
        )
        .exclude(complaint__responsible__email="")
        .values_list("complaint__responsible__email", "complaint__case_number", "due_on")
        .order_by("complaint__responsible__email", "due_on")
    )
    by_jurist: dict[str, list[str]] = {}
    for email, number, due in overdue:
        by_jurist.setdefault(email, []).append(f"{number} (svarfrist {due:%d.%m.%Y})")
    link = settings.PUBLIC_BASE_URL.rstrip("/") + reverse("complaints:queue")
    for email, cases in by_jurist.items():
        queue_mail(
            subject=system_text(REMINDER_SUBJECT),
            body=system_text(REMINDER_BODY, cases="\n".join(sorted(set(cases))), link=link),
            recipients=[email],
            purpose="reply reminders",
        )
    return len(by_jurist)


def surveys_close(today: date | None = None) -> int:
    """The satisfaction survey is open for 30 days after closure: when a case's 30 days have
    ended without an answer, its timeline says so (once). Looks back a week, so a scheduler
    that was down for a few days catches up without touching old history."""
    today = today or timezone.localdate()
    ended = Complaint.objects.filter(
        state__in=[s.value for s in FINAL_STATES],
        satisfaction="",
        closed_on__lt=today - timedelta(days=SURVEY_DAYS),
        closed_on__gte=today - timedelta(days=SURVEY_DAYS + 7),
    ).exclude(events__action=CaseAction.SURVEY_CLOSED)
    rows = list(ended.values_list("pk", "state"))
    CaseEvent.objects.bulk_create(
        CaseEvent(complaint_id=pk, action=CaseAction.SURVEY_CLOSED, from_state=state, to_state=state)
        for pk, state in rows
    )
    return len(rows)

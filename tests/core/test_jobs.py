"""Periodic jobs on the task framework, and the health check (issue 18)."""

import datetime as dt
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client

from complaints import services as complaint_services
from complaints import upkeep as complaint_upkeep
from complaints.models import CaseEvent
from ops import jobs
from ops.models import OutboxMessage, PeriodicJob
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db
CPH = ZoneInfo("Europe/Copenhagen")


def test_every_periodic_job_the_issue_names_is_scheduled():
    assert set(jobs.registry()) == {
        "deliver_outbox",
        "prune",
        "wb_deadlines",
        "wb_purge",
        "wb_clean_files",  # files whose cleaning task was lost (issue 22)
        "reply_reminders",
        "close_surveys",
        "retention",  # cases past their retention period archived, then deleted (issue 26)
        "delete_files",  # private files the storage did not delete at once (issue 26)
    }


def test_a_slot_is_enqueued_once_however_many_schedulers_tick():
    """Three schedulers (on three machines) tick at the same minute: each job runs once."""
    at = dt.datetime(2026, 11, 24, 7, 30, 20, tzinfo=CPH)
    with time_machine.travel(at, tick=False):
        first = jobs.tick()
        assert jobs.tick() == [] and jobs.tick() == []
    assert sorted(first) == sorted(jobs.registry())  # a new installation: every job's slot
    with time_machine.travel(at + dt.timedelta(seconds=30), tick=False):
        assert jobs.tick() == []  # the same minute
    with time_machine.travel(at + dt.timedelta(minutes=1), tick=False):
        # Only the every-minute jobs have a new slot (07:31 is in delete_files' 07:30 quarter).
        assert sorted(jobs.tick()) == ["deliver_outbox", "wb_clean_files"]
    with time_machine.travel(dt.datetime(2026, 11, 25, 7, 0, 5, tzinfo=CPH), tick=False):
        # 01:00, 02:00, 02:30, 03:00 and 07:00 have come again, and a new quarter of an hour;
        # 07:30 (reply reminders) not yet.
        assert sorted(jobs.tick()) == [
            "close_surveys",
            "delete_files",
            "deliver_outbox",
            "prune",
            "retention",
            "wb_clean_files",
            "wb_deadlines",
            "wb_purge",
        ]


def test_a_job_is_never_run_twice_at_the_same_time():
    PeriodicJob.objects.create(name="close_surveys", locked_until=dt.datetime(2099, 1, 1, tzinfo=dt.UTC))
    assert jobs.run("close_surveys") == "skipped: running elsewhere"
    PeriodicJob.objects.filter(name="close_surveys").update(locked_until=None)
    assert jobs.run("close_surveys") == "done"
    state = PeriodicJob.objects.get(name="close_surveys")
    assert state.locked_until is None and state.last_success_at is not None


def test_a_failing_job_records_the_kind_of_error_only(monkeypatch):
    def explode():
        raise ValueError("karen.hansen@example.invalid is not valid")

    monkeypatch.setattr("complaints.upkeep.surveys_close", explode)
    with pytest.raises(jobs.JobFailed) as caught:
        jobs.run("close_surveys")
    assert str(caught.value) == "close_surveys: ValueError"
    state = PeriodicJob.objects.get(name="close_surveys")
    assert (state.last_error, state.locked_until) == ("ValueError", None)


def test_the_scheduler_command_ticks_once():
    call_command("run_scheduler", "--once", stdout=StringIO())
    assert PeriodicJob.objects.filter(last_slot__isnull=False).count() == len(jobs.registry())


def test_overdue_replies_are_mailed_to_the_responsible_jurist_as_case_numbers_only():
    jurist = UserFactory(username="j1", roles=["jurist"], email="jurist@kk.example")
    case = ComplaintFactory(state="written", responsible=jurist, person_name="Karen Hemmeligsen")
    complaint_services.inquiry_send(
        complaint=case, by=jurist, sent_on=dt.date(2026, 10, 1), reply_due=dt.date(2026, 10, 20)
    )
    answered = ComplaintFactory(state="written", responsible=jurist)
    inquiry = complaint_services.inquiry_send(
        complaint=answered, by=jurist, sent_on=dt.date(2026, 10, 1), reply_due=dt.date(2026, 10, 20)
    )
    complaint_services.INQUIRIES.answer(inquiry=inquiry, by=jurist, received_on=dt.date(2026, 10, 15))
    assert complaint_upkeep.reply_reminders(today=dt.date(2026, 11, 24)) == 1
    message = OutboxMessage.objects.get(purpose="reply reminders")
    assert message.recipients == ["jurist@kk.example"]
    assert f"{case.case_number} (svarfrist 20.10.2026)" in message.body
    assert answered.case_number not in message.body and "Hemmeligsen" not in message.body


def test_a_survey_that_ends_unanswered_is_noted_once():
    closed = ComplaintFactory(state="closed", track="telephone", closed_on=dt.date(2026, 10, 20))
    answered = ComplaintFactory(
        state="closed", track="telephone", closed_on=dt.date(2026, 10, 20), satisfaction="satisfied"
    )
    too_old = ComplaintFactory(state="closed", track="telephone", closed_on=dt.date(2025, 1, 1))
    assert complaint_upkeep.surveys_close(today=dt.date(2026, 11, 24)) == 1
    assert complaint_upkeep.surveys_close(today=dt.date(2026, 11, 25)) == 0
    assert list(CaseEvent.objects.filter(action="survey_closed").values_list("complaint", flat=True)) == [
        closed.pk
    ]
    assert not CaseEvent.objects.filter(complaint__in=[answered, too_old], action="survey_closed").exists()


# --- health --------------------------------------------------------------------------------


def test_health_reports_statuses_only():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "cache": "ok", "outbox": "ok", "jobs": "late"}
    for job in jobs.registry():
        PeriodicJob.objects.update_or_create(
            name=job, defaults={"last_success_at": dt.datetime.now(tz=dt.UTC)}
        )
    assert Client().get("/healthz").json()["jobs"] == "ok"


def test_health_tells_a_failed_or_late_outbox():
    from ops import outbox

    message = outbox.queue_mail(
        subject="s", body="b", recipients=["a@example.invalid"], purpose="complainant notice"
    )
    OutboxMessage.objects.filter(pk=message.pk).update(created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    assert Client().get("/healthz").json()["outbox"] == "backlog"
    OutboxMessage.objects.filter(pk=message.pk).update(state="failed")
    body = Client().get("/healthz").content.decode()
    assert '"outbox": "failed"' in body and "a@example" not in body


def test_anybody_outside_is_told_one_word_and_staff_and_the_internal_network_the_details(secretariat):
    """Issue 22: "outbox: failed" is for monitoring, not for anyone on the internet."""
    from ops import outbox

    message = outbox.queue_mail(
        subject="s", body="b", recipients=["a@example.invalid"], purpose="complainant notice"
    )
    OutboxMessage.objects.filter(pk=message.pk).update(state="failed")
    outside = Client(REMOTE_ADDR="203.0.113.9")
    response = outside.get("/healthz")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})
    inside = Client(REMOTE_ADDR="127.0.0.1").get("/healthz").json()
    assert inside["outbox"] == "failed"
    outside.force_login(secretariat)  # staff: the admin is theirs
    assert outside.get("/healthz").json()["outbox"] == "failed"


def test_the_health_check_does_not_write_a_cache_entry_per_call(settings):
    from django.core.cache import cache

    cache.clear()
    for _ in range(5):
        assert Client().get("/healthz").json()["cache"] == "ok"
    assert cache.get("health:probe") == "ok"
    assert len(getattr(cache, "_cache", {})) == 1  # one fixed key, however often it is asked


def test_a_node_whose_cache_is_down_is_taken_out_of_service(settings):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 1},
        }
    }
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json()["cache"] == "down"

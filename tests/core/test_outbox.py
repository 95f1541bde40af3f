"""Durable outgoing e-mail (issue 18): written with the action, delivered by a worker with
retries and backoff, failed ones shown to the secretariat and sent again on request."""

import datetime as dt
import socket

import pytest
import time_machine
from django.core import mail
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from complaints import services as complaint_services
from complaints.models import CaseEvent
from ops import outbox
from ops.models import OutboxMessage
from tests.factories import ComplaintFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dead_smtp(settings):
    """The real SMTP backend, pointed at a local port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    return port


def queue(**overrides):
    data = {
        "subject": "Nyt i din sag (2026-0000001)",
        "body": "Se din sag her.",
        "recipients": ["karen.hansen@example.invalid"],
        "purpose": "complainant notice",
    }
    return outbox.queue_mail(**{**data, **overrides})


def test_a_message_is_written_with_the_action_and_gone_with_its_rollback():
    with pytest.raises(RuntimeError), transaction.atomic():
        queue()
        raise RuntimeError("the action failed")
    assert not OutboxMessage.objects.exists()


def test_delivery_sends_once_with_the_messages_own_id(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<{message.pk}@kk.dk>"
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 1)
    assert outbox.deliver(message.pk) == "skipped"  # sent is sent
    assert outbox.deliver_due() == {}
    assert len(mail.outbox) == 1


def test_a_failing_server_is_retried_with_backoff_then_marked_failed(dead_smtp, caplog):
    complaint = ComplaintFactory(contact_email="karen.hansen@example.invalid")
    message = queue(related=f"complaints.complaint:{complaint.pk}")
    start = timezone.now()
    expected_waits = [1, 5, 15, 60, 180, 360]
    with time_machine.travel(start, tick=False) as clock:
        for attempt, wait in enumerate(expected_waits, start=1):
            assert outbox.deliver(message.pk) == "pending"
            message.refresh_from_db()
            assert message.attempts == attempt and message.last_error == "ConnectionRefusedError"
            assert message.next_attempt_at == timezone.now() + dt.timedelta(minutes=wait)
            assert outbox.deliver(message.pk) == "skipped"  # not due yet
            clock.shift(dt.timedelta(minutes=wait))
        assert outbox.deliver(message.pk) == "failed"
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("failed", 7)
    # The case says so; the log says why, without the address.
    assert CaseEvent.objects.filter(complaint=complaint, action="notification_failed").count() == 1
    log = "\n".join(r.getMessage() for r in caplog.records)
    assert "ConnectionRefusedError" in log and "karen" not in log


def test_the_secretariat_sees_failed_mail_masked_and_sends_it_again(settings, secretariat):
    message = queue()
    confidential = queue(
        subject="Whistleblowerordningen: frister",
        recipients=["wb@kk.example"],
        purpose="whistleblower unit deadlines",
        confidential=True,
    )
    OutboxMessage.objects.filter(pk__in=[message.pk, confidential.pk]).update(
        state="failed", attempts=7, last_error="SMTPServerDisconnected"
    )
    client = Client()
    client.force_login(secretariat)
    html = client.get(reverse("core:outbox")).content.decode()
    # The domain is masked as well (issue 22): a personal domain would name the person.
    assert "k***@e***.invalid" in html and "karen.hansen" not in html and "example.invalid" not in html
    assert "Nyt i din sag (2026-0000001)" in html
    assert "Whistleblowerenheden (indhold skjult)" in html
    assert "frister" not in html and "wb@kk.example" not in html and "w***@" not in html
    assert "Se din sag her." not in html  # bodies are never shown
    response = client.post(reverse("core:outbox_retry", args=[message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("pending", 0)
    assert outbox.deliver_due() == {"sent": 1}
    assert len(mail.outbox) == 1


def test_a_message_whose_sender_died_is_given_back_after_its_lease():
    message = queue()
    now = timezone.now()
    # A worker claimed it and died before it could say how it went.
    OutboxMessage.objects.filter(pk=message.pk).update(
        state="sending", attempts=1, lease_until=now + outbox.LEASE
    )
    assert outbox.deliver_due() == {}  # still leased: nobody else touches it
    with time_machine.travel(now + outbox.LEASE + dt.timedelta(seconds=1), tick=False):
        assert outbox.deliver_due() == {"sent": 1}
    message.refresh_from_db()
    assert (message.state, message.attempts) == ("sent", 2)
    assert len(mail.outbox) == 1


@pytest.mark.parametrize("persona", ["jurist", "head", "committee", "outsider", "superuser", "wb_member"])
def test_only_the_secretariat_sees_the_outbox(persona, request):
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("core:outbox")).status_code == 403


def test_the_complainants_mail_goes_through_the_outbox(jurist, django_capture_on_commit_callbacks):
    complaint = ComplaintFactory(state="received", contact_email="borger@example.invalid")
    with django_capture_on_commit_callbacks(execute=True):
        complaint_services.complaint_transition(complaint=complaint, action="start_screening", by=jurist)
    message = OutboxMessage.objects.get()
    assert (message.state, message.related, message.recipients) == (
        "sent",
        f"complaints.complaint:{complaint.pk}",
        ["borger@example.invalid"],
    )
    assert mail.outbox[0].subject == f"Nyt i din sag hos Borgerrådgiveren ({complaint.case_number})"


def test_sent_messages_are_pruned_after_the_keep_period(settings):
    settings.OUTBOX_KEEP_DAYS = 30
    old, recent = queue(), queue()
    OutboxMessage.objects.filter(pk=old.pk).update(
        state="sent", sent_at=timezone.now() - dt.timedelta(days=31)
    )
    OutboxMessage.objects.filter(pk=recent.pk).update(
        state="sent", sent_at=timezone.now() - dt.timedelta(days=29)
    )
    assert outbox.prune(keep_days=30) == 1
    assert list(OutboxMessage.objects.values_list("pk", flat=True)) == [recent.pk]


@pytest.mark.parametrize(
    "address,masked",
    [
        ("karen.hansen@hansen-familien.dk", "k***@h***.dk"),
        ("a@mail.kk.dk", "a***@m***.k***.dk"),
        ("ingen-snabel-a", "***"),
    ],
)
def test_addresses_are_masked_in_the_domain_too(address, masked):
    assert outbox.mask_address(address) == masked


def test_every_purpose_the_code_queues_mail_for_has_a_danish_label(settings):
    """The outbox page names each mail's purpose in Danish, never by its code: every
    ``purpose="…"`` written in the apps has a label."""
    import re
    from pathlib import Path

    from django.utils import translation

    root = Path(settings.BASE_DIR)
    used = set()
    for path in root.glob("*/**/*.py"):
        if ".venv" in path.parts or "tests" in path.parts:
            continue
        used |= set(re.findall(r'purpose="([^"]+)"', path.read_text(encoding="utf-8")))
    assert {"complainant notice", "complainant letter", "caseworker notice"} <= used
    with translation.override("da"):
        labels = {purpose: outbox.purpose_label(purpose) for purpose in used}
    assert all(label != purpose and label != "Anden e-mail" for purpose, label in labels.items()), labels
    assert labels["complainant letter"] == "Besked om et brev til en klager"


class RefusingServer:
    """A real SMTP server (aiosmtpd) that refuses one recipient for good (550) and another for
    now (450), and accepts the rest."""

    def __init__(self):
        from aiosmtpd.controller import Controller

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.accepted: list[list[str]] = []
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("ukendt"):
            return "550 5.1.1 No such user"
        if address.startswith("fuld"):
            return "450 4.2.2 Mailbox full, try later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.accepted.append(list(envelope.rcpt_tos))
        return "250 Message accepted for delivery"

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.controller.stop()


def test_a_permanent_refusal_fails_at_once_and_a_temporary_one_is_tried_again(
    settings, client_for, secretariat
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    with RefusingServer() as server:
        settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", server.port, 5
        refused = queue(recipients=["ukendt@example.invalid"])
        full = queue(recipients=["fuld@example.invalid"])
        fine = queue(recipients=["karen@example.invalid"])
        outcomes = {m.pk: outbox.deliver(m.pk) for m in (refused, full, fine)}
    assert outcomes == {refused.pk: "failed", full.pk: "pending", fine.pk: "sent"}
    refused.refresh_from_db()
    full.refresh_from_db()
    assert (refused.state, refused.attempts, refused.last_error) == ("failed", 1, "SMTPRecipientsRefused 550")
    assert (full.state, full.last_error) == ("pending", "SMTPRecipientsRefused 450")
    assert server.accepted == [["karen@example.invalid"]]
    # The secretariat sees the refused one on /udbakke/ at once, not after ten hours.
    page = client_for(secretariat).get(reverse("core:outbox")).content.decode()
    assert "SMTPRecipientsRefused 550" in page


def test_a_scheduler_that_dies_between_claim_and_enqueue_leaves_the_slot_for_the_next(monkeypatch):
    from ops import jobs
    from ops.models import PeriodicJob

    class Dying:
        def enqueue(self, *args, **kwargs):
            raise RuntimeError("the scheduler's process is killed here")

    monkeypatch.setattr("ops.tasks.run_periodic", Dying())
    with pytest.raises(RuntimeError):
        jobs.tick()
    # Nothing claimed: the first job's slot is still free for the next tick.
    assert not PeriodicJob.objects.filter(last_slot__isnull=False).exists()

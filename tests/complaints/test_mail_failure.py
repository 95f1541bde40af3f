"""A failing mail server never turns a saved action into an error page, and never loses the
mail (issues 14 and 18): the action stands, the mail waits in the outbox for the next attempt.
The mail server here is real: SMTP to a local port where nothing listens."""

import logging
import socket

import pytest
from django.test import Client

from complaints.models import CaseEvent, Complaint
from ops.models import OutboxMessage
from tests.factories import ComplaintFactory, department

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def dead_smtp(settings):
    with socket.socket() as probe:  # a free port: nothing answers there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2
    return port


def test_a_transition_is_saved_and_the_jurist_sees_no_error_page(dead_smtp, jurist, caplog):
    caplog.set_level(logging.WARNING)
    complaint = ComplaintFactory(state="received", contact_email="karen.hansen@example.invalid")
    client = Client()
    client.force_login(jurist)
    response = client.post(
        f"/sager/{complaint.pk}/handling/start_screening/", {"expected_state": "received"}, follow=True
    )
    assert response.status_code == 200
    assert "Sagen har nu status: Visitering." in response.content.decode()  # told it worked
    complaint.refresh_from_db()
    assert complaint.state == "screening"
    assert list(CaseEvent.objects.filter(complaint=complaint).values_list("action", flat=True)) == [
        "start_screening"
    ]
    message = OutboxMessage.objects.get()
    assert (message.state, message.attempts, message.last_error) == ("pending", 1, "ConnectionRefusedError")
    assert message.recipients == ["karen.hansen@example.invalid"]
    log = "\n".join(r.getMessage() for r in caplog.records)
    assert "E-mail not sent yet (complainant notice), attempt 1: ConnectionRefusedError" in log
    assert "karen.hansen" not in log


def test_the_public_form_answers_with_the_receipt_even_when_mail_fails(dead_smtp):
    response = Client().post(
        "/klage/",
        {
            "complained_first": "yes",
            "requester": "citizen",
            "department": department("SOF").pk,
            "summary": "Jeg har ikke fået svar.",
            "person_name": "Karen Hansen",
            "contact_email": "karen@example.invalid",
        },
    )
    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert complaint.case_number in response.content.decode()
    assert OutboxMessage.objects.get().state == "pending"  # kept for the next attempt

"""A case page costs the same number of queries with 5 rows of each kind as with 200: notes and
calls (each still correctable, with its form), letters, incoming mail, attachments, timeline
events, shuttle contacts and requests for access (issue 24, part 7)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.models import Attachment, CaseEvent, Incoming, MediationRound, OutgoingLetter
from core.models import AccessRequest, CaseNote
from supervision.models import SupervisionEvent
from tests.factories import ComplaintFactory, ContactPersonFactory, SupervisionFactory

pytestmark = pytest.mark.django_db


def queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def notes(jurist, n, **case):
    contact = ContactPersonFactory()
    CaseNote.objects.bulk_create(
        CaseNote(author=jurist, text=f"Notat {i}", kind="call" if i % 2 else "note", contact=contact, **case)
        for i in range(n)
    )
    AccessRequest.objects.bulk_create(
        AccessRequest(
            requester="party",
            requester_name=f"Part {i}",
            received_on="2023-05-01",
            due_on="2023-05-10",
            registered_by=jurist,
            **case,
        )
        for i in range(n)
    )


def test_the_complaint_page_is_constant_in_queries(client_for, jurist):
    def case_with(n):
        complaint = ComplaintFactory(state="screening", responsible=jurist)
        notes(jurist, n, complaint=complaint)
        Incoming.objects.bulk_create(
            Incoming(complaint=complaint, channel="email", sender="Karen", text=f"Mail {i}") for i in range(n)
        )
        OutgoingLetter.objects.bulk_create(
            OutgoingLetter(
                complaint=complaint,
                code="acknowledgement",
                recipient="citizen",
                title=f"Brev {i}",
                body="…",
                sent_by=jurist,
            )
            for i in range(n)
        )
        Attachment.objects.bulk_create(
            Attachment(
                complaint=complaint,
                file=f"x/{i}.pdf",
                original_name=f"{i}.pdf",
                content_type="application/pdf",
                size=1,
            )
            for i in range(n)
        )
        CaseEvent.objects.bulk_create(
            CaseEvent(
                complaint=complaint,
                actor=jurist,
                action="updated",
                from_state="screening",
                to_state="screening",
            )
            for i in range(n)
        )
        MediationRound.objects.bulk_create(
            MediationRound(complaint=complaint, party="citizen", summary=f"Runde {i}") for i in range(n)
        )
        return reverse("complaints:detail", args=[complaint.pk])

    client = client_for(jurist)
    assert queries(client, case_with(5)) == queries(client, case_with(200))


def test_the_supervision_and_consultation_pages_are_constant_in_queries(client_for, head):
    from consultations import services

    def supervision_with(n):
        supervision = SupervisionFactory(state="opened", responsible=head)
        notes(head, n, supervision=supervision)
        SupervisionEvent.objects.bulk_create(
            SupervisionEvent(
                supervision=supervision, actor=head, action="updated", from_state="opened", to_state="opened"
            )
            for i in range(n)
        )
        return reverse("supervision:detail", args=[supervision.pk])

    def consultation_with(n):
        consultation = services.consultation_create(
            by=head, kind="consultation", channel="phone", topic="Råd"
        )
        notes(head, n, consultation=consultation)
        return reverse("consultations:detail", args=[consultation.pk])

    client = client_for(head)
    assert queries(client, supervision_with(5)) == queries(client, supervision_with(200))
    assert queries(client, consultation_with(5)) == queries(client, consultation_with(200))

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from consultations.models import Consultation
from tests.factories import department

pytestmark = pytest.mark.django_db


def test_register_a_consultation_and_close_it(client_for, jurist):
    client = client_for(jurist)
    response = client.post(
        reverse("consultations:new"),
        {
            "kind": "consultation",
            "department": department("BUF").pk,
            "channel": "line",
            "topic": "Partshøring før afgørelse",
            "received_on": "2023-05-02",
            "responsible": jurist.pk,
        },
    )
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    # One series with the complaints: the next complaint takes the next number.
    from complaints.services import complaint_create

    complaint = complaint_create(by=jurist, kind="inquiry", channel="phone", notify=False)
    year, number = consultation.case_number.split("-")
    assert complaint.case_number == f"{year}-{int(number) + 1:07d}"
    assert consultation.state == "open"
    client.post(
        reverse("consultations:transition", args=[consultation.pk, "close"]),
        {"expected_state": "open"},
    )
    consultation.refresh_from_db()
    assert consultation.state == "closed" and consultation.closed_on is not None


def test_teaching_needs_the_number_of_participants(client_for, jurist):
    response = client_for(jurist).post(
        reverse("consultations:new"),
        {
            "kind": "teaching",
            "channel": "meeting",
            "topic": "Forvaltningsret",
            "received_on": "2023-05-02",
        },
    )
    assert "Angiv antal deltagere ved undervisning." in response.content.decode()
    assert not Consultation.objects.exists()


def test_closing_twice_from_stale_pages_is_a_conflict_not_an_error(client_for, jurist):
    consultation = Consultation.objects.create(
        case_number="2023-0000500",
        kind="consultation",
        channel="line",
        topic="x",
        state="closed",
        closed_on=dt.date.today(),
    )
    response = client_for(jurist).post(
        reverse("consultations:transition", args=[consultation.pk, "close"]),
        {"expected_state": "open"},
        follow=True,
    )
    assert "Sagen blev ændret af en anden" in response.content.decode()


def test_consultation_list_query_count_is_the_same_at_10_and_1000(client_for, jurist):
    client = client_for(jurist)

    def fill(n):
        Consultation.objects.all().delete()
        Consultation.objects.bulk_create(
            Consultation(
                case_number=f"2023-{i + 1:07d}",
                kind="consultation",
                channel="line",
                topic="x",
                department=department("SOF"),
                responsible=jurist,
            )
            for i in range(n)
        )
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("consultations:list")).status_code == 200
        return len(ctx.captured_queries)

    assert fill(10) == fill(1000)


@pytest.mark.parametrize("persona_name", ["committee", "secretariat", "wb_member", "superuser"])
def test_consultations_are_for_caseworkers_only(persona_name, request, client_for):
    client = client_for(request.getfixturevalue(persona_name))
    assert client.get(reverse("consultations:list")).status_code == 403
    assert client.get(reverse("consultations:new")).status_code == 403

"""Arbitrary input into the public form and the closing form: never a 500, never half a case."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from complaints.models import CaseEvent, Complaint, ComplaintPoint
from tests.factories import ComplaintFactory, UserFactory

pytestmark = pytest.mark.django_db

# Text with control characters, NUL bytes, very long runs and unusual Unicode included.
text = st.text(max_size=300) | st.sampled_from(
    ["", " ", "\x00", "<script>alert(1)</script>", "a" * 20000, "010190-1234", "'; DROP TABLE x; --", "ØÆÅ"]
)
FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))


@FUZZ
@given(
    complained_first=st.sampled_from(["yes", "no", "", "maybe"]) | text,
    requester=st.sampled_from(["citizen", "company", "representative", ""]) | text,
    department=st.sampled_from(["", "1", "7", "999", "-1", "abc"]),
    summary=text,
    person_name=text,
    person_cpr=text,
    representative_name=text,
    contact_email=text,
    contact_phone=text,
    contact_address=text,
)
def test_public_form_never_fails_and_never_writes_half_a_case(**data):
    cache.clear()
    before = (Complaint.objects.count(), CaseEvent.objects.count())
    response = Client().post(reverse("complaints:public_form"), data)
    assert response.status_code in (200, 429)
    created = Complaint.objects.count() - before[0]
    assert created in (0, 1)
    assert CaseEvent.objects.count() - before[1] == created  # a case always with its timeline row
    if created:
        complaint = Complaint.objects.latest("id")
        assert complaint.channel == "digital_form" and complaint.state == "received"
        assert complaint.summary.strip()


@pytest.fixture
def jurist_client(db):
    client = Client()
    client.force_login(UserFactory(username="fuzz-jurist", roles=["jurist"]))
    return client


@FUZZ
@given(
    outcome=st.sampled_from(["upheld", "partly_upheld", "not_upheld", "not_assessed", "", "x"]) | text,
    solved=st.sampled_from(["solved", "partly_solved", "not_solved", ""]) | text,
    admitted=st.sampled_from(["yes", "no", ""]) | text,
    legality=st.sampled_from(["yes", "no", ""]) | text,
    consequences=st.lists(st.sampled_from(["1", "2", "999", "x", ""]), max_size=3),
    assessment=st.sampled_from(["upheld", "partly", "not_upheld", "not_assessed", ""]) | text,
    ground=st.sampled_from(["", "age", "disability", "zzz"]),
    expected_state=st.sampled_from(["telephone", "written", ""]) | text,
    note=text,
)
def test_closing_form_never_fails_and_closes_all_or_nothing(jurist_client, **data):
    complaint = ComplaintFactory(state="telephone", furthest_step="telephone", themes=["delay"])
    point = complaint.points.get()
    response = jurist_client.post(
        reverse("complaints:transition", args=[complaint.pk, "close"]),
        {
            "expected_state": data["expected_state"],
            "close-outcome": data["outcome"],
            "close-solved": data["solved"],
            "close-department_admitted_error": data["admitted"],
            "close-legality_error": data["legality"],
            "close-consequences": data["consequences"],
            f"close-point_{point.pk}": data["assessment"],
            "close-discrimination_ground": data["ground"],
            "close-note": data["note"],
        },
    )
    assert response.status_code in (302, 400)
    complaint.refresh_from_db()
    point = ComplaintPoint.objects.get(pk=point.pk)
    events = CaseEvent.objects.filter(complaint=complaint).count()
    if complaint.state == "closed":
        assert complaint.outcome and complaint.solved and complaint.closed_on and point.assessment
        assert events == 1
    else:
        assert complaint.state == "telephone"
        assert (complaint.outcome, complaint.closed_on, point.assessment, events) == ("", None, "", 0)

"""The citizen's side: the digital complaint form, the secret status link, the survey."""

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from complaints import services
from complaints.models import Complaint
from tests.factories import ComplaintFactory, department

pytestmark = pytest.mark.django_db

VALID = {
    "complained_first": "yes",
    "requester": "citizen",
    "summary": "Min ansøgning om hjælpemidler er ikke besvaret i fire måneder.",
    "person_name": "Karen Hansen",
    "person_cpr": "010190-1234",
    "contact_email": "karen@example.invalid",
}


@pytest.fixture(autouse=True)
def fresh_throttle():
    cache.clear()


def test_form_asks_first_whether_the_department_has_had_the_complaint(client):
    html = client.get("/klage/").content.decode()
    assert "Har du først klaget til forvaltningen" in html
    assert 'name="summary"' not in html


def test_continuing_without_an_answer_says_what_is_missing(client):
    html = client.get("/klage/").content.decode()
    assert "Der er et problem" not in html
    html = client.get("/klage/", {"step": "1"}).content.decode()
    assert "<title>Fejl: Klag til Borgerrådgiveren" in html
    assert 'href="#complained_first_yes">Svar på, om du har klaget til forvaltningen først.' in html


def test_not_having_complained_first_explains_and_offers_to_forward(client):
    html = client.get("/klage/", {"complained_first": "no"}).content.decode()
    assert "Forvaltningen skal se på din klage først" in html
    assert "Send klagen, så vi kan videresende den" in html


def test_a_complaint_from_the_form_is_registered_and_the_link_is_shown_and_mailed(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/klage/", {**VALID, "department": department("SOF").pk})
    complaint = Complaint.objects.get()
    assert (complaint.state, complaint.channel, complaint.kind) == ("received", "digital_form", "complaint")
    assert complaint.complained_to_department_first is True
    html = response.content.decode()
    assert complaint.case_number in html
    status_path = reverse("complaints:public_status", args=[complaint.public_token])
    assert status_path in html
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == f"Vi har modtaget din henvendelse ({complaint.case_number})"
    assert status_path in message.body
    assert "010190" not in message.subject + message.body


def test_missing_fields_are_named_and_nothing_is_written(client):
    response = client.post("/klage/", {"complained_first": "yes", "requester": "citizen"})
    html = response.content.decode()
    assert "Der er et problem" in html
    assert 'href="#id_summary">Hvad handler din klage om? Skriv, hvad din klage handler om.</a>' in html
    assert 'href="#id_person_name">Dit navn: Skriv dit navn.</a>' in html
    assert not Complaint.objects.exists()


def test_a_way_to_reach_the_person_is_required(client):
    data = {k: v for k, v in VALID.items() if k != "contact_email"}
    html = client.post("/klage/", data).content.decode()
    # Named in the summary with a link to the first of the three fields, and by the field.
    assert 'href="#id_contact_email">E-mail: Giv os mindst én måde at kontakte dig på' in html
    assert 'id="id_contact_email_error"' in html
    assert not Complaint.objects.exists()


def test_public_form_is_throttled(client):
    for _ in range(10):
        assert client.post("/klage/", VALID).status_code == 200
    response = client.post("/klage/", VALID)
    assert response.status_code == 429
    assert Complaint.objects.count() == 10


def test_status_page_shows_stage_and_plain_timeline_but_no_internal_notes(client, jurist):
    complaint = ComplaintFactory(state="received", responsible=jurist)
    services.complaint_transition(
        complaint=complaint, action="start_screening", by=jurist, note="INTERN: borgeren virker vred"
    )
    html = client.get(reverse("complaints:public_status", args=[complaint.public_token])).content.decode()
    assert "Vi ser på din henvendelse" in html
    assert "INTERN" not in html
    assert jurist.last_name not in html
    assert f"Din sag behandles af {jurist.first_name}." in html


def test_status_page_keeps_its_token_from_other_sites_and_is_not_cached(client):
    complaint = ComplaintFactory()
    response = client.get(reverse("complaints:public_status", args=[complaint.public_token]))
    assert response["Referrer-Policy"] == "same-origin"
    assert "no-store" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_unknown_token_is_404(client):
    ComplaintFactory()
    assert client.get(reverse("complaints:public_status", args=["x" * 43])).status_code == 404


def test_token_carries_at_least_128_bits():
    complaint = ComplaintFactory()
    assert len(complaint.public_token) >= 22  # url-safe base64: 6 bits a character


def test_significant_change_is_mailed_without_cpr_in_the_subject(jurist, django_capture_on_commit_callbacks):
    complaint = ComplaintFactory(
        state="screening", contact_email="a@example.invalid", person_cpr="010190-1234"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.complaint_transition(complaint=complaint, action="call", by=jurist)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == f"Nyt i din sag hos Borgerrådgiveren ({complaint.case_number})"
    assert "010190" not in mail.outbox[0].subject + mail.outbox[0].body


@time_machine.travel(dt.datetime(2023, 6, 20, 12, 0))
def test_survey_is_offered_after_closure_and_counts_once(client):
    complaint = ComplaintFactory(state="closed", closed_on=dt.date(2023, 6, 1), track="telephone")
    url = reverse("complaints:public_status", args=[complaint.public_token])
    assert "Hvor tilfreds er du" in client.get(url).content.decode()
    client.post(reverse("complaints:public_survey", args=[complaint.public_token]), {"answer": "satisfied"})
    client.post(
        reverse("complaints:public_survey", args=[complaint.public_token]), {"answer": "dissatisfied"}
    )
    complaint.refresh_from_db()
    assert complaint.satisfaction == "satisfied"
    assert "Hvor tilfreds er du" not in client.get(url).content.decode()


@time_machine.travel(dt.datetime(2023, 7, 2, 12, 0))
def test_survey_closes_30_days_after_closure(client):
    complaint = ComplaintFactory(state="closed", closed_on=dt.date(2023, 6, 1), track="telephone")
    client.post(reverse("complaints:public_survey", args=[complaint.public_token]), {"answer": "satisfied"})
    complaint.refresh_from_db()
    assert complaint.satisfaction == ""


def test_survey_is_not_offered_while_the_case_is_open(client):
    complaint = ComplaintFactory(state="telephone")
    client.post(reverse("complaints:public_survey", args=[complaint.public_token]), {"answer": "satisfied"})
    assert Complaint.objects.get(pk=complaint.pk).satisfaction == ""


def test_the_same_form_sent_again_is_recognised_and_not_saved_twice(client):
    """The citizen saw an error page although the complaint was saved (the connection dropped
    after the commit), goes back and sends the same form again: the receipt of the complaint
    already saved, not a second complaint (issue 26)."""
    import re

    page = client.get("/klage/", {"complained_first": "yes"}).content.decode()
    key = re.search(r'name="submission" value="([^"]+)"', page)[1]
    assert len(key) >= 32
    first = client.post("/klage/", {**VALID, "submission": key}).content.decode()
    again = client.post("/klage/", {**VALID, "submission": key}).content.decode()
    assert Complaint.objects.count() == 1
    link = reverse("complaints:public_status", args=[Complaint.objects.get().public_token])
    assert link in first and link in again
    # A new form is a new complaint.
    other = client.get("/klage/", {"complained_first": "yes"}).content.decode()
    new_key = re.search(r'name="submission" value="([^"]+)"', other)[1]
    assert new_key != key
    client.post("/klage/", {**VALID, "submission": new_key})
    assert Complaint.objects.count() == 2

"""``/soeg/``: complaints, supervisions and consultations together — numbers, names, e-mails,
the words of summaries and notes — with Danish stemming on PostgreSQL; never a whistleblower
report; the same number of queries however many cases there are."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.models import Complaint
from consultations import services as consultation_services
from core import notes
from tests.factories import ComplaintFactory, SupervisionFactory, department
from whistleblower import services as wb_services

pytestmark = pytest.mark.django_db


def hits(client, q: str) -> dict[str, list[str]]:
    """The case numbers found per section, read from the page."""
    import re

    html = client.get(reverse("core:search"), {"q": q}).content.decode()
    sections = {}
    for key in ("complaints", "supervisions", "consultations"):
        part = html.split(f'id="hits-{key}"')[1].split("</section>")[0]
        sections[key] = re.findall(r'<a href="[^"]+">(\d{4}-\d{7})</a>', part)
    return sections


@pytest.fixture
def cases(jurist):
    wheelchair = ComplaintFactory(
        state="written",
        person_name="Karen Kirkegaard",
        contact_email="karen.k@example.invalid",
        person_cpr="010190-1234",
        summary="Har ventet et halvt år på en ny rampe.",
    )
    notes.note_add(
        case="complaint",
        instance=wheelchair,
        by=jurist,
        data={
            "kind": "call",
            "contact_name": "Hjælpemiddelcentret",
            "text": "Borgeren mangler stadig sin kørestol.",
        },
    )
    other = ComplaintFactory(
        state="telephone", person_name="Ole Olsen", summary="Ingen svar på ansøgning om boligstøtte."
    )
    supervision = SupervisionFactory(title="Partshøring i sager om tvangsfjernelse")
    consultation = consultation_services.consultation_create(
        by=jurist,
        kind="teaching",
        channel="meeting",
        topic="Undervisning i aktindsigt",
        department=department("KFF"),
    )
    return wheelchair, other, supervision, consultation


def test_numbers_names_e_mails_cpr_and_words_find_their_cases(client_for, jurist, cases):
    wheelchair, other, supervision, consultation = cases
    client = client_for(jurist)
    assert hits(client, supervision.case_number) == {
        "complaints": [],
        "supervisions": [supervision.case_number],
        "consultations": [],
    }
    assert hits(client, "karen.k@example.invalid")["complaints"] == [wheelchair.case_number]
    assert hits(client, "Kirkegaard")["complaints"] == [wheelchair.case_number]
    assert hits(client, "0101901234")["complaints"] == [wheelchair.case_number]
    assert hits(client, "boligstøtte")["complaints"] == [other.case_number]
    assert hits(client, "kørestol")["complaints"] == [wheelchair.case_number]  # a word of a note
    assert hits(client, "aktindsigt")["consultations"] == [consultation.case_number]
    assert hits(client, "partshøring")["supervisions"] == [supervision.case_number]
    assert hits(client, "rampe boligstøtte") == {"complaints": [], "supervisions": [], "consultations": []}


@pytest.mark.postgres
def test_a_danish_word_in_another_form_finds_the_note_on_postgresql(client_for, jurist, cases):
    wheelchair = cases[0]
    client = client_for(jurist)
    # The note says "kørestol"; Danish stemming also finds it from "kørestolen" and "kørestole".
    assert hits(client, "kørestolen")["complaints"] == [wheelchair.case_number]
    assert hits(client, "kørestole")["complaints"] == [wheelchair.case_number]
    assert hits(client, "ansøgningen")["complaints"] == [cases[1].case_number]


def test_a_word_only_a_whistleblower_report_holds_finds_nothing(client_for, jurist, head, cases):
    wb_services.report_submit(body="Lederen fakturerer snydekørsler til kommunen.", reporter_name="Bo Blæser")
    for person in (jurist, head):
        client = client_for(person)
        for word in ("snydekørsler", "Blæser"):
            assert hits(client, word) == {"complaints": [], "supervisions": [], "consultations": []}
            html = client.get(reverse("core:search"), {"q": word}).content.decode()
            assert "WB-" not in html and "indberet" not in html.lower()


def test_the_queues_search_box_finds_a_word_of_a_note(client_for, jurist, cases):
    wheelchair = cases[0]
    html = (
        client_for(jurist)
        .get(reverse("complaints:queue"), {"scope": "all", "q": "kørestol"})
        .content.decode()
    )
    assert wheelchair.case_number in html and cases[1].case_number not in html


def test_only_caseworkers_search(client_for, committee, secretariat):
    for person in (committee, secretariat):
        assert client_for(person).get(reverse("core:search"), {"q": "kørestol"}).status_code == 403


def add_complaints(n: int, offset: int) -> None:
    sof = department("SOF")
    Complaint.objects.bulk_create(
        Complaint(
            case_number=f"2023-{i + 200000:07d}",
            kind="complaint",
            channel="phone",
            department=sof,
            person_name=f"Person {i}",
            summary="Venter på en kørestol." if i % 2 else "Venter på svar.",
            received_on=dt.date(2023, 8, 1),
            state="telephone",
            public_token=f"search{i}",
        )
        for i in range(offset, offset + n)
    )


def test_the_search_costs_the_same_queries_at_100_and_10000_cases(client_for, jurist):
    client = client_for(jurist)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("core:search"), {"q": "kørestol"}).status_code == 200
        return len(ctx.captured_queries)

    add_complaints(100, 0)
    small = queries()
    add_complaints(9_900, 100)
    assert Complaint.objects.count() == 10_000
    assert queries() == small
    html = client.get(reverse("core:search"), {"q": "kørestol"}).content.decode()
    assert "(5000)" in html  # every other case holds the word; the 50 newest are listed

import datetime as dt
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from complaints.models import Complaint, WrittenInquiry
from tests.factories import ComplaintFactory, department

pytestmark = pytest.mark.django_db

TODAY = dt.date(2023, 9, 1)


def many(n, responsible):
    sof = department("SOF")
    Complaint.objects.bulk_create(
        Complaint(
            case_number=f"2023-{i + 100000:07d}",
            kind="complaint",
            channel="phone",
            department=sof,
            person_name=f"Person {i}",
            person_cpr="010190-1234",
            received_on=dt.date(2023, 8, 1),
            responsible=responsible,
            state="telephone",
            public_token=f"tok{i}",
        )
        for i in range(n)
    )


def queries_for(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries)


@time_machine.travel(dt.datetime(2023, 9, 1, 12, 0))
@pytest.mark.parametrize(
    "url",
    ["/sager/?scope=mine", "/sager/?scope=all&overdue=on&sort=department", "/sager/?scope=open&q=Person"],
)
def test_queue_query_count_is_the_same_at_10_and_1000_cases(client_for, jurist, url):
    client = client_for(jurist)
    many(10, jurist)
    small = queries_for(client, url)
    Complaint.objects.all().delete()
    many(1000, jurist)
    assert queries_for(client, url) == small


def test_my_cases_lists_only_open_cases_i_am_responsible_for(client_for, jurist, head):
    mine = ComplaintFactory(responsible=jurist, state="telephone")
    ComplaintFactory(responsible=head, state="telephone")
    ComplaintFactory(responsible=jurist, state="closed", closed_on=dt.date(2023, 6, 1), track="telephone")
    html = client_for(jurist).get("/sager/").content.decode()
    assert re.findall(r'href="/sager/(\d+)/"', html) == [str(mine.pk)]


def test_queue_never_shows_a_cpr_number(client_for, jurist):
    ComplaintFactory(responsible=jurist, state="telephone", person_cpr="010190-1234")
    html = client_for(jurist).get("/sager/?scope=all").content.decode()
    assert "010190" not in html


def test_search_by_case_number_or_name(client_for, jurist):
    a = ComplaintFactory(person_name="Karen Blixen", state="screening")
    b = ComplaintFactory(person_name="Niels Bohr", state="screening")
    client = client_for(jurist)
    html = client.get("/sager/", {"scope": "all", "q": "blixen"}).content.decode()
    assert a.case_number in html and b.case_number not in html
    html = client.get("/sager/", {"scope": "all", "q": b.case_number}).content.decode()
    assert b.case_number in html and a.case_number not in html


@time_machine.travel(dt.datetime(2023, 9, 1, 12, 0))
def test_overdue_replies_and_old_cases_stand_out_and_can_be_filtered(client_for, jurist):
    overdue = ComplaintFactory(state="written", received_on=dt.date(2023, 8, 25))
    WrittenInquiry.objects.create(
        complaint=overdue, sent_on=dt.date(2023, 8, 25), due_on=dt.date(2023, 8, 31)
    )
    old = ComplaintFactory(state="telephone", received_on=dt.date(2023, 7, 1))
    fresh = ComplaintFactory(state="telephone", received_on=dt.date(2023, 8, 30))
    html = client_for(jurist).get("/sager/", {"scope": "all", "overdue": "on"}).content.decode()
    assert overdue.case_number in html and old.case_number in html and fresh.case_number not in html
    assert "Svarfrist overskredet" in html and "Ældre end 30 dage" in html


def test_filter_by_state_department_and_kind(client_for, jurist):
    a = ComplaintFactory(state="telephone", department=department("BUF"), kind="complaint")
    b = ComplaintFactory(state="screening", department=department("SOF"), kind="inquiry")
    client = client_for(jurist)
    html = client.get("/sager/", {"scope": "all", "department": "BUF"}).content.decode()
    assert a.case_number in html and b.case_number not in html
    html = client.get("/sager/", {"scope": "all", "kind": "inquiry", "state": "screening"}).content.decode()
    assert b.case_number in html and a.case_number not in html


def test_queue_paginates(client_for, jurist):
    many(30, jurist)
    client = client_for(jurist)
    first = client.get("/sager/").content.decode()
    second = client.get("/sager/", {"side": 2}).content.decode()
    assert "Side 1 af 2" in first and "Side 2 af 2" in second


@pytest.mark.parametrize("persona_name", ["committee", "secretariat", "wb_member", "outsider", "superuser"])
def test_queue_is_refused_to_everyone_but_caseworkers(persona_name, request, client_for):
    client = client_for(request.getfixturevalue(persona_name))
    assert client.get(reverse("complaints:queue")).status_code == 403


def test_queue_refuses_post(client_for, jurist):
    assert client_for(jurist).post(reverse("complaints:queue")).status_code == 405


def queue_numbers(html: str) -> list[str]:
    """The case numbers of the queue's rows, in order."""
    return re.findall(r'<td><a href="/sager/\d+/">([\d-]+)</a>', html)


def test_the_lists_are_tabs_and_my_own_list_has_no_column_saying_whose(client_for, jurist):
    ComplaintFactory(responsible=jurist, state="telephone")
    client = client_for(jurist)
    mine = client.get("/sager/").content.decode()
    tabs = mine[mine.index('class="tabs"') :].split("</nav>")[0]
    assert re.findall(r">([^<>]+)</a>", tabs) == ["Mine sager", "Ufordelte", "Alle åbne sager", "Alle sager"]
    assert '<a href="?scope=mine" aria-current="page">' in tabs
    assert ">Ansvarlig</th>" not in mine
    assert ">Ansvarlig</th>" in client.get("/sager/?scope=open").content.decode()
    # The filters are folded away until one is used.
    assert '<details class="filters">' in mine
    assert '<details class="filters" open>' in client.get("/sager/?scope=open&kind=inquiry").content.decode()


def test_the_search_line_finds_a_case_in_any_list_and_says_so(client_for, jurist, head):
    closed = ComplaintFactory(
        responsible=head,
        state="closed",
        closed_on=dt.date(2023, 6, 1),
        track="telephone",
        person_name="Karen Blixen",
    )
    html = client_for(jurist).get("/sager/", {"scope": "mine", "q": closed.case_number}).content.decode()
    assert queue_numbers(html) == [closed.case_number]
    assert "Søgte i alle sager, åbne og afsluttede, uanset sagsbehandler." in html
    assert ">Ansvarlig</th>" in html  # whose it is matters now


def test_the_head_follows_a_caseworker_from_the_workload_page_to_their_cases(client_for, jurist, head):
    jurist.first_name, jurist.last_name = "Peter", "Holm"
    jurist.save()
    theirs = ComplaintFactory(responsible=jurist, state="telephone")
    ComplaintFactory(responsible=head, state="telephone")
    client = client_for(head)
    workload = client.get(reverse("complaints:workload")).content.decode()
    link = re.search(r'<a href="([^"]+)">Peter Holm</a>', workload).group(1).replace("&amp;", "&")
    html = client.get(link).content.decode()
    assert queue_numbers(html) == [theirs.case_number]
    assert "Sagerne hos Peter Holm." in html


@time_machine.travel(dt.datetime(2023, 9, 1, 12, 0))
def test_sorting_by_deadline_puts_what_is_overdue_first(client_for, jurist):
    due_soon = ComplaintFactory(responsible=jurist, state="written", received_on=dt.date(2023, 8, 28))
    WrittenInquiry.objects.create(
        complaint=due_soon, sent_on=dt.date(2023, 8, 28), due_on=dt.date(2023, 9, 5)
    )
    old = ComplaintFactory(
        responsible=jurist, state="telephone", received_on=dt.date(2023, 7, 1)
    )  # no deadline
    quiet = ComplaintFactory(responsible=jurist, state="telephone", received_on=dt.date(2023, 8, 31))
    html = client_for(jurist).get("/sager/").content.decode()
    assert queue_numbers(html) == [old.case_number, due_soon.case_number, quiet.case_number]
    assert "1. jul 2023" in html  # months in lower case, as Danish writes them

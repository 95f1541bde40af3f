import csv
import datetime as dt
import io
import re

import openpyxl
import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ComplaintFactory, department

pytestmark = pytest.mark.django_db

CASE_NUMBER = re.compile(r"\b20\d\d-\d{7}\b")


@pytest.fixture
def data():
    sof = department("SOF")
    cases = [
        ComplaintFactory(
            department=sof,
            received_on=dt.date(2023, 5, 1),
            closed_on=dt.date(2023, 5, 11),
            state="closed",
            track="telephone",
            outcome="upheld",
            solved="solved",
            person_name="Karen Hansen",
            themes=["delay"],
        ),
        ComplaintFactory(
            department=sof,
            received_on=dt.date(2023, 6, 1),
            state="telephone",
            person_name="Niels Bohr",
            themes=["guidance"],
        ),
    ]
    return cases


@pytest.mark.parametrize("persona_name", ["committee", "head", "secretariat", "jurist"])
def test_statistics_pages_open_for_their_audience(persona_name, request, client_for, data):
    client = client_for(request.getfixturevalue(persona_name))
    assert client.get(reverse("stats:dashboard"), {"year": 2023}).status_code == 200
    assert client.get(reverse("stats:department", args=["SOF"]), {"year": 2023}).status_code == 200


@pytest.mark.parametrize("persona_name", ["wb_member", "outsider", "superuser"])
def test_statistics_pages_are_refused_to_others(persona_name, request, client_for):
    client = client_for(request.getfixturevalue(persona_name))
    for url in (
        reverse("stats:dashboard"),
        reverse("stats:department", args=["SOF"]),
        reverse("stats:export_csv"),
    ):
        assert client.get(url).status_code == 403


def test_committee_sees_aggregates_only(client_for, committee, data):
    client = client_for(committee)
    pages = [
        client.get(reverse("stats:dashboard"), {"year": 2023}).content.decode(),
        client.get(reverse("stats:department", args=["SOF"]), {"year": 2023}).content.decode(),
    ]
    for html in pages:
        assert not CASE_NUMBER.search(html)
        assert "Karen" not in html and "Bohr" not in html
    assert "Klager og andre henvendelser samt tilsyn" in pages[0]
    assert "Sagsbehandlingstid/manglende svar" in pages[1]  # the department's themes


def test_dashboard_shows_the_years_figures_in_tables_and_chart_specs(client_for, committee, data):
    html = client_for(committee).get(reverse("stats:dashboard"), {"year": 2023}).content.decode()
    assert "10,0 dage" in html  # one case closed after 10 days
    assert 'data-chart="per-department-spec"' in html and 'id="per-department-spec"' in html
    assert "vendor/plotly.min.js" in html and "https://" not in html.split("<body")[0]


@pytest.mark.parametrize("year", ["abc", "1850", "99999"])
def test_a_bad_year_is_explained_not_an_error(client_for, committee, year):
    response = client_for(committee).get(reverse("stats:dashboard"), {"year": year})
    assert response.status_code == 200
    assert "Der er ingen tal for det år" in response.content.decode()


def test_unknown_department_is_404(client_for, committee):
    assert client_for(committee).get(reverse("stats:department", args=["XYZ"])).status_code == 404


def test_csv_export_has_the_same_numbers_and_escapes_formulas(client_for, committee, data):
    response = client_for(committee).get(reverse("stats:export_csv"), {"year": 2023})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Klager og andre henvendelser samt tilsyn", "2"] in rows
    assert ["Klager og andre henvendelser", "10,0 dage"] in rows
    assert response["Content-Disposition"] == 'attachment; filename="beretning-2023.csv"'
    assert not [cell for row in rows for cell in row if cell[:1] in "=+-@"]


def test_xlsx_export_has_a_sheet_per_table_with_numbers(client_for, committee, data):
    response = client_for(committee).get(reverse("stats:export_xlsx"), {"year": 2023})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert "inquiries" in book.sheetnames and "whistleblower_themes" in book.sheetnames
    values = {row[0]: row[1] for row in book["inquiries"].iter_rows(min_row=2, values_only=True)}
    assert values["Klager og andre henvendelser samt tilsyn"] == 2
    processing = {row[0]: row[1] for row in book["processing"].iter_rows(min_row=2, values_only=True)}
    assert processing["Klager og andre henvendelser"] == 10.0


def test_dashboard_query_count_does_not_grow(client_for, committee):
    client = client_for(committee)
    ComplaintFactory.create_batch(3, received_on=dt.date(2023, 5, 1))
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("stats:dashboard"), {"year": 2023})
    ComplaintFactory.create_batch(60, received_on=dt.date(2023, 5, 1))
    cache.clear()  # the figures are kept a minute; measure the computation itself
    with CaptureQueriesContext(connection) as large:
        client.get(reverse("stats:dashboard"), {"year": 2023})
    assert len(small.captured_queries) == len(large.captured_queries)


def test_figures_are_kept_a_minute_and_the_page_says_when_they_were_computed(client_for, committee):
    client = client_for(committee)
    start = dt.datetime(2026, 11, 22, 9, 0, tzinfo=dt.UTC)

    def complaints_shown():
        html = client.get(reverse("stats:department", args=["SOF"]), {"year": 2023}).content.decode()
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)  # masked anew each time

    ComplaintFactory.create_batch(2, received_on=dt.date(2023, 5, 1))
    with time_machine.travel(start, tick=False):
        first = complaints_shown()
        assert "Tallene er beregnet kl. 10:00 og er højst et minut gamle." in first
        ComplaintFactory.create_batch(5, received_on=dt.date(2023, 5, 1))
        assert complaints_shown() == first  # the same minute: the same figures
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        later = complaints_shown()
        assert "Tallene er beregnet kl. 10:01" in later
        assert later != first


def test_formula_escaping():
    from core.exports import escape_formula

    assert escape_formula("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert escape_formula("@SUM(A1)") == "'@SUM(A1)"
    assert escape_formula("Socialforvaltningen") == "Socialforvaltningen"
    assert escape_formula(5) == 5

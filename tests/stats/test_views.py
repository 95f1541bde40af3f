import csv
import datetime as dt
import io
import json
import re
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ComplaintFactory, department
from whistleblower import services as wb_services
from whistleblower.models import Matter, Report

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


def test_csv_export_has_the_same_numbers(client_for, committee, data):
    response = client_for(committee).get(reverse("stats:export_csv"), {"year": 2023})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["Klager og andre henvendelser samt tilsyn", "2"] in rows
    assert ["Klager og andre henvendelser", "10,0 dage"] in rows
    assert response["Content-Disposition"] == 'attachment; filename="beretning-2023.csv"'


FORMULA = '=HYPERLINK("http://x")'


@pytest.fixture
def formula_department(data):
    """The secretariat may rename a department (free text): the name reaches the exports'
    per-department table, next to SOF's 2 complaints of report year 2023."""
    sof = department("SOF")
    sof.name = FORMULA
    sof.save()
    return sof


def test_csv_export_neutralises_a_formula_in_a_department_name(client_for, committee, formula_department):
    response = client_for(committee).get(reverse("stats:export_csv"), {"year": 2023})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert ["'" + FORMULA, "2"] in rows
    assert not [cell for row in rows for cell in row if cell[:1] in "=+-@"]


def test_xlsx_export_neutralises_a_formula_in_a_department_name(client_for, committee, formula_department):
    response = client_for(committee).get(reverse("stats:export_xlsx"), {"year": 2023})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["per_department"]
    cells = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
    assert cells["'" + FORMULA] == 2
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]  # no formula cell


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


def test_department_page_leaves_out_forwarded_digital_form_complaints(client_for, committee, data):
    # SOF's two complaints of 2023 (data) plus one that came by the digital form and was
    # forwarded: reported apart, so neither its count nor its theme (Aktindsigt) is shown.
    ComplaintFactory(
        department=department("SOF"),
        channel="digital_form",
        received_on=dt.date(2023, 7, 1),
        closed_on=dt.date(2023, 7, 2),
        state="forwarded",
        track="forwarded",
        outcome="not_assessed",
        themes=["access"],
    )
    html = (
        client_for(committee).get(reverse("stats:department", args=["SOF"]), {"year": 2023}).content.decode()
    )
    assert '<th scope="row">2023</th><td class="num">2</td>' in html
    assert '<th scope="row">Ikke vurderet</th><td class="num">0</td>' in html
    assert "Aktindsigt" not in html


# --- whistleblower figures: only for periods that have ended (DOMAIN §5) --------------------

CPH = ZoneInfo("Europe/Copenhagen")
NOW = dt.datetime(2026, 11, 23, 12, 0, tzinfo=CPH)  # in calendar year 2026


YEAR_PENDING = "Opgøres, når kalenderåret er slut"
QUARTER_PENDING = "Opgøres, når kvartalet er slut"
THEMES_DA = [
    "Arbejdsmiljø og sikkerhed",
    "Lov- og retskrav",
    "Økonomi",
    "Omsorgssvigt",
    "Potentielle straffelovsovertrædelser",
    "Kommunens interne regler",
    "Borgerbetjening og service",
    "Sundhed og folkesundhed",
    "Databeskyttelse",
    "Miljøfare",
    "Andet",
]


@pytest.fixture
def wb_reports(db):
    """Whistleblower reports by date received, with their matters' themes (by hand):
    2024: 1 report · 2025: 3 reports, 4 matters (Økonomi 2, Omsorgssvigt 1, Andet 1) ·
    Q1 2026: 1 report, 2 matters · all of 2026: 3 reports (that one too), 4 matters."""
    for i, (received, themes) in enumerate(
        [
            (dt.date(2024, 6, 1), ["other"]),
            (dt.date(2025, 1, 1), ["finances", "finances"]),
            (dt.date(2025, 6, 1), ["neglect"]),
            (dt.date(2025, 12, 31), ["other"]),
            (dt.date(2026, 2, 10), ["work_environment", "finances"]),
            (dt.date(2026, 5, 1), ["data_protection"]),
            (dt.date(2026, 11, 20), ["finances"]),
        ]
    ):
        report = Report.objects.create(reference=f"WB-T-{i}", received_on=received, channel="portal")
        Matter.objects.bulk_create(Matter(report=report, theme=t) for t in themes)


def csv_tables(content: bytes) -> dict[str, list[list[str]]]:
    """The CSV export as {title: rows}; tables are separated by an empty row."""
    tables, title = {}, None
    for row in csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"):
        if not row:
            title = None
        elif title is None:
            title = row[0]
            tables[title] = []
        else:
            tables[title].append(row)
    return tables


def xlsx_rows(content: bytes, sheet: str) -> list[tuple]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return list(book[sheet].iter_rows(min_row=2, values_only=True))


def submit_portal_report():
    wb_services.report_submit(body="Endnu en indberetning.")


def test_running_years_csv_export_has_no_whistleblower_count_and_a_new_report_changes_no_byte(
    client_for, jurist, wb_reports
):
    client = client_for(jurist)
    url = reverse("stats:export_csv")
    with time_machine.travel(NOW, tick=False):
        before = client.get(url, {"year": 2026}).content
        submit_portal_report()
        after = client.get(url, {"year": 2026}).content
    assert after == before
    tables = csv_tables(before)
    year, quarter = YEAR_PENDING, QUARTER_PENDING
    assert tables["Whistleblowerordningen i 2026"] == [
        ["Indberetninger", year],
        ["Forhold", year],
        ["Indberetninger i 2025", "3"],  # 2025 is over
        ["Indberetninger 1. januar – 31. marts 2027", quarter],
        ["Forhold 1. januar – 31. marts 2027", quarter],
    ]
    assert tables["Forhold fordelt på temaer 2026"] == [[theme, year] for theme in THEMES_DA]


def every_cell(content: bytes) -> dict[str, list[tuple]]:
    book = openpyxl.load_workbook(io.BytesIO(content))
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in book}


def test_running_years_xlsx_export_has_no_whistleblower_count_and_a_new_report_changes_no_cell(
    client_for, jurist, wb_reports
):
    client = client_for(jurist)
    url = reverse("stats:export_xlsx")
    with time_machine.travel(NOW, tick=False):
        before = client.get(url, {"year": 2026}).content
        submit_portal_report()
        after = client.get(url, {"year": 2026}).content
    # (The file's bytes carry zip timestamps; what a reader sees is every cell of every sheet.)
    assert every_cell(after) == every_cell(before)
    year, quarter = YEAR_PENDING, QUARTER_PENDING
    assert xlsx_rows(before, "whistleblower") == [
        ("Indberetninger", year),
        ("Forhold", year),
        ("Indberetninger i 2025", 3),
        ("Indberetninger 1. januar – 31. marts 2027", quarter),
        ("Forhold 1. januar – 31. marts 2027", quarter),
    ]
    assert xlsx_rows(before, "whistleblower_themes") == [(theme, year) for theme in THEMES_DA]


def test_a_finished_years_whistleblower_figures_are_exported_as_counted(client_for, jurist, wb_reports):
    client = client_for(jurist)
    with time_machine.travel(NOW, tick=False):
        tables = csv_tables(client.get(reverse("stats:export_csv"), {"year": 2025}).content)
        xlsx = client.get(reverse("stats:export_xlsx"), {"year": 2025}).content
    assert tables["Whistleblowerordningen i 2025"] == [
        ["Indberetninger", "3"],
        ["Forhold", "4"],
        ["Indberetninger i 2024", "1"],
        ["Indberetninger 1. januar – 31. marts 2026", "1"],
        ["Forhold 1. januar – 31. marts 2026", "2"],
    ]
    shares = dict.fromkeys(THEMES_DA, "0,0 %") | {
        "Økonomi": "50,0 %",
        "Omsorgssvigt": "25,0 %",
        "Andet": "25,0 %",
    }
    assert tables["Forhold fordelt på temaer 2025"] == [[theme, share] for theme, share in shares.items()]
    assert [value for _label, value in xlsx_rows(xlsx, "whistleblower")] == [3, 4, 1, 1, 2]
    assert dict(xlsx_rows(xlsx, "whistleblower_themes"))["Økonomi"] == 50.0


def whistleblower_panels(html: str) -> list[tuple[str, str]]:
    """(label, shown value) of the dashboard's two whistleblower tables."""
    panels = re.findall(r'<h2 id="t-whistleblower(?:_themes)?">.*?</table>', html, flags=re.S)
    assert len(panels) == 2
    return re.findall(r'<th scope="row">(.*?)</th><td class="num">(.*?)</td>', "".join(panels))


def test_running_years_dashboard_shows_no_whistleblower_count(client_for, jurist, wb_reports):
    client = client_for(jurist)
    with time_machine.travel(NOW, tick=False):
        before = whistleblower_panels(client.get(reverse("stats:dashboard"), {"year": 2026}).content.decode())
        submit_portal_report()
        cache.clear()  # not the minute's cache: the figures themselves
        after = whistleblower_panels(client.get(reverse("stats:dashboard"), {"year": 2026}).content.decode())
    assert after == before
    year, quarter = YEAR_PENDING, QUARTER_PENDING
    assert before[:5] == [
        ("Indberetninger", year),
        ("Forhold", year),
        ("Indberetninger i 2025", "3"),
        ("Indberetninger 1. januar – 31. marts 2027", quarter),
        ("Forhold 1. januar – 31. marts 2027", quarter),
    ]
    assert before[5:] == [(theme, year) for theme in THEMES_DA]


def test_the_dashboards_minute_of_cache_does_not_outlive_the_calendar_year(client_for, jurist, wb_reports):
    def reports_shown():
        client = client_for(jurist)  # signed in at the travelled-to time: sessions expire
        html = client.get(reverse("stats:dashboard"), {"year": 2026}).content.decode()
        return dict(whistleblower_panels(html))["Indberetninger"]

    with time_machine.travel(dt.datetime(2026, 12, 31, 23, 59, 40, tzinfo=CPH), tick=False):
        assert reports_shown() == YEAR_PENDING
    with time_machine.travel(dt.datetime(2027, 1, 1, 0, 0, 10, tzinfo=CPH), tick=False):  # 30 s later
        assert reports_shown() == "3"  # 10 February, 1 May and 20 November 2026


def test_the_json_command_prints_null_for_a_running_year_and_a_new_report_changes_nothing(wb_reports):
    def printed():
        out = io.StringIO()
        call_command("beretning_stats", year=2026, format="json", stdout=out)
        return out.getvalue()

    with time_machine.travel(NOW, tick=False):
        before = printed()
        submit_portal_report()
        after = printed()
    assert after == before
    assert json.loads(before)["whistleblower"] == {
        "calendar_year": 2026,
        "reports": None,
        "matters": None,
        "reports_previous_year": 3,
        "next_year_q1": {"reports": None, "matters": None},
        "themes_pct": dict.fromkeys(
            [
                "work_environment",
                "legal_requirements",
                "finances",
                "neglect",
                "criminal_offences",
                "internal_rules",
                "citizen_service",
                "public_health",
                "data_protection",
                "environmental_hazard",
                "other",
            ]
        ),
    }


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (dt.datetime(2026, 3, 31, 23, 59, tzinfo=CPH), [QUARTER_PENDING, QUARTER_PENDING]),
        (dt.datetime(2026, 4, 1, 0, 1, tzinfo=CPH), ["1", "2"]),  # 10 February 2026: 2 matters
    ],
)
def test_the_first_quarter_after_the_year_is_exported_after_31_march(
    client_for, jurist, wb_reports, moment, expected
):
    with time_machine.travel(moment, tick=False):
        tables = csv_tables(client_for(jurist).get(reverse("stats:export_csv"), {"year": 2025}).content)
    rows = tables["Whistleblowerordningen i 2025"]
    assert rows[:3] == [["Indberetninger", "3"], ["Forhold", "4"], ["Indberetninger i 2024", "1"]]
    assert [value for _label, value in rows[3:]] == expected


def test_each_figure_is_shown_once_with_its_numbers_named(client_for, committee, data):
    html = client_for(committee).get(reverse("stats:dashboard"), {"year": 2023}).content.decode()
    headings = re.findall(r"<h2 id=\"[^\"]+\">([^<]+)</h2>", html)
    for title in ("Klager pr. beretningsår", "Klager pr. forvaltning", "Fordeling af indsatser"):
        assert headings.count(title) == 1, (title, headings)
    # The chart's numbers behind a disclosure, headed by what they count.
    numbers = html[html.index('data-chart="per-department-spec"') :].split("</details>")[0]
    assert "<summary>Vis tallene</summary>" in numbers
    assert '<th scope="col">Forvaltning</th><th scope="col" class="num">Klager</th>' in numbers
    assert "Kategori" not in html and "Værdi" not in html

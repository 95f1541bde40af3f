import csv
import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from tests.factories import ComplaintFactory, department

pytestmark = pytest.mark.django_db


@pytest.fixture
def cases():
    mine = ComplaintFactory(
        department=department("SOF"),
        received_on=dt.date(2023, 5, 1),
        person_name="Karen Hansen",
        person_cpr="010190-1234",
        summary='=HYPERLINK("http://x")',
        themes=["delay", "access"],
    )
    ComplaintFactory(department=department("BUF"), received_on=dt.date(2023, 5, 1))  # another department
    ComplaintFactory(department=department("SOF"), received_on=dt.date(2024, 4, 1))  # another report year
    return mine


def test_csv_has_the_departments_cases_of_the_year_without_personal_data(client_for, secretariat, cases):
    response = client_for(secretariat).get(
        reverse("complaints:department_export"),
        {"department": department("SOF").pk, "year": 2023, "format": "csv"},
    )
    text = response.content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["case_number"] for r in rows] == [cases.case_number]
    assert rows[0]["themes"] == "access;delay" and rows[0]["received_on"] == "2023-05-01"
    for forbidden in ("Karen", "010190", "HYPERLINK", "person", "summary"):
        assert forbidden not in text
    assert response["Content-Disposition"] == 'attachment; filename="sager-SOF-2023.csv"'


def test_xlsx_export(client_for, secretariat, cases):
    response = client_for(secretariat).get(
        reverse("complaints:department_export"),
        {"department": department("SOF").pk, "year": 2023, "format": "xlsx"},
    )
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]][:2] == ["case_number", "kind"]
    assert sheet.max_row == 2


def test_cells_that_look_like_formulas_are_escaped():
    import tablib

    from core.exports import escaped

    data = escaped(tablib.Dataset(["=1+1", "-x", "ok", 5], headers=["a", "b", "c", "d"]))
    assert list(data[0]) == ["'=1+1", "'-x", "ok", 5]


@pytest.mark.parametrize("persona_name", ["jurist", "head", "committee", "wb_member"])
def test_department_export_is_the_secretariats(persona_name, request, client_for):
    client = client_for(request.getfixturevalue(persona_name))
    assert client.get(reverse("complaints:department_export")).status_code == 403


def test_bad_input_gets_the_form_again(client_for, secretariat):
    response = client_for(secretariat).get(
        reverse("complaints:department_export"), {"department": "999", "year": "abc", "format": "pdf"}
    )
    assert response.status_code == 200 and "Der er et problem" in response.content.decode()


def test_a_department_code_with_a_danish_letter_names_the_file_the_way_browsers_read_it(
    client_for, secretariat
):
    """ØKF: the file name travels as RFC 6266's UTF-8 ``filename*`` (a header is Latin-1 at
    best; browsers read ``filename*=utf-8''…`` and show "sager-ØKF-2023.csv")."""
    response = client_for(secretariat).get(
        reverse("complaints:department_export"),
        {"department": department("ØKF").pk, "year": 2023, "format": "csv"},
    )
    assert response.status_code == 200
    assert response["Content-Disposition"] == "attachment; filename*=utf-8''sager-%C3%98KF-2023.csv"
    assert response["Cache-Control"] == "private, no-store"

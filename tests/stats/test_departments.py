"""One department's figures (stats.departments) against hand-worked values: the counted rule,
and the seven departments summing to the national table (DOMAIN §6, §7)."""

import pytest

from stats.departments import department_figures
from stats.selectors import year_figures
from tests.stats.cases import D, case

pytestmark = pytest.mark.django_db


# --- the department figures use the counted rule (DOMAIN §6, §7) ---------------------------


@pytest.fixture
def departments_dataset():
    """Report year 2023. Counted complaints of kind complaint per department (by hand):
    SOF 3 (S1 S3 S4), BUF 1 (B2), TMF 1 (T1); S2 and B1 came by the digital form and were
    forwarded, so they count nowhere; S5 is an inquiry."""
    case(D(2023, 5, 1), dep="SOF", themes=["delay"])  # S1: open
    case(
        D(2023, 5, 2),
        D(2023, 5, 3),
        "forwarded",
        channel="digital_form",
        dep="SOF",
        outcome="not_assessed",
        themes=["access"],
    )  # S2: not counted
    case(
        D(2023, 6, 1),
        D(2023, 6, 9),
        "telephone",
        channel="digital_form",
        dep="SOF",
        outcome="upheld",
        themes=["delay"],
    )  # S3: digital form, but not forwarded: counted
    case(D(2023, 7, 1), D(2023, 7, 2), "forwarded", dep="SOF", outcome="not_assessed")  # S4: by phone
    case(D(2023, 7, 1), kind="inquiry", dep="SOF", themes=["access"])  # S5: an inquiry
    case(D(2023, 8, 1), D(2023, 8, 2), "forwarded", channel="digital_form", dep="BUF")  # B1
    case(D(2023, 8, 1), dep="BUF")  # B2
    case(D(2023, 9, 1), dep="TMF")  # T1


def test_department_figures_leave_out_forwarded_digital_form_complaints(departments_dataset):
    sof = department_figures("SOF", 2023)
    assert sof["per_report_year"] == {"2019": 0, "2020": 0, "2021": 0, "2022": 0, "2023": 3}
    assert sof["outcomes"] == {"upheld": 1, "partly_upheld": 0, "not_upheld": 0, "not_assessed": 1}  # S3, S4
    assert [(t["code"], t["cases"]) for t in sof["themes"]] == [("delay", 2)]  # S1 S3; S2's access is out
    assert department_figures("BUF", 2023)["per_report_year"]["2023"] == 1


def test_the_seven_departments_sum_to_the_national_table(departments_dataset):
    national = year_figures(2023).data
    per_department = {
        code: department_figures(code, 2023)["per_report_year"]["2023"]
        for code in national["complaints_per_department"]
    }
    expected = {"ØKF": 0, "KFF": 0, "BUF": 1, "SUF": 0, "BIF": 0, "SOF": 3, "TMF": 1}
    assert per_department == expected
    assert national["complaints_per_department"] == expected
    assert national["complaints_per_report_year"]["2023"] == 5 == sum(per_department.values())

"""`seed_demo` reproduces the Borgerrådgiver's published figures for report year 2023."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

# Every test here reads the demo seeded once for the module; none may do without it.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_2023")]

# The published 2023 figures (issue 8), as beretning_stats prints them.
PUBLISHED = {
    ("inquiries", "complaints_inquiries_supervisions"): 912,
    ("inquiries", "consultations_teaching"): 138,
    ("inquiries", "total"): 1050,
    ("consultations",): 131,
    ("teaching",): 7,
    ("avg_processing_days", "cases"): 17.3,
    ("avg_processing_days", "consultations"): 8.2,
    ("telephone_resolved",): 194,
    ("discrimination",): {
        "disability": 9,
        "origin": 9,
        "gender": 6,
        "sexual_orientation": 1,
        "other": 6,
        "total": 31,
    },
    ("whistleblower", "reports"): 105,
    ("whistleblower", "matters"): 202,
    ("whistleblower", "reports_previous_year"): 116,
    ("whistleblower", "next_year_q1"): {"reports": 33, "matters": 62},
    ("inquiries", "digital_form_forwarded"): 90,  # "skønsmæssigt opgjort til 90 sager"
    # "INDBERETTEDE FORHOLD … FORDELT I PROCENT PÅ TEMAER I KALENDERÅRET 2023", as printed.
    ("whistleblower", "themes_pct"): {
        "work_environment": 32.2,  # Arbejdsmiljø og sikkerhed: 65 / 202 = 32.18 %
        "legal_requirements": 26.7,  # Lov- og retskrav: 54 / 202 = 26.73 %
        "finances": 8.4,  # Økonomi: 17 / 202 = 8.42 %
        "neglect": 7.9,  # Omsorgssvigt: 16 / 202 = 7.92 %
        "criminal_offences": 5.4,  # Potentielle straffelovsovertrædelser: 11 / 202 = 5.45 %
        "internal_rules": 4.0,  # Kommunens interne regler: 8 / 202 = 3.96 %
        "citizen_service": 3.5,  # Borgerbetjening og service: 7 / 202 = 3.47 %
        "public_health": 3.5,  # Sundhed og folkesundhed: 7 / 202 = 3.47 %
        "data_protection": 3.0,  # Databeskyttelse: 6 / 202 = 2.97 %
        "environmental_hazard": 0.5,  # Miljøfare: 1 / 202 = 0.50 %
        "other": 5.0,  # Andet: 10 / 202 = 4.95 %
    },
}


def test_seed_demo_gives_the_published_2023_figures(demo_2023):
    out = StringIO()
    call_command("beretning_stats", year=2023, format="json", stdout=out)
    data = json.loads(out.getvalue())
    for path, expected in PUBLISHED.items():
        value = data
        for key in path:
            value = value[key]
        assert value == expected, path
    assert round(data["upheld_pct"]) == 61
    assert round(data["satisfaction"]["satisfied_pct"]) == 82
    assert round(data["satisfaction"]["dissatisfied_pct"]) == 4
    # "helt eller delvist borgerens problem i mere end 90 % af de sager"
    assert data["solved_pct"] > 90
    # Of the upheld: "i knap halvdelen af sagerne … fejl, som kunne have betydning for
    # lovligheden af en afgørelse" — nearly half, so just under 50.
    assert 45 <= data["legality_error_pct"] < 50
    # Single complaints revealing an error that hits many: at least the ca. 680 own-payment
    # decisions reopened after one citizen's complaint (2023-0403288).
    assert data["systemic_cases"] >= 1
    assert data["citizens_affected"] >= 680
    assert data["mediation_shuttle_contacts"] > 0  # "pendulmægling" is used every day
    shares = data["whistleblower"]["themes_pct"]
    assert abs(sum(shares.values()) - 100.1) < 0.01  # the printed shares add up to 100.1


def stats(year: int) -> dict:
    out = StringIO()
    call_command("beretning_stats", year=year, format="json", stdout=out)
    return json.loads(out.getvalue())


def test_2022_rose_28_percent_on_2021_with_65_percent_upheld_and_2023_fell_back(demo_2023):
    # "I forrige beretningsår steg antallet … med 28 %, og hele 65 % fik medhold … Antallet af
    # klager var lavere i beretningsåret 2023", and fell "ikke helt til niveauet fra 2021".
    per_year = stats(2023)["complaints_per_report_year"]
    y2021, y2022, y2023 = per_year["2021"], per_year["2022"], per_year["2023"]
    assert y2022 > y2023 > y2021
    assert 1.25 <= y2022 / y2021 <= 1.31
    assert 64 <= stats(2022)["upheld_pct"] <= 66


def test_the_courses_findings_are_the_published_table(demo_2023):
    # "FORVALTNINGERNES AKTUELLE EFTERLEVELSE AF BESLUTNINGEN": Opfylder ØKF, KFF, SUF, BIF;
    # Opfylder delvist BUF, SOF, TMF.
    from supervision.models import Finding

    findings = dict(
        Finding.objects.filter(supervision__title="Obligatoriske kurser i forvaltningsret").values_list(
            "department__code", "value"
        )
    )
    assert findings == {
        "ØKF": "meets",
        "KFF": "meets",
        "SUF": "meets",
        "BIF": "meets",
        "BUF": "partly_meets",
        "SOF": "partly_meets",
        "TMF": "partly_meets",
    }


def test_other_years_vary_and_the_series_continues_after_the_history(demo_2023):
    counts = {}
    for year in (2021, 2022, 2024):
        out = StringIO()
        call_command("beretning_stats", year=year, format="json", stdout=out)
        counts[year] = json.loads(out.getvalue())["inquiries"]["complaints_inquiries_supervisions"]
    assert len(set(counts.values())) == 3 and all(500 < n < 1200 for n in counts.values())
    from complaints.models import Complaint
    from consultations.models import Consultation
    from core.numbering import next_case_number
    from supervision.models import Supervision

    # One series for complaints, consultations and supervisions: it continues after all of them.
    highest = max(
        int(n[5:])
        for model in (Complaint, Consultation, Supervision)
        for n in model.objects.filter(case_number__startswith="2023-").values_list("case_number", flat=True)
    )
    assert int(next_case_number(year=2023)[5:]) == highest + 1

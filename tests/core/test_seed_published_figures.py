"""`seed_demo` reproduces the Borgerrådgiver's published figures for report year 2023."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db

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
    ("whistleblower", "themes_pct", "work_environment"): 32.2,
    ("whistleblower", "themes_pct", "environmental_hazard"): 0.5,
}


def test_seed_demo_gives_the_published_2023_figures():
    call_command("seed_demo", seed=2023, stdout=StringIO())
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
    shares = data["whistleblower"]["themes_pct"]
    assert abs(sum(shares.values()) - 100) < 0.6  # eleven rounded shares


def test_other_years_vary_and_the_series_continues_after_the_history():
    call_command("seed_demo", seed=2023, stdout=StringIO())
    counts = {}
    for year in (2021, 2022, 2024):
        out = StringIO()
        call_command("beretning_stats", year=year, format="json", stdout=out)
        counts[year] = json.loads(out.getvalue())["inquiries"]["complaints_inquiries_supervisions"]
    assert len(set(counts.values())) == 3 and all(500 < n < 1200 for n in counts.values())
    from complaints.models import Complaint, Consultation
    from core.numbering import next_case_number
    from supervision.models import Supervision

    # One series for complaints, consultations and supervisions: it continues after all of them.
    highest = max(
        int(n[5:])
        for model in (Complaint, Consultation, Supervision)
        for n in model.objects.filter(case_number__startswith="2023-").values_list("case_number", flat=True)
    )
    assert int(next_case_number(year=2023)[5:]) == highest + 1

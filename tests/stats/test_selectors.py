"""Every figure of DOMAIN §6 against a dataset whose expected values are worked out by hand
(in the comments), never taken from the code's output."""

import datetime as dt
import json
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from complaints.models import Complaint, OutgoingLetter
from consultations.models import Consultation
from stats.selectors import year_figures
from tests.factories import SupervisionFactory, UserFactory, department
from tests.stats.cases import D, case
from whistleblower.models import Matter, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def dataset():
    # Complaints. Report year 2023 = 2023-04-01 … 2024-03-31. Days = closed − received.
    case(
        D(2023, 3, 31),
        D(2023, 4, 10),
        "telephone",
        outcome="upheld",
        solved="solved",
        satisfaction="satisfied",
        legality_error=True,
    )  # C1: 10 days (closed 10 April 2023: in the period)
    c2 = case(
        D(2023, 4, 1),
        D(2023, 4, 21),
        "written",
        channel="email",
        dep="BUF",
        outcome="partly_upheld",
        solved="partly_solved",
        satisfaction="dissatisfied",
        discrimination_ground="age",
    )  # C2: 20 days
    c3 = case(
        D(2023, 5, 1),
        D(2023, 5, 3),
        "forwarded",
        channel="digital_form",
        outcome="not_assessed",
        discrimination_ground="origin",
        general_problem=True,
        citizens_affected=1000,
    )  # C3: excluded everywhere
    case(
        D(2023, 6, 1),
        D(2023, 6, 2),
        "advice",
        kind="inquiry",
        dep=None,
        outcome="not_assessed",
        discrimination_ground="religion_belief",
    )  # C4: 1 day
    c5 = case(
        D(2023, 7, 1),
        D(2023, 7, 7),
        "telephone",
        channel="digital_form",
        dep="TMF",
        outcome="not_upheld",
        solved="not_solved",
        satisfaction="neutral",
        discrimination_ground="disability",
    )  # C5: 6 days
    case(D(2024, 3, 31), discrimination_ground="gender")  # C6: open, last day
    case(D(2024, 4, 1))  # C7: next report year
    c8 = case(
        D(2022, 6, 1), D(2022, 7, 1), "telephone", outcome="upheld", solved="solved", legality_error=True
    )  # C8: closed the year before
    c8.general_problem, c8.citizens_affected = True, 40
    c8.save()
    case(D(2019, 5, 1))  # C9: report year 2019
    case(D(2019, 3, 31))  # C10: report year 2018
    case(
        D(2023, 8, 1),
        D(2023, 9, 1),
        "mediation",
        outcome="upheld",
        solved="solved",
        discrimination_ground="political_opinion",
        legality_error=False,
        general_problem=True,
        citizens_affected=250,
    )  # C11: 31 days
    c12 = case(
        D(2023, 9, 1), D(2024, 3, 31), "supervision", outcome="not_upheld", solved="solved"
    )  # C12: 212 days (2024 is leap)
    case(
        D(2023, 10, 1),
        D(2023, 10, 3),
        "rejected",
        channel="letter",
        outcome="not_assessed",
        discrimination_ground="sexual_orientation",
    )  # C13: 2 days
    c14 = case(
        D(2023, 11, 1), D(2023, 11, 9), "telephone", kind="inquiry", outcome="not_assessed", solved="solved"
    )  # C14: 8 days
    # Letters, for the reply guarantee (10 working days; Copenhagen's dates, summer time UTC+2):
    # C2 (e-mail, received Saturday 1 April 2023; Easter 6–10 April) is due Wednesday 19 April:
    # answered at 23:30 that evening, in time. C5 (digital form, received Saturday 1 July) is due
    # Friday 14 July: a letter to the department on 3 July does not count, the one to the
    # citizen went at 00:30 on 15 July, late. C13 (letter, received Sunday 1 October) got none.
    # C3 is not counted; C14 came by telephone.
    jurist = UserFactory()
    for complaint, recipient, sent_at in (
        (c2, "citizen", dt.datetime(2023, 4, 19, 21, 30, tzinfo=dt.UTC)),
        (c5, "department", dt.datetime(2023, 7, 3, 9, 0, tzinfo=dt.UTC)),
        (c5, "citizen", dt.datetime(2023, 7, 14, 22, 30, tzinfo=dt.UTC)),
        (c3, "citizen", dt.datetime(2023, 5, 2, 9, 0, tzinfo=dt.UTC)),
        (c14, "citizen", dt.datetime(2023, 11, 2, 9, 0, tzinfo=dt.UTC)),
    ):
        OutgoingLetter.objects.create(
            complaint=complaint,
            code="acknowledgement",
            recipient=recipient,
            title="Kvittering",
            body="Tak for din henvendelse.",
            pdf="letters/x.pdf",
            sent_at=sent_at,
            sent_by=jurist,
        )
    # Supervisions.
    SupervisionFactory(
        kind="own_initiative_general",
        opened_on=D(2023, 5, 1),
        state="closed",
        conclusion="criticism",
        concluded_on=D(2023, 11, 1),
        closed_on=D(2023, 12, 1),
    )  # S1
    SupervisionFactory(kind="inspection", opened_on=D(2024, 4, 1))  # S2
    SupervisionFactory(kind="concrete", opened_on=D(2023, 9, 1), source_complaint=c12)  # S3
    SupervisionFactory(
        kind="own_initiative_case",
        opened_on=D(2023, 3, 31),
        state="closed",
        conclusion="no_criticism",
        concluded_on=D(2023, 5, 1),
        closed_on=D(2023, 6, 1),
        general_problem=True,
    )  # S4: a general problem, no estimate
    # Shuttle contacts on complaints, whatever their track.
    from complaints.models import MediationRound

    for held_on in (D(2023, 3, 31), D(2023, 4, 1), D(2024, 3, 31), D(2024, 4, 1)):
        MediationRound.objects.create(
            complaint=c12, party="citizen", held_on=held_on, summary="Ringede til borgeren."
        )
    # Consultations and teaching.
    for i, (kind, received, closed) in enumerate(
        [
            ("consultation", D(2023, 4, 1), D(2023, 4, 11)),  # K1: 10 days
            ("consultation", D(2023, 5, 1), D(2023, 5, 4)),  # K2: 3 days
            ("teaching", D(2023, 6, 1), D(2023, 6, 1)),  # K3
            ("consultation", D(2023, 3, 31), D(2023, 4, 2)),  # K4: 2 days, received the year before
            ("consultation", D(2024, 3, 31), None),  # K5: open
        ]
    ):
        Consultation.objects.create(
            case_number=f"2023-{900 + i:07d}",
            kind=kind,
            channel="line",
            topic="x",
            received_on=received,
            closed_on=closed,
            participants=20 if kind == "teaching" else None,
            state="closed" if closed else "open",
        )
    # Whistleblower reports (calendar year 2023) and their matters.
    for i, (received, themes) in enumerate(
        [
            (D(2023, 1, 1), ["work_environment", "work_environment", "finances"]),  # R1
            (D(2023, 12, 31), ["neglect"]),  # R2
            (D(2022, 12, 31), ["other"]),  # R3: previous year
            (D(2024, 3, 31), ["finances", "other"]),  # R4: Q1 of the next year
            (D(2024, 4, 1), ["other"]),  # R5: after Q1
        ]
    ):
        report = Report.objects.create(reference=f"WB-T-{i}", received_on=received, channel="portal")
        Matter.objects.bulk_create(Matter(report=report, theme=t) for t in themes)


EXPECTED_2023 = {
    "report_year": 2023,
    "period": {"start": "2023-04-01", "end": "2024-03-31"},
    "inquiries": {
        # counted received in the period: C2 C4 C5 C6 C11 C12 C13 C14 = 8; + S1 opened = 9
        "complaints_inquiries_supervisions": 9,
        "consultations_teaching": 4,  # K1 K2 K3 K5
        "total": 13,
        "digital_form_forwarded": 1,  # C3
    },
    # kind complaint, counted: 2019: C9 · 2022: C1 (31 March!) + C8 · 2023: C2 C5 C6 C11 C12 C13
    "complaints_per_report_year": {"2019": 1, "2020": 0, "2021": 0, "2022": 2, "2023": 6},
    "complaints_per_department": {"ØKF": 0, "KFF": 0, "BUF": 1, "SUF": 0, "BIF": 0, "SOF": 4, "TMF": 1},
    "efforts": {
        # counted closed in the period: C1 C2 C4 C5 C11 C12 C13 C14 (C3 is not counted)
        "advice": 1,
        "forwarded": 0,
        "rejected": 1,
        "telephone": 3,
        "written": 1,
        "mediation": 1,
        "supervision": 1,
        "own_initiative_supervision": 2,  # S1 and S4 closed in the period
        "consultation": 3,  # K1 K2 K4
    },
    # (10 + 20 + 1 + 6 + 31 + 212 + 2 + 8) / 8 = 290 / 8 = 36.25 → 36.3 (half away from zero)
    # consultations: (10 + 3 + 2) / 3 = 5.0
    "avg_processing_days": {"cases": 36.3, "consultations": 5.0},
    "telephone_resolved": 3,  # C1 C5 C14
    "consultations": 3,
    "teaching": 1,
    "upheld_pct": 60.0,  # complaints closed: upheld C1 C11, partly C2, not C5 C12 → 3/5
    "solved_pct": 83.3,  # handled tracks: solved C1 C11 C12 C14, partly C2, not C5 → 5/6
    "satisfaction": {"responses": 3, "satisfied_pct": 33.3, "dissatisfied_pct": 33.3},  # C1 C2 C5
    # received in the period: age C2, religion C4, political C11 → other 3; C3's origin is not counted
    "discrimination": {
        "disability": 1,
        "origin": 0,
        "gender": 1,
        "sexual_orientation": 1,
        "other": 3,
        "total": 6,
    },
    # upheld or partly upheld, closed in the period: C1 C2 C11; legality error: C1 → 1/3
    "legality_error_pct": 33.3,
    # closed in the period with a general problem: C11 (250) and S4 (no estimate: 0); C3 is not
    # counted and C8 closed the year before
    "systemic_cases": 2,
    "citizens_affected": 250,
    "mediation_shuttle_contacts": 2,  # 1 April 2023 and 31 March 2024
    # counted, written channel, received in the period: C2 (in time), C5 (late), C13 (none) → 1/3
    "reply_within_10_working_days_pct": 33.3,
    "whistleblower": {
        "calendar_year": 2023,
        "reports": 2,  # R1 R2
        "matters": 4,
        "reports_previous_year": 1,  # R3
        "next_year_q1": {"reports": 1, "matters": 2},  # R4
        "themes_pct": {
            "work_environment": 50.0,
            "legal_requirements": 0.0,
            "finances": 25.0,
            "neglect": 25.0,
            "criminal_offences": 0.0,
            "internal_rules": 0.0,
            "citizen_service": 0.0,
            "public_health": 0.0,
            "data_protection": 0.0,
            "environmental_hazard": 0.0,
            "other": 0.0,
        },
    },
}


def test_every_figure_of_the_year_matches_the_hand_worked_values(dataset):
    assert year_figures(2023).data == EXPECTED_2023


def test_the_json_command_prints_exactly_that_structure(dataset):
    out = StringIO()
    call_command("beretning_stats", year=2023, format="json", stdout=out)
    printed = json.loads(out.getvalue())
    assert printed == EXPECTED_2023
    assert list(printed) == list(EXPECTED_2023)  # key order as in DOMAIN §6


def test_half_away_from_zero_where_bankers_rounding_would_go_down():
    # Exact halves where Python's round() (banker's: to the even digit) goes down. 16 complaints
    # closed in report year 2023: one upheld after 4 days, fifteen not upheld the same day.
    case(D(2023, 5, 1), D(2023, 5, 5), "telephone", outcome="upheld")
    for _ in range(15):
        case(D(2023, 5, 1), D(2023, 5, 1), "telephone", outcome="not_upheld")
    data = year_figures(2023).data
    assert data["upheld_pct"] == 6.3  # 1 / 16 = 6.25 %; round() would give 6.2
    assert data["avg_processing_days"]["cases"] == 0.3  # 4 / 16 = 0.25 days; round() would give 0.2


def test_empty_denominators_are_null_even_when_there_is_data():
    # Every share has cases around it, but none in its denominator.
    case(D(2023, 5, 1), D(2023, 5, 6), "advice", outcome="not_assessed")  # closed, 5 days
    Consultation.objects.create(
        case_number="2023-0000900",
        kind="teaching",
        channel="meeting",
        topic="x",
        received_on=D(2023, 5, 1),
        closed_on=D(2023, 5, 1),
        participants=10,
        state="closed",
    )
    Report.objects.create(reference="WB-T-0", received_on=D(2023, 2, 1), channel="portal")  # no matters
    data = year_figures(2023, today=D(2026, 11, 23)).data
    # The teaching case is not of kind consultation: no consultation closed, no mean.
    assert data["avg_processing_days"] == {"cases": 5.0, "consultations": None}
    assert data["upheld_pct"] is None  # not_assessed is outside (upheld + partly + not upheld)
    assert data["solved_pct"] is None  # advice is not a handled track
    assert data["satisfaction"] == {"responses": 0, "satisfied_pct": None, "dissatisfied_pct": None}
    assert data["whistleblower"]["reports"] == 1 and data["whistleblower"]["matters"] == 0
    assert list(data["whistleblower"]["themes_pct"].values()) == [None] * 11


def test_the_table_format_reads_as_the_report(dataset):
    out = StringIO()
    call_command("beretning_stats", year=2023, format="table", stdout=out)
    text = out.getvalue()
    assert "Klager og andre henvendelser samt tilsyn 9" in text
    assert "36,3 dage" in text
    assert "Arbejdsmiljø og sikkerhed 50,0 %" in text
    assert "I alt 13" in text


def bulk_complaints(n):
    Complaint.objects.bulk_create(
        Complaint(
            case_number=f"2023-{i + 1:07d}",
            kind="complaint",
            channel="phone",
            department=department("SOF"),
            received_on=D(2023, 5, 1),
            closed_on=D(2023, 6, 1),
            state="closed",
            track="telephone",
            outcome="upheld",
            solved="solved",
            public_token=f"t{i}",
        )
        for i in range(n)
    )


def test_query_count_of_the_year_is_the_same_at_100_and_10000_complaints():
    bulk_complaints(100)
    with CaptureQueriesContext(connection) as small:
        year_figures(2023)
    Complaint.objects.all().delete()
    bulk_complaints(10_000)
    with CaptureQueriesContext(connection) as large:
        figures = year_figures(2023)
    assert figures.data["telephone_resolved"] == 10_000
    assert len(small.captured_queries) == len(large.captured_queries) <= 8


def test_supervision_kinds_counted_as_own_initiative():
    # One supervision of each kind, all opened and closed in report year 2023: only the
    # concrete one (from a complaint) is not own-initiative.
    source = case(D(2023, 4, 20), D(2023, 9, 1), "supervision", outcome="upheld")
    for kind in ("concrete", "own_initiative_case", "own_initiative_general", "inspection"):
        SupervisionFactory(
            kind=kind,
            source_complaint=source if kind == "concrete" else None,
            opened_on=D(2023, 5, 1),
            state="closed",
            conclusion="criticism",
            concluded_on=D(2023, 8, 1),
            closed_on=D(2023, 9, 1),
        )
    data = year_figures(2023).data
    assert data["efforts"]["own_initiative_supervision"] == 3
    assert data["inquiries"]["complaints_inquiries_supervisions"] == 1 + 3  # the complaint + 3 opened


# --- whistleblower figures only for periods that have ended (DOMAIN §5, §6) ----------------

WB_2023_RELEASED = EXPECTED_2023["whistleblower"]
NULL_THEMES = dict.fromkeys(WB_2023_RELEASED["themes_pct"])


def test_a_running_calendar_year_has_no_whistleblower_counts(dataset):
    data = year_figures(2023, today=D(2023, 11, 23)).data
    assert data["whistleblower"] == {
        "calendar_year": 2023,
        "reports": None,
        "matters": None,
        "reports_previous_year": 1,  # R3: 2022 is over
        "next_year_q1": {"reports": None, "matters": None},
        "themes_pct": NULL_THEMES,
    }
    # Nothing else depends on the date.
    assert {k: v for k, v in data.items() if k != "whistleblower"} == {
        k: v for k, v in EXPECTED_2023.items() if k != "whistleblower"
    }


def test_the_calendar_year_is_counted_from_1_january(dataset):
    on_31_december = year_figures(2023, today=D(2023, 12, 31)).data["whistleblower"]
    on_1_january = year_figures(2023, today=D(2024, 1, 1)).data["whistleblower"]
    assert on_31_december["reports"] is None and on_31_december["matters"] is None
    assert on_31_december["themes_pct"] == NULL_THEMES
    assert on_1_january["reports"] == 2  # R1 R2
    assert on_1_january["matters"] == 4
    assert on_1_january["themes_pct"]["work_environment"] == 50.0
    assert on_1_january["next_year_q1"] == {"reports": None, "matters": None}  # Q1 2024 runs


def test_the_previous_year_is_counted_only_once_it_has_ended(dataset):
    # Report year 2024's previous calendar year is 2023: R1 R2.
    assert year_figures(2024, today=D(2023, 12, 31)).data["whistleblower"]["reports_previous_year"] is None
    assert year_figures(2024, today=D(2024, 1, 1)).data["whistleblower"]["reports_previous_year"] == 2


@pytest.mark.parametrize(
    ("utc_moment", "expected"),
    [
        # 23:30 on 31 March in Copenhagen (CEST, UTC+2), though UTC says 21:30
        (dt.datetime(2024, 3, 31, 21, 30, tzinfo=dt.UTC), {"reports": None, "matters": None}),
        # 00:30 on 1 April in Copenhagen, though UTC still says 31 March
        (dt.datetime(2024, 3, 31, 22, 30, tzinfo=dt.UTC), {"reports": 1, "matters": 2}),  # R4
    ],
)
def test_next_year_q1_is_counted_after_31_march_copenhagen_time(dataset, utc_moment, expected):
    with time_machine.travel(utc_moment, tick=False):
        data = year_figures(2023).data
    assert data["whistleblower"]["next_year_q1"] == expected
    assert data["whistleblower"]["reports"] == 2  # 2023 is over on both sides


def test_a_running_year_asks_the_whistleblower_tables_nothing_it_does_not_show(dataset):
    with CaptureQueriesContext(connection) as running:
        year_figures(2023, today=D(2023, 11, 23))
    with CaptureQueriesContext(connection) as finished:
        year_figures(2023, today=D(2024, 4, 1))
    matters_table = Matter._meta.db_table
    assert not [q for q in running.captured_queries if matters_table in q["sql"]]
    assert [q for q in finished.captured_queries if matters_table in q["sql"]]


def test_query_count_of_a_running_year_is_the_same_at_100_and_10000_complaints():
    today = D(2023, 11, 23)
    bulk_complaints(100)
    with CaptureQueriesContext(connection) as small:
        year_figures(2023, today=today)
    Complaint.objects.all().delete()
    bulk_complaints(10_000)
    with CaptureQueriesContext(connection) as large:
        year_figures(2023, today=today)
    assert len(small.captured_queries) == len(large.captured_queries) <= 8

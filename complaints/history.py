"""Demo history: report years 2019 to the latest finished one, bulk-created as imported
records. Report year 2023 reproduces the published figures exactly (worked out below); the
other years vary around them. Used by ``seed_demo`` only.
"""

import datetime as dt
from collections import defaultdict

from core.models import Department
from core.numbering import reserve_case_numbers

from .models import CaseEvent, Complaint, ComplaintPoint, Consultation, Theme, new_public_token

FINAL = {"advice": "advised", "forwarded": "forwarded", "rejected": "rejected"}
HANDLED = ("telephone", "written", "mediation", "supervision")

# Report year 2023 — 900 counted complaints and inquiries received (+ 12 own-initiative
# supervisions opened = 912), all closed within the year:
#   telephone 194 (the published "194 solved by telephone"), written 260, mediation 10,
#   supervision 6, advice 190, forwarded 100, rejected 140  → 900.
# Of the 470 handled ones, 400 are complaints with an assessment: 150 upheld + 94 partly,
# 156 not upheld → 244 / 400 = 61.0 % upheld. The 430 others are not assessed.
# Processing days sum to 15,570 → 15,570 / 900 = 17.3 days.
# Survey: 250 answers, 205 satisfied (82.0 %), 10 dissatisfied (4.0 %).
# Discrimination (received): disability 9, origin 9, gender 6, sexual orientation 1, age 3,
# religion 2, other 1 (→ "other" 6) = 31.
# Consultations 131 (their days sum to 1,074 → 8.2) and teaching 7 → 138; in all 1,050.
PUBLISHED_2023 = {
    "tracks": {
        "telephone": 194,
        "written": 260,
        "mediation": 10,
        "supervision": 6,
        "advice": 190,
        "forwarded": 100,
        "rejected": 140,
    },
    "assessed": {"upheld": 150, "partly_upheld": 94, "not_upheld": 156},
    "days_total": 15_570,
    "survey": {"satisfied": 205, "neutral": 35, "dissatisfied": 10},
    "discrimination": {
        "disability": 9,
        "origin": 9,
        "gender": 6,
        "sexual_orientation": 1,
        "age": 3,
        "religion_belief": 2,
        "other": 1,
    },
    "consultations": 131,
    "consultation_days_total": 1_074,
    "teaching": 7,
    "digital_form_forwarded": 45,
}


def _spread_days(rng, n: int, total: int, low: int, high: int) -> list[int]:
    """n whole numbers in [low, high] summing exactly to total."""
    days = [rng.randint(low, high) for _ in range(n)]
    diff = total - sum(days)
    step = 1 if diff > 0 else -1
    while diff:
        i = rng.randrange(n)
        if low <= days[i] + step <= high:
            days[i] += step
            diff -= step
    return days


def _year_plan(rng, year: int) -> dict:
    if year == 2023:
        return PUBLISHED_2023
    scale = {2019: 0.84, 2020: 0.88, 2021: 0.93, 2022: 0.97, 2024: 1.03, 2025: 1.06}.get(year, 1.0)
    base = PUBLISHED_2023

    def s(n):
        return max(0, round(n * scale * rng.uniform(0.95, 1.05)))

    tracks = {t: s(n) for t, n in base["tracks"].items()}
    handled = sum(tracks[t] for t in HANDLED)
    assessed_n = min(handled, s(400))
    upheld = round(assessed_n * rng.uniform(0.55, 0.66))
    partly = round(upheld * 0.38)
    survey_n = s(250)
    return {
        "tracks": tracks,
        "assessed": {"upheld": upheld - partly, "partly_upheld": partly, "not_upheld": assessed_n - upheld},
        "days_total": round(sum(tracks.values()) * rng.uniform(15.5, 19.5)),
        "survey": {
            "satisfied": round(survey_n * 0.8),
            "neutral": survey_n - round(survey_n * 0.8) - 8,
            "dissatisfied": 8,
        },
        "discrimination": {g: s(n) for g, n in base["discrimination"].items()},
        "consultations": s(131),
        "consultation_days_total": round(s(131) * rng.uniform(7, 10)),
        "teaching": s(7),
        "digital_form_forwarded": s(45),
    }


def seed_history(*, rng, years) -> str:
    if Complaint.objects.filter(case_number__startswith="2023-").exists():
        return "history already present"
    departments = list(Department.objects.order_by("position"))
    weights = [4, 3, 6, 7, 6, 9, 5]  # SOF, SUF and BUF receive the most complaints
    themes = list(Theme.objects.exclude(code="discrimination"))
    complaints, consultations, points_for = [], [], []
    numbers = defaultdict(lambda: 60_000)  # per year; the live series continues after them

    def case_number(received):
        numbers[received.year] += 1
        return f"{received.year}-{numbers[received.year]:07d}"

    for year in years:
        plan = _year_plan(rng, year)
        start, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
        specs = []
        for track, n in plan["tracks"].items():
            specs += [{"track": track} for _ in range(n)]
        # Outcomes: the first handled cases are assessed complaints, the rest inquiries.
        handled = [sp for sp in specs if sp["track"] in HANDLED]
        outcomes = [o for o, n in plan["assessed"].items() for _ in range(n)]
        for sp, outcome in zip(handled, outcomes, strict=False):
            sp.update(kind="complaint", outcome=outcome)
        for sp in handled[len(outcomes) :]:
            sp.update(kind="inquiry", outcome="not_assessed")
        for sp in specs:
            if "kind" not in sp:
                sp["kind"] = "inquiry" if sp["track"] == "advice" and rng.random() < 0.85 else "complaint"
                sp["outcome"] = "not_assessed"
            if sp["track"] in HANDLED:
                sp["solved"] = rng.choices(["solved", "partly_solved", "not_solved"], [70, 15, 15])[0]
        rng.shuffle(specs)
        answers = [a for a, n in plan["survey"].items() for _ in range(n)]
        grounds = [g for g, n in plan["discrimination"].items() for _ in range(n)]
        for sp, answer in zip(specs, answers, strict=False):
            sp["satisfaction"] = answer
        for sp, ground in zip(reversed(specs), grounds, strict=False):
            sp["discrimination_ground"] = ground
        days = _spread_days(rng, len(specs), plan["days_total"], 0, 90)
        for sp, d in zip(specs, days, strict=True):
            received = start + dt.timedelta(days=rng.randint(0, (end - start).days - d))
            complaints.append(
                Complaint(
                    # A digital-form case closed as forwarded is not a counted complaint: those
                    # are made below, apart, so that the counted ones add up to the published 900.
                    case_number=case_number(received),
                    kind=sp["kind"],
                    channel=rng.choice(
                        ["phone", "phone", "email", "letter", "in_person"]
                        + (["digital_form"] if sp["track"] != "forwarded" else [])
                    ),
                    requester=rng.choices(["citizen", "representative", "company"], [85, 12, 3])[0],
                    department=rng.choices(departments, weights)[0],
                    received_on=received,
                    closed_on=received + dt.timedelta(days=d),
                    track=sp["track"],
                    state=FINAL.get(sp["track"], "closed"),
                    outcome=sp["outcome"],
                    solved=sp.get("solved", ""),
                    satisfaction=sp.get("satisfaction", ""),
                    discrimination_ground=sp.get("discrimination_ground", ""),
                    department_admitted_error=rng.random() < 0.5 if sp["track"] in HANDLED else None,
                    legality_error=rng.random() < 0.08 if sp["track"] in HANDLED else None,
                    public_token=new_public_token(),
                )
            )
            points_for.append(rng.choice(themes) if sp["kind"] == "complaint" else None)
        for _ in range(plan["digital_form_forwarded"]):
            received = start + dt.timedelta(days=rng.randint(0, (end - start).days - 5))
            complaints.append(
                Complaint(
                    case_number=case_number(received),
                    kind="complaint",
                    channel="digital_form",
                    department=rng.choices(departments, weights)[0],
                    received_on=received,
                    closed_on=received + dt.timedelta(days=rng.randint(0, 5)),
                    track="forwarded",
                    state="forwarded",
                    outcome="not_assessed",
                    public_token=new_public_token(),
                )
            )
            points_for.append(rng.choice(themes))
        consultation_days = _spread_days(rng, plan["consultations"], plan["consultation_days_total"], 0, 30)
        for kind, d in [("consultation", d) for d in consultation_days] + [("teaching", 0)] * plan[
            "teaching"
        ]:
            received = start + dt.timedelta(days=rng.randint(0, (end - start).days - d))
            consultations.append(
                Consultation(
                    case_number=case_number(received),
                    kind=kind,
                    channel=rng.choice(["line", "line", "phone", "written", "meeting"]),
                    department=rng.choice(departments),
                    topic="Konsultativ bistand"
                    if kind == "consultation"
                    else "Undervisning i forvaltningsret",
                    participants=rng.randint(10, 45) if kind == "teaching" else None,
                    received_on=received,
                    closed_on=received + dt.timedelta(days=d),
                    state="closed",
                )
            )
    created = Complaint.objects.bulk_create(complaints, batch_size=2000)
    Consultation.objects.bulk_create(consultations, batch_size=2000)
    ComplaintPoint.objects.bulk_create(
        [
            ComplaintPoint(complaint=c, theme=t, assessment="not_assessed")
            for c, t in zip(created, points_for, strict=True)
            if t
        ],
        batch_size=2000,
    )
    CaseEvent.objects.bulk_create(
        [
            CaseEvent(
                complaint=c,
                action="imported",
                to_state=c.state,
                note="Importeret fra det gamle statistiksystem.",
            )
            for c in created
        ],
        batch_size=2000,
    )
    for year, last in numbers.items():
        reserve_case_numbers(year, last)
    return f"{len(created)} historical cases and {len(consultations)} consultations ({years[0]}–{years[-1]})"


def seed(*, rng) -> str:
    from core.periods import latest_finished_report_year

    return seed_history(rng=rng, years=list(range(2019, latest_finished_report_year() + 1)))

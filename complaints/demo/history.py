"""Demo history: report years 2019 to the latest finished one, bulk-created as imported
records. Report year 2023 reproduces the published figures exactly (worked out below), and
2022 what the report says of it (28 % more complaints than 2021, 65 % upheld); the other
years vary around them. Used by ``seed_demo`` only.
"""

import datetime as dt
from collections import defaultdict

from consultations.models import Consultation
from core.models import Department
from core.numbering import reserve_case_numbers
from core.periods import latest_finished_report_year
from core.workdays import WorkingCalendar

from ..models import (
    CaseEvent,
    Complaint,
    ComplaintPoint,
    MediationRound,
    Theme,
    new_public_token,
    reply_due,
)

FINAL = {"advice": "advised", "forwarded": "forwarded", "rejected": "rejected"}
HANDLED = ("telephone", "written", "mediation", "supervision")

# Report year 2023 — 900 counted complaints and inquiries received (+ 12 own-initiative
# supervisions opened = 912), all closed within the year:
#   telephone 194 (the published "194 solved by telephone"), written 260, mediation 10,
#   supervision 6, advice 190, forwarded 100, rejected 140  → 900.
# Of the 470 handled ones, 400 are complaints with an assessment: 150 upheld + 94 partly,
# 156 not upheld → 244 / 400 = 61.0 % upheld. The 430 others are not assessed.
# Solved ("Løst eller delvist løst", "mere end 90 %"): of the 470 handled, 340 solved + 92
# partly solved, 38 not solved → 432 / 470 = 91.9 %. Not solved falls only on cases that were
# not upheld or not assessed.
# Legality ("i knap halvdelen af sagerne … fejl, som kunne have betydning for lovligheden"):
# 117 of the 244 upheld or partly upheld → 117 / 244 = 47.95 → 48.0 %.
# Kind: the 400 assessed, forwarded 100, rejected 140 and 28 of the 190 advice cases are
# complaints (668); the other 232 are inquiries. 668 is the base of the year trend below.
# Processing days sum to 15,570 → 15,570 / 900 = 17.3 days.
# Survey: 250 answers, 205 satisfied (82.0 %), 10 dissatisfied (4.0 %).
# Discrimination (received): disability 9, origin 9, gender 6, sexual orientation 1, age 3,
# religion 2, other 1 (→ "other" 6) = 31.
# Consultations 131 (their days sum to 1,074 → 8.2) and teaching 7 → 138; in all 1,050.
# Digital complaint form, closed as forwarded: "skønsmæssigt opgjort til 90 sager" (not
# counted: the 912 stays).
# General problems: the report's own cases where one complaint revealed an error hitting many
# (SYSTEMIC_2023); supervision.demo adds the one supervision of that kind.
# Shuttle contacts (pendulmægling): no count is published ("anvendes i vid udstrækning"); 60
# handled cases with two to four contacts each.
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
    "advice_complaints": 28,
    "solved": {"solved": 340, "partly_solved": 92, "not_solved": 38},
    "legality_errors": 117,
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
    "digital_form_forwarded": 90,
    "shuttle_cases": 60,
}

# Complaints that revealed a general problem in report year 2023, after the report's examples
# (texts in our own words). Where the report gives no number, there is no estimate.
SYSTEMIC_2023 = [
    {
        # "Egenbetaling (systemdelen)": about 680 decisions reopened (2023-0403288).
        "department": "SOF",
        "citizens_affected": 680,
        "it_system": "Opkrævningssystem for egenbetaling på botilbud",
        "department_explanation": (
            "Beregningen af egenbetalingen blev ikke opdateret, da det vejledende rådighedsbeløb "
            "blev ændret fra 2021. Forvaltningen genoptager omkring 680 afgørelser og retter "
            "alle opkrævninger."
        ),
        "legality_error": True,
    },
    {
        # "Når it-systemet lader boligsøgende vente på tomme boliger": about 200 citizens.
        "department": "SOF",
        "citizens_affected": 200,
        "it_system": "Nyt boliganvisningssystem",
        "department_explanation": (
            "Under indførelsen af det nye system var adgangen begrænset i omkring to måneder, og "
            "ingen på ventelisten kunne få anvist en bolig i den periode."
        ),
        "legality_error": False,
    },
    {
        # "Systemet virker, når man omgår det": "et større antal borgere", no number.
        "department": "SOF",
        "citizens_affected": None,
        "it_system": "Faktureringssystem for ophold på botilbud",
        "department_explanation": (
            "Systemet sender opkrævningen til borgerens digitale postkasse og ikke til værgen; "
            "først rykkeren når værgen. Leverandøren er bedt om at rette fejlen, og rykkergebyrer "
            "betales tilbage."
        ),
        "legality_error": False,
    },
    {
        # "De hjemløse må lægge til side": no number either.
        "department": "SOF",
        "citizens_affected": None,
        "it_system": "Opkrævningssystem for egenbetaling på herberger",
        "department_explanation": (
            "Egenbetalingen for ophold på herberg opkræves op til to måneder for sent, fordi "
            "oplysningerne går gennem flere enheder og systemer. Faktureringen lægges om."
        ),
        "legality_error": False,
    },
]
# The kind of general problem found in other years (estimates vary from year to year).
SYSTEMIC_OTHER = [
    {
        "department": "BIF",
        "citizens_affected": 400,
        "it_system": "Kommunernes Ydelsessystem (KY)",
        "department_explanation": (
            "En flettekode i et standardbrev blev ikke udfyldt, så brevet ikke nævnte, hvilken "
            "ydelse det handlede om."
        ),
        "legality_error": True,
    },
    {
        "department": "SUF",
        "citizens_affected": 900,
        "it_system": "Betalingsoversigter for plejehjem",
        "department_explanation": (
            "Oversigterne viste ikke, hvad beboeren betalte for, eller hvilken periode beløbet dækkede."
        ),
        "legality_error": False,
    },
    {
        "department": "BUF",
        "citizens_affected": 120,
        "it_system": "Pladsanvisningssystem",
        "department_explanation": (
            "Efter en opdatering blev ventelisten sorteret forkert, så nogle børn fik tilbudt plads for sent."
        ),
        "legality_error": True,
    },
    {
        "department": "TMF",
        "citizens_affected": 250,
        "it_system": "Selvbetjening for beboerlicenser",
        "department_explanation": (
            "Påmindelsen om fornyelse blev ikke sendt, så licenser udløb uden varsel."
        ),
        "legality_error": False,
    },
    {
        "department": "ØKF",
        "citizens_affected": None,
        "it_system": "Digital selvbetjening",
        "department_explanation": (
            "Ansøgninger sendt fra en mobiltelefon fik ingen kvittering, og nogle blev ikke journaliseret."
        ),
        "legality_error": True,
    },
]

# Complaints per report year, relative to 2023 (668 complaints, 900 counted cases). The
# report: "I forrige beretningsår steg antallet … med 28 %, og hele 65 % fik medhold"; 2023
# fell again, "ikke helt til niveauet fra 2021". So 2022 = 2021 × 1.28 (0.86 × 1.28 = 1.1008:
# 574 → 735 complaints, 774 → 991 counted cases), 2021 < 2023 < 2022, and 2022's upheld share
# is 65 %. The other years are not published.
SCALE = {2019: 0.80, 2020: 0.83, 2021: 0.86, 2022: 0.86 * 1.28, 2024: 0.97, 2025: 1.0}
UPHELD_SHARE = {2022: 0.65}


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


def complaints_in(plan: dict) -> int:
    """How many of a year's counted cases are of kind complaint (the trend's unit)."""
    t = plan["tracks"]
    return sum(plan["assessed"].values()) + t["forwarded"] + t["rejected"] + plan["advice_complaints"]


def _year_plan(rng, year: int) -> dict:
    if year == 2023:
        return {**PUBLISHED_2023, "systemic": SYSTEMIC_2023}
    scale = SCALE.get(year, 1.0)
    base = PUBLISHED_2023

    def s(n):
        return max(0, round(n * scale * rng.uniform(0.95, 1.05)))

    tracks = {t: s(n) for t, n in base["tracks"].items()}
    assessed_n = min(sum(tracks[t] for t in HANDLED), s(400))
    upheld = round(assessed_n * UPHELD_SHARE.get(year, rng.uniform(0.55, 0.62)))
    partly = round(upheld * 0.38)
    survey_n = s(250)
    plan = {
        "tracks": tracks,
        "assessed": {"upheld": upheld - partly, "partly_upheld": partly, "not_upheld": assessed_n - upheld},
        "advice_complaints": round(tracks["advice"] * 0.15),
        "legality_errors": round(upheld * rng.uniform(0.44, 0.50)),
        "survey": {
            "satisfied": round(survey_n * 0.8),
            "neutral": survey_n - round(survey_n * 0.8) - 8,
            "dissatisfied": 8,
        },
        "discrimination": {g: s(n) for g, n in base["discrimination"].items()},
        "consultations": s(131),
        "consultation_days_total": round(s(131) * rng.uniform(7, 10)),
        "teaching": s(7),
        "digital_form_forwarded": s(90),
        "shuttle_cases": s(60),
    }
    # The mix of tracks varies, but the trend is exact in both the complaints and all counted
    # cases ("henvendelser fra utilfredse borgere"): the rejected ones (all complaints) take up
    # the difference in complaints, then the advice ones beyond its complaints (inquiries) the
    # difference in the total — a few dozen each at most.
    tracks["rejected"] += round(complaints_in(base) * scale) - complaints_in(plan)
    tracks["advice"] += round(sum(base["tracks"].values()) * scale) - sum(tracks.values())
    handled = sum(tracks[t] for t in HANDLED)
    not_solved = round(handled * rng.uniform(0.07, 0.11))
    partly_solved = round(handled * rng.uniform(0.15, 0.22))
    plan["solved"] = {
        "solved": handled - partly_solved - not_solved,
        "partly_solved": partly_solved,
        "not_solved": not_solved,
    }
    plan["days_total"] = round(sum(tracks.values()) * rng.uniform(15.5, 19.5))
    plan["systemic"] = [
        {
            **case,
            "citizens_affected": None
            if case["citizens_affected"] is None
            else round(case["citizens_affected"] * rng.uniform(0.5, 1.5)),
        }
        for case in rng.sample(SYSTEMIC_OTHER, rng.randint(1, 3))
    ]
    return plan


def _assign_closure(rng, handled: list[dict], plan: dict, systemic: list[dict]) -> None:
    """Give the handled cases of a year exactly the plan's solved counts, legality errors and
    general problems. Not solved falls only on cases not upheld or not assessed; legality
    errors and general problems only on upheld or partly upheld complaints."""
    counts = plan["solved"]
    unfavourable = [sp for sp in handled if sp["outcome"] in ("not_upheld", "not_assessed")]
    for sp in rng.sample(unfavourable, counts["not_solved"]):
        sp["solved"] = "not_solved"
    rest = [sp for sp in handled if "solved" not in sp]
    values = ["solved"] * counts["solved"] + ["partly_solved"] * counts["partly_solved"]
    rng.shuffle(values)
    for sp, value in zip(rest, values, strict=True):
        sp["solved"] = value
    for sp in handled:
        sp["legality_error"] = False
    upheld = [sp for sp in handled if sp["outcome"] in ("upheld", "partly_upheld")]
    for sp, case in zip(rng.sample(upheld, len(systemic)), systemic, strict=True):
        sp["systemic"] = case
        sp["legality_error"] = case["legality_error"]
    left = plan["legality_errors"] - sum(sp["legality_error"] for sp in upheld)
    for sp in rng.sample([sp for sp in upheld if "systemic" not in sp], left):
        sp["legality_error"] = True


SHUTTLE = {
    "department": [
        "Ringede til forvaltningen og drøftede, hvordan sagen kan løses.",
        "Forvaltningen oplyste, at sagen behandles i denne uge.",
        "Bad forvaltningen om at sende borgeren et svar.",
    ],
    "citizen": [
        "Gav borgeren forvaltningens svar videre.",
        "Borgeren kan godt acceptere forvaltningens forslag.",
        "Borgeren har fået svar og er tilfreds.",
    ],
}


def seed_history(*, rng, years) -> str:
    if Complaint.objects.filter(case_number__startswith="2023-").exists():
        return "history already present"
    departments = list(Department.objects.order_by("position"))
    by_code = {d.code: d for d in departments}
    weights = [4, 3, 6, 7, 6, 9, 5]  # SOF, SUF and BUF receive the most complaints
    themes = list(Theme.objects.exclude(code="discrimination"))
    complaints, consultations, points_for = [], [], []
    shuttle = []  # (index in complaints, party, held_on, summary)
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
        advice = [sp for sp in specs if sp["track"] == "advice"]
        for sp in advice:
            sp.update(kind="inquiry", outcome="not_assessed")
        for sp in rng.sample(advice, plan["advice_complaints"]):
            sp["kind"] = "complaint"
        for sp in specs:
            if "kind" not in sp:
                sp.update(kind="complaint", outcome="not_assessed")
        _assign_closure(rng, handled, plan, plan["systemic"])
        # Shuttle contacts happen on cases the Borgerrådgiver works on by telephone or in writing.
        for sp in rng.sample(
            [sp for sp in handled if sp["track"] in ("telephone", "written")], plan["shuttle_cases"]
        ):
            sp["shuttle"] = rng.randint(2, 4)
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
            systemic = sp.get("systemic") or {}
            complaint = Complaint(
                # A digital-form case closed as forwarded is not a counted complaint: those
                # are made below, apart, so that the counted ones add up to the published 900.
                case_number=case_number(received),
                kind=sp["kind"],
                channel=rng.choice(
                    ["phone", "phone", "email", "letter", "in_person"]
                    + (["digital_form"] if sp["track"] != "forwarded" else [])
                ),
                requester=rng.choices(["citizen", "representative", "company"], [85, 12, 3])[0],
                department=by_code[systemic["department"]]
                if systemic
                else rng.choices(departments, weights)[0],
                received_on=received,
                closed_on=received + dt.timedelta(days=d),
                track=sp["track"],
                state=FINAL.get(sp["track"], "closed"),
                outcome=sp["outcome"],
                solved=sp.get("solved", ""),
                satisfaction=sp.get("satisfaction", ""),
                discrimination_ground=sp.get("discrimination_ground", ""),
                department_admitted_error=rng.random() < 0.5 if sp["track"] in HANDLED else None,
                legality_error=sp.get("legality_error"),
                general_problem=bool(systemic),
                citizens_affected=systemic.get("citizens_affected"),
                it_system=systemic.get("it_system", ""),
                department_explanation=systemic.get("department_explanation", ""),
                public_token=new_public_token(),
            )
            complaints.append(complaint)
            points_for.append(rng.choice(themes) if sp["kind"] == "complaint" else None)
            # Alternating contacts, department first, between the case's first and last day.
            contacts = sorted(rng.randint(0, d) for _ in range(sp.get("shuttle", 0)))
            for i, offset in enumerate(contacts):
                party = "department" if i % 2 == 0 else "citizen"
                shuttle.append(
                    (
                        len(complaints) - 1,
                        party,
                        received + dt.timedelta(days=offset),
                        rng.choice(SHUTTLE[party]),
                    )
                )
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
    calendar = WorkingCalendar.load()
    for complaint in complaints:
        complaint.reply_due_on = reply_due(complaint.received_on, complaint.channel, calendar)
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
    MediationRound.objects.bulk_create(
        [
            MediationRound(complaint=created[i], party=party, held_on=held_on, summary=summary)
            for i, party, held_on, summary in shuttle
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
    return seed_history(rng=rng, years=list(range(2019, latest_finished_report_year() + 1)))

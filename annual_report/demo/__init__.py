"""Demo edition of the yearly report for report year 2023, for ``make run``: the published
Beretning 2023's structure — foreword, four chapters with its nineteen sections, the figures
placed where they belong, fact boxes, five recommendations (with the departments' comments as
their own document), nine examples, results in two categories, the findings of the courses
investigation — in the project's own words (``texts/``: the published report's facts, never
its sentences).

The history (``complaints.demo.history``, ``supervision.demo.seed_history``) already holds the
year's cases; a few of them are given the case numbers the report prints, so that examples and
results refer to real records. Only numbers, titles, departments of supervisions and the
candidate flag change — nothing any figure counts.
"""

import datetime as dt
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db.models import Q

from complaints.models import Complaint
from consultations.models import Consultation
from core.models import Department
from core.numbering import reserve_case_numbers
from supervision.models import Finding, Supervision

from .. import services
from ..models import Edition

YEAR = 2023


def _renumber(queryset, number: str, **changes):
    """Give the first record of ``queryset`` the case number the report prints (if it was
    received in that number's year; otherwise it keeps its own) and ``changes``."""
    record = queryset.first()
    if record is None:
        return None
    received = getattr(record, "received_on", None) or record.opened_on
    year, serial = number.split("-")
    if received.year == int(year):
        record.case_number = number
        reserve_case_numbers(int(year), int(serial))
    for name, value in changes.items():
        setattr(record, name, value)
    record.save(update_fields=["case_number", *changes])
    return record


def _cases(deps):
    """The records the report refers to, by the number the report prints."""
    in_year = Q(received_on__gte=dt.date(YEAR, 4, 1), received_on__lte=dt.date(YEAR + 1, 3, 31))
    history = Complaint.objects.filter(in_year, case_number__regex=r"-006\d{4}$", kind="complaint").order_by(
        "pk"
    )
    supervisions = Supervision.objects.filter(
        opened_on__gte=dt.date(YEAR, 4, 1),
        opened_on__lte=dt.date(YEAR + 1, 3, 31),
        case_number__contains="-009",
    ).order_by("opened_on", "pk")
    older = Supervision.objects.filter(opened_on__lt=dt.date(2022, 4, 1), case_number__contains="-009")
    consultations = Consultation.objects.filter(
        in_year, kind="consultation", case_number__regex=r"-006\d{4}$"
    )

    def complaint(number, code, it_system="", **filters):
        # The report's examples are the history's complaints that revealed a general problem.
        queryset = (
            history.filter(it_system=it_system)
            if it_system
            else history.filter(department__code=code, **filters)
        )
        return _renumber(queryset, number, report_example=True)

    def supervision(number, title, codes, queryset=supervisions, kind="own_initiative_case"):
        used = [c.pk for c in cases.values() if isinstance(c, Supervision)]
        record = _renumber(
            queryset.exclude(pk__in=used).exclude(general_problem=True),
            number,
            title=title,
            kind=kind,
            report_example=True,
        )
        if record:
            record.departments.set([deps[c] for c in codes])
        return record

    def consultation(number, code, topic):
        used = [c.pk for c in cases.values() if isinstance(c, Consultation)]
        return _renumber(
            consultations.filter(received_on__year=int(number[:4])).exclude(pk__in=used).order_by("pk"),
            number,
            department=deps[code],
            topic=topic,
        )

    cases = {}
    cases["2023-0416717"] = complaint("2023-0416717", "SOF", it_system="Nyt boliganvisningssystem")
    # The payment overviews for nursing-home residents: a complaint of 2020 to SUF.
    cases["2020-0040291"] = _renumber(
        Complaint.objects.filter(received_on__year=2020, department__code="SUF", kind="complaint").order_by(
            "pk"
        ),
        "2020-0040291",
        report_example=True,
    )
    cases["2023-0349874"] = complaint(
        "2023-0349874", "SOF", it_system="Faktureringssystem for ophold på botilbud"
    )
    cases["2024-0013507"] = complaint(
        "2024-0013507", "SOF", it_system="Opkrævningssystem for egenbetaling på herberger"
    )
    cases["2023-0403288"] = complaint(
        "2023-0403288", "SOF", it_system="Opkrævningssystem for egenbetaling på botilbud"
    )
    cases["2024-0047517"] = complaint(
        "2024-0047517", "SOF", outcome="upheld", received_on__year=2024, it_system=""
    )
    cases["2023-0088685"] = complaint("2023-0088685", "TMF", outcome="partly_upheld", it_system="")
    # The KY letters: the history's 2023 supervision that revealed a general problem.
    cases["2023-0064470"] = _renumber(
        supervisions.filter(it_system="Kommunernes Ydelsessystem (KY)"), "2023-0064470", report_example=True
    )
    for number, title, codes, kind in [
        (
            "2023-0015046",
            "Opfølgning på Borgerrepræsentationens opfordring om samarbejde",
            list(deps),
            "own_initiative_general",
        ),
        ("2023-0015037", "Inspektion af et plejehjem for blinde og svagtseende", ["SUF"], "inspection"),
        ("2020-0167377", "Obligatoriske kurser i god sagsbehandling", list(deps), "own_initiative_general"),
    ]:
        cases[number] = supervision(number, title, codes, kind=kind)
    cases["2021-0144136"] = supervision(
        "2021-0144136",
        "Softwarerobotter og kunstig intelligens i sagsbehandlingen",
        list(deps),
        queryset=older,
        kind="own_initiative_general",
    )
    cases["2021-0029882"] = supervision(
        "2021-0029882", "Overgangen fra barn til voksen", ["SOF"], queryset=older
    )
    for number, code, topic in [
        ("2024-0035993", "SOF", "Svar på alle klagepunkter"),
        ("2023-0339698", "ØKF", "Whistleblowerordningen på intranettet"),
        ("2024-0023976", "SUF", "Beskeder om aftaler og tilbagemeldingsgaranti"),
        ("2023-0491742", "SUF", "Vederlagsfri fysioterapi"),
        ("2023-0323054", "KFF", "Fornyelse af pas"),
        ("2023-0312583", "KFF", "Fornyelse af pas"),
        ("2023-0157619", "SOF", "Leverandørers behandling af helbredsoplysninger"),
        ("2023-0470329", "BIF", "Partsrepræsentanters ret til at kommunikere"),
        ("2023-0259288", "SOF", "Aktindsigt for indsatte"),
    ]:
        cases[number] = consultation(number, code, topic)
    return {number: case for number, case in cases.items() if case is not None}


TEXTS = Path(__file__).parent / "texts"
CATEGORIES = {"tilsyn": "supervision", "klage": "complaint", "konsultativ bistand": "consultation"}


def _text(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8").strip()


def _entries(name: str) -> list[tuple[dict, str]]:
    """The entries of a text file: each starts with ``# heading`` and ``key: value`` lines, then
    a blank line and its body; entries are separated by a line ``---``."""
    entries = []
    for chunk in _text(name).split("\n---\n"):
        head, _blank, body = chunk.strip().partition("\n\n")
        lines = head.splitlines()
        fields = {"heading": lines[0].removeprefix("# ").strip()}
        for line in lines[1:]:
            key, _colon, value = line.partition(":")
            fields[key.strip()] = value.strip()
        entries.append((fields, body.strip()))
    return entries


def foreword() -> str:
    return _text("forord.md")


def chapters() -> list[tuple[str, str]]:
    """(heading, body) of the four chapters: the published report's nineteen sections, in the
    project's own words."""
    out = []
    for n in range(1, 5):
        first, _newline, body = _text(f"kapitel-{n}.md").partition("\n")
        out.append((first.removeprefix("# ").strip(), body.strip()))
    return out


def recommendations() -> list[tuple[int, str, str]]:
    out = []
    for fields, body in _entries("anbefalinger.md"):
        number, _dot, heading = fields["heading"].partition(". ")
        out.append((int(number), heading.strip(), body))
    return out


def department_comments() -> dict[int, dict[str, str]]:
    """The departments' comments on the recommendations: number → {department code: text}."""
    out: dict[int, dict[str, str]] = {}
    for fields, body in _entries("bemaerkninger.md"):
        number = int(fields["heading"].removeprefix("Anbefaling ").strip())
        out.setdefault(number, {})[fields["forvaltning"]] = body
    return out


def examples() -> list[dict]:
    """The nine examples: heading, category, the case numbers printed, departments, pull quote,
    narrative."""
    out = []
    for fields, body in _entries("eksempler.md"):
        departments = fields.get("forvaltninger", "")
        out.append(
            {
                "heading": fields["heading"],
                "category": CATEGORIES[fields["kategori"]],
                "numbers": [n.strip() for n in fields.get("sager", "").split(",") if n.strip()],
                "all_departments": departments == "alle",
                "departments": []
                if departments == "alle"
                else [c.strip() for c in departments.split(",") if c.strip()],
                "pull_quote": fields.get("citat", ""),
                "narrative": body,
            }
        )
    return out


RESULTS = [
    (
        "supervision",
        "Det er gjort synligt, hvor mange afgørelser om egenbetaling der skal genoptages.",
        ["2023-0403288"],
    ),
    ("supervision", "Flere tiltag skal gøre overgangen fra barn til voksen bedre.", ["2021-0029882"]),
    (
        "supervision",
        "Større opmærksomhed på at begrunde fristforlængelser og oplyse en forventet svardato.",
        ["2024-0047517"],
    ),
    ("supervision", "Mere åbenhed i visse byggesager.", ["2023-0088685"]),
    (
        "supervision",
        "Fristforlængelsesbreve sendes, når boligindstillinger tager længere tid.",
        ["2023-0015037"],
    ),
    (
        "supervision",
        "Borgernes rettigheder skal tænkes ind fra starten, når der udvikles robotter.",
        ["2021-0144136"],
    ),
    ("consultation", "Alle klagepunkter i borgernes henvendelser besvares.", ["2024-0035993"]),
    (
        "consultation",
        "Whistleblowerordningen nævnes, hvor intranettet omtaler krænkende adfærd.",
        ["2023-0339698"],
    ),
    (
        "consultation",
        "Et systemproblem, der gav misvisende beskeder om aftaler, er rettet.",
        ["2024-0023976"],
    ),
    (
        "consultation",
        "Det er tydeliggjort, hvilken enhed der behandler vederlagsfri fysioterapi.",
        ["2023-0491742"],
    ),
    (
        "consultation",
        "Opmærksomhed på behovet for at forny pas uden personligt fremmøde.",
        ["2023-0323054", "2023-0312583"],
    ),
    (
        "consultation",
        "Forvaltningens ansvar for leverandørers behandling af helbredsoplysninger.",
        ["2023-0157619"],
    ),
    ("consultation", "Partsrepræsentanters ret til at kommunikere på partens vegne.", ["2023-0470329"]),
    ("consultation", "Vidensdeling om aktindsigt for indsatte.", ["2023-0259288"]),
    ("consultation", "Mere viden om konfliktløsning.", []),
]

# The courses investigation: which departments meet the decision (Beretning 2023's table).
COURSES = {
    "ØKF": "meets",
    "KFF": "meets",
    "BUF": "partly_meets",
    "SUF": "meets",
    "BIF": "meets",
    "SOF": "partly_meets",
    "TMF": "partly_meets",
}


def add_structure(edition: Edition, by, *, comments: bool) -> None:
    """The chapters and the five recommendations (with the departments' comments, if
    ``comments``: a separate document, not printed in the report)."""
    for heading, body in chapters():
        services.chapter_save(edition=edition, by=by, chapter=None, heading=heading, body=body)
    deps = {d.code: d for d in Department.objects.all()}
    comments_by_number = department_comments() if comments else {}
    for number, heading, text in recommendations():
        services.recommendation_save(
            edition=edition,
            by=by,
            recommendation=None,
            number=number,
            heading=heading,
            text=text,
            all_departments=True,
            departments=[],
            comments={deps[code]: body for code, body in comments_by_number.get(number, {}).items()},
        )


def seed(*, rng) -> str:
    if Edition.objects.filter(year=YEAR).exists():
        return "demo edition already present"
    by = get_user_model().objects.filter(groups__name="secretariat").first()
    deps = {d.code: d for d in Department.objects.all()}
    cases = _cases(deps)
    courses = cases.get("2020-0167377")
    if courses is not None:
        courses.concluded_on = dt.date(YEAR + 1, 2, 15)
        courses.closed_on = dt.date(YEAR + 1, 3, 1)
        courses.save(update_fields=["concluded_on", "closed_on"])
        Finding.objects.bulk_create(
            Finding(supervision=courses, department=deps[code], value=value)
            for code, value in COURSES.items()
        )
    edition = Edition.objects.create(
        year=YEAR, title="Beretning", foreword=foreword(), publication_date=dt.date(2024, 5, 30)
    )
    add_structure(edition, by, comments=True)

    def numbers_of(printed):
        return ", ".join(cases[n].case_number for n in printed if n in cases)

    for example in examples():
        services.example_save(
            edition=edition,
            by=by,
            heading=example["heading"],
            category=example["category"],
            case_numbers=numbers_of(example["numbers"]),
            all_departments=example["all_departments"],
            departments=[deps[code] for code in example["departments"]],
            pull_quote=example["pull_quote"],
            narrative=example["narrative"],
        )
    for category, text, numbers in RESULTS:
        services.result_save(
            edition=edition,
            by=by,
            text=text,
            category=category,
            case_numbers=numbers_of(numbers),
            all_departments=not numbers,
            departments=[],
        )
    return f"edition {YEAR}: {len(chapters())} chapters, {len(examples())} examples, {len(RESULTS)} results"

"""Demo supervisions of every kind in different states, for `make run`."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from complaints.models import Complaint
from core.models import Department
from core.numbering import reserve_case_numbers
from core.periods import latest_finished_report_year

from .. import services
from ..models import Supervision

COURSE_FINDINGS = {
    "ØKF": "meets",
    "KFF": "meets",
    "SUF": "meets",
    "BIF": "meets",
    "BUF": "partly_meets",
    "SOF": "partly_meets",
    "TMF": "partly_meets",
}
# The report's own-initiative supervision whose one letter error may have reached "flere
# hundrede eller tusinde borgere" (2023-0064470, "Gradvis overgang til maskinel
# kommunikation"): one of report year 2023's supervisions, with the upper estimate.
KY_LETTERS = {
    "kind": "own_initiative_case",
    "title": "Systemgenererede breve om 225-timersreglen",
    "general_problem": True,
    "citizens_affected": 1000,
    "it_system": "Kommunernes Ydelsessystem (KY)",
    "department_explanation": (
        "Brevet er dannet automatisk ud fra leverandørens skabelon. Flettekoden for ydelsen blev "
        "ikke udfyldt, så borgerne fik et brev om deres ”ydelsesart” i stedet for fx "
        "kontanthjælp. Fejlen er meldt til leverandøren, og brevet er omskrevet."
    ),
}


def seed(*, rng) -> str:
    if Supervision.objects.filter(title="Obligatoriske kurser i forvaltningsret").exists():
        return "demo supervisions already present"
    User = get_user_model()
    head = User.objects.filter(groups__name="head").first()
    jurist = User.objects.filter(groups__name="jurist").first()
    if not head or not jurist:
        return "no head or jurist; skipped"
    today = timezone.localdate()
    depts = {d.code: d for d in Department.objects.all()}

    def days(n):
        return today - dt.timedelta(days=n)

    general = services.supervision_create(
        by=jurist,
        kind="own_initiative_general",
        title="Obligatoriske kurser i forvaltningsret",
        departments=list(depts.values()),
        committee_consulted_on=days(120),
        opened_on=days(110),
        summary="Undersøgelse af, om forvaltningerne lever op til beslutningen om obligatoriske kurser.",
    )
    services.supervision_transition(supervision=general, action="start_hearing", by=jurist)
    for code in depts:
        services.hearing_round_add(
            supervision=general,
            by=jurist,
            department=depts[code],
            questions="Hvordan sikrer forvaltningen, at nye medarbejdere gennemfører kurset?",
            sent_on=days(100),
            deadline=days(70),
        )
    # The report's table "FORVALTNINGERNES AKTUELLE EFTERLEVELSE AF BESLUTNINGEN": ØKF, KFF,
    # SUF and BIF "Opfylder"; BUF, SOF and TMF "Opfylder delvist" ("Tre forvaltninger efterlever
    # fortsat ikke beslutningen fuldt ud").
    for code, value in COURSE_FINDINGS.items():
        services.finding_set(supervision=general, by=jurist, department=depts[code], value=value)
    services.supervision_transition(supervision=general, action="send_draft", by=jurist)
    # A renewed formal request to the three, but no criticism (TMF's cover note: "Der bliver
    # ikke i beretningen udtalt kritik af Teknik- og Miljøforvaltningen").
    services.supervision_transition(
        supervision=general,
        action="conclude",
        by=head,
        fields={"conclusion": "no_criticism", "assistance_accepted": True},
    )
    services.recommendation_add(
        supervision=general,
        by=jurist,
        kind="recommendation",
        department=depts["TMF"],
        text="Gør kurset obligatorisk, og udbyd det til både nye og erfarne sagsbehandlere.",
        due_on=days(10),
    )
    for code in ("BUF", "SOF", "TMF"):
        services.recommendation_add(
            supervision=general,
            by=jurist,
            kind="formal_request",
            department=depts[code],
            text="Bring forholdene i orden snarest muligt, så beslutningen efterleves fuldt ud.",
            due_on=today + dt.timedelta(days=60),
        )
    services.supervision_transition(supervision=general, action="start_follow_up", by=jurist)
    services.result_add(
        supervision=general,
        by=jurist,
        department=depts["SUF"],
        case_number=general.case_number,
        text="Alle nye medarbejdere i hjemmeplejen gennemfører nu kurset.",
        report_year=today.year,
    )

    inspection = services.supervision_create(
        by=jurist,
        kind="inspection",
        title="Tilgængelighed på plejehjemmet Solbakken",
        departments=[depts["SUF"]],
        opened_on=days(40),
    )
    services.supervision_transition(supervision=inspection, action="start_hearing", by=jurist)
    services.hearing_round_add(
        supervision=inspection,
        by=jurist,
        department=depts["SUF"],
        questions="Hvordan er adgangsforholdene for kørestolsbrugere?",
        sent_on=days(30),
        deadline=days(2),
    )

    services.supervision_create(
        by=jurist,
        kind="own_initiative_case",
        title="Sagsbehandlingstid i en handicapsag",
        departments=[depts["SOF"]],
        opened_on=days(5),
    )

    complaint = Complaint.objects.filter(state__in=["telephone", "written"]).order_by("id").first()
    if complaint:
        services.supervision_open_from_complaint(
            complaint=complaint, by=jurist, title="Manglende svar på ansøgning om hjælpemidler"
        )
    return "demo supervisions of every kind"


def seed_history(*, rng) -> str:
    """Own-initiative supervisions and inspections of earlier report years: 12 opened in report
    year 2023 (912 − 900 counted complaints), closed within their year, imported. One of 2023's
    is the report's letter case that revealed a general problem (``KY_LETTERS``)."""

    if Supervision.objects.filter(case_number__startswith="2023-009").exists():
        return "supervision history already present"
    departments = list(Department.objects.all())
    created, last, department_of = [], {}, {}
    for year in range(2019, latest_finished_report_year() + 1):
        n = 12 if year == 2023 else rng.randint(8, 14)
        for i in range(n):
            opened = dt.date(year, 4, 1) + dt.timedelta(days=rng.randint(0, 200))
            number = 90_000 + i + 1
            last[opened.year] = max(last.get(opened.year, 0), number)
            supervision = Supervision(
                case_number=f"{opened.year}-{number:07d}",
                kind=rng.choice(
                    ["own_initiative_case", "own_initiative_case", "own_initiative_general", "inspection"]
                ),
                title="Tilsyn af egen drift",
                opened_on=opened,
                committee_consulted_on=opened - dt.timedelta(days=20),
                state="closed",
                conclusion=rng.choice(["criticism", "no_criticism"]),
                concluded_on=opened + dt.timedelta(days=90),
                closed_on=opened + dt.timedelta(days=120),
            )
            if year == 2023 and i == 0:  # opened "i foråret 2023"
                for name, value in KY_LETTERS.items():
                    setattr(supervision, name, value)
                supervision.opened_on = dt.date(2023, 5, 15)
                supervision.committee_consulted_on = None
                supervision.concluded_on = dt.date(2023, 11, 30)
                supervision.closed_on = dt.date(2023, 12, 15)
                department_of[len(created)] = "BIF"
            created.append(supervision)
    supervisions = Supervision.objects.bulk_create(created)
    by_code = {d.code: d for d in departments}
    Supervision.departments.through.objects.bulk_create(
        Supervision.departments.through(
            supervision=s,
            department=by_code[department_of[i]] if i in department_of else rng.choice(departments),
        )
        for i, s in enumerate(supervisions)
    )
    for year, number in last.items():
        reserve_case_numbers(year, number)
    return f"{len(supervisions)} historical supervisions"

"""Demo whistleblower data: history (metadata only) from calendar year 2019 — 2022, 2023 and
the first quarter of 2024 reproduce the published figures — and a few live reports in every
state, made through the services so their content is encrypted."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from core.importing import set_state_for_import

from .. import membership, services
from ..models import Matter, Report, ReportNumberCounter

# 2023: 105 reports with 202 matters. The report prints only the shares ("INDBERETTEDE FORHOLD
# … FORDELT I PROCENT PÅ TEMAER I KALENDERÅRET 2023"); these counts out of 202 are the only
# whole numbers that give every printed share back, rounded to one decimal:
#   Arbejdsmiljø og sikkerhed 65 (32.2 %), Lov- og retskrav 54 (26.7 %), Økonomi 17 (8.4 %),
#   Omsorgssvigt 16 (7.9 %), Potentielle straffelovsovertrædelser 11 (5.4 %), Kommunens
#   interne regler 8 (4.0 %), Borgerbetjening og service 7 (3.5 %), Sundhed og folkesundhed
#   7 (3.5 %), Databeskyttelse 6 (3.0 %), Miljøfare 1 (0.5 %), Andet 10 (5.0 %) → 202.
THEMES_2023 = {
    "work_environment": 65,
    "legal_requirements": 54,
    "finances": 17,
    "neglect": 16,
    "criminal_offences": 11,
    "internal_rules": 8,
    "citizen_service": 7,
    "public_health": 7,
    "data_protection": 6,
    "environmental_hazard": 1,
    "other": 10,
}
REPORTS_2022 = 116
Q1_2024 = (33, 62)  # reports, matters


def _reports(rng, start: dt.date, end: dt.date, n_reports: int, themes: list[str], first: int = 1):
    """n_reports reports between start and end sharing the given matters (each gets ≥ 1),
    numbered WB-YYYY-NNNN from ``first``."""
    rng.shuffle(themes)
    per_report = [[t] for t in themes[:n_reports]]
    for theme in themes[n_reports:]:
        rng.choice(per_report).append(theme)
    channels = rng.choices(["portal", "phone", "meeting", "letter"], [80, 10, 7, 3], k=len(per_report))
    reports = []
    for i, (matters, channel) in enumerate(zip(per_report, channels, strict=True)):
        received = start + dt.timedelta(days=rng.randint(0, (end - start).days))
        report = Report(reference=f"WB-{start.year}-{first + i:04d}", received_on=received, channel=channel)
        _handled(report, rng)
        reports.append((report, matters))
    return reports


REJECTION_REASONS = ["outside_scope", "unsubstantiated", "not_municipal", "outside_personal_scope"]


def _handled(report: Report, rng) -> None:
    """A past report as the unit handled it: acknowledged within the week, then about one in
    six rejected after triage and the rest investigated and closed with feedback within the
    three months (historical metadata: no content)."""

    received = report.received_on
    report.wants_acknowledgement = rng.random() < 0.9
    report.acknowledged_on = (
        received + dt.timedelta(days=rng.randint(1, 6)) if report.wants_acknowledgement else None
    )
    start = report.acknowledged_on or received
    if rng.random() < 0.16:
        report.scope = "rejected"
        report.rejection_reason = rng.choice(REJECTION_REASONS)
        report.concluded_on = report.closed_on = start + dt.timedelta(days=rng.randint(5, 25))
        set_state_for_import(report, "rejected")
    else:
        report.scope = "within"
        report.concluded_on = start + dt.timedelta(days=rng.randint(20, 85))
        report.closed_on = report.concluded_on + dt.timedelta(days=rng.randint(0, 14))
        set_state_for_import(report, "closed")
    today = dt.date.today()
    if report.closed_on >= today:  # not finished yet: still with the unit
        report.concluded_on = report.closed_on = None
        report.rejection_reason = ""
        if report.acknowledged_on and report.acknowledged_on >= today:
            report.acknowledged_on = None
        if report.acknowledged_on or not report.wants_acknowledgement:
            report.scope = "within"
            set_state_for_import(report, "investigating")
        else:
            report.scope = ""
            set_state_for_import(report, "received")
    report.refresh_next_due()


# The unit's anonymised one-line subjects for the annual account (our own wording of the kind
# of subjects Beretning 2023 lists): every report decided in 2023 gets one, in turn.
SUBJECTS_INVESTIGATED = [
    "Dårligt arbejdsmiljø i en enhed",
    "Chikane og mobning af medarbejdere",
    "Forskelsbehandling af gravide medarbejdere",
    "Urigtige oplysninger givet offentligt",
    "Modarbejdelse af et tilsyn og dårligt psykisk arbejdsmiljø",
    "Usaglige opsigelser og trusler om advarsler",
    "Ventelister til botilbud",
    "Overgreb mod børn og en hård tone",
    "Manipulation med en trivselsundersøgelse",
    "Voldsom adfærd over for børn",
    "Mulig ulovlig begunstigelse af en medarbejder",
    "Misbrug af midler bevilget til et udsat barn",
    "Uregelmæssigheder ved et kommunalt salg",
    "Utilstrækkelig sikkerhed for personalet",
    "Svigt af børn i en daginstitution",
    "Omsorgssvigt",
    "Stillinger besat uden opslag",
    "Ansættelsesvilkår i strid med interne regler",
    "Mulige brud på udbudsreglerne",
    "Sagsbehandling i strid med lovgivningen",
    "Byggearbejde uden byggetilladelse",
]
SUBJECTS_REJECTED = [
    "Arbejdspres og dårligt arbejdsmiljø",
    "Socialt bedrageri og privatretlige forhold",
    "Uengageret ledelse",
    "Fordeling af ressourcer",
    "Ledelsesadfærd og arbejdsmiljø i en enhed",
    "Videregivelse af fortrolige oplysninger om borgere",
    "Snyd med tilskud og måltal",
    "Højt sygefravær i en enhed",
    "Mulig nepotisme ved en ansættelse",
    "Usikker behandling af persondata",
    "Manglende ledelse",
    "Fejl på grund af for lidt oplæring",
    "Uberettiget afskedigelse",
]


def _summaries(reports) -> None:
    decided = sorted(
        (r for r in reports if r.closed_on and r.closed_on.year == 2023),
        key=lambda r: (r.closed_on, r.reference),
    )
    turns = {"within": 0, "rejected": 0}
    for report in decided:
        subjects = SUBJECTS_INVESTIGATED if report.scope == "within" else SUBJECTS_REJECTED
        report.summary = subjects[turns[report.scope] % len(subjects)]
        turns[report.scope] += 1
    Report.objects.bulk_update(decided, ["summary"])


def seed(*, rng) -> str:
    if Report.objects.filter(reference__startswith="WB-2023-").exists():
        return "whistleblower history already present"

    def themes(n: int) -> list[str]:
        """n matters themed like 2023's (other years' shares are not published)."""
        return rng.choices(list(THEMES_2023), weights=list(THEMES_2023.values()), k=n)

    batches = []
    for year in range(2019, dt.date.today().year):
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        if year == 2023:
            batches += _reports(rng, start, end, 105, [t for t, n in THEMES_2023.items() for _ in range(n)])
        elif year == 2024:
            q1_reports, q1_matters = Q1_2024
            batches += _reports(
                rng,
                start,
                dt.date(2024, 3, 31),
                q1_reports,
                themes(q1_matters),
            )
            rest = rng.randint(80, 100)
            batches += _reports(
                rng,
                dt.date(2024, 4, 1),
                end,
                rest,
                themes(round(rest * 1.9)),
                first=q1_reports + 1,
            )
        else:
            n_reports = REPORTS_2022 if year == 2022 else rng.randint(70, 110)
            batches += _reports(
                rng,
                start,
                end,
                n_reports,
                themes(round(n_reports * rng.uniform(1.6, 2.0))),
            )
    reports = Report.objects.bulk_create([report for report, _matters in batches])
    Matter.objects.bulk_create(
        Matter(report=report, theme=theme)
        for report, (_r, matters) in zip(reports, batches, strict=True)
        for theme in matters
    )
    _summaries(reports)
    # The scheme's own number series continues after the history.
    last = {}
    for report in reports:
        year, number = int(report.reference[3:7]), int(report.reference[8:])
        last[year] = max(last.get(year, 0), number)
    for year, number in last.items():
        ReportNumberCounter.objects.update_or_create(year=year, defaults={"last": number})
    return f"{len(reports)} historical whistleblower reports (metadata only)"


STEPS = {
    "received": [],
    "acknowledged": ["acknowledge"],
    "triaged": ["acknowledge", "triage"],
    "investigating": ["acknowledge", "triage", "investigate"],
    "concluded": ["acknowledge", "triage", "investigate", "conclude"],
    "closed": ["acknowledge", "triage", "investigate", "conclude", "close"],
    "rejected": ["acknowledge", "triage", "reject"],
}
MESSAGES = {
    "acknowledge": "Tak, vi har modtaget din indberetning.",
    "conclude": "Vi har undersøgt forholdet og bedt forvaltningen rette op.",
    "reject": "Forholdet falder uden for ordningen.",
}
REJECTION = {
    "rejection_reason": "outside_scope",
    "rejection_guidance": "Kontakt din tillidsrepræsentant eller HR.",
}
BODIES = [
    "En leder beder medarbejdere om at registrere timer, de ikke har arbejdet.",
    "Der opbevares kemikalier uden sikring i kælderen på skolen.",
    "Borgeres journaler sendes med almindelig e-mail.",
    "En leverandør får opgaver uden udbud.",
    "Beboere på et botilbud får ikke deres medicin til tiden.",
]


DEMO_MEMBER = "wbenhed"


def seed_member(*, rng) -> str:
    """The demo unit member joins through ``wb_first_member``'s service, and gets an enrolment
    code for the second factor until one is set up."""

    user = get_user_model().objects.filter(username=DEMO_MEMBER).first()
    if user is None:
        return "no demo unit member"
    try:
        code = membership.first_member(user=user, reason="Demodata")
    except ValidationError:
        return f"{DEMO_MEMBER} has a second factor already"
    return f"{DEMO_MEMBER} is in the unit; enrolment code for the second factor: {code}"


def seed_live(*, rng) -> str:
    if Report.objects.filter(receipt_locator__isnull=False).exists():
        return "live demo reports already present"
    member = get_user_model().objects.filter(groups__name="whistleblower_unit").first()
    if member is None:
        return "no unit member; skipped"
    first_code = ""
    for actions in STEPS.values():
        report, code = services.report_submit(
            body=rng.choice(BODIES),
            where="Københavns Kommune",
            reporter_name="" if rng.random() < 0.6 else "Navn Navnesen",
        )
        if not first_code:  # one report brings a file, so the files are part of the demo too
            services.report_file_add(
                report=report,
                upload=SimpleUploadedFile("notat.txt", b"Datoer og tidspunkter, jeg har noteret.\n"),
                sender="reporter",
            )
        first_code = first_code or code
        for action in actions:
            services.report_transition(
                report=report,
                action=action,
                by=member,
                themes=["work_environment", "internal_rules"],
                message=MESSAGES.get(action, ""),
                fields=REJECTION if action == "reject" else None,
            )
    return (
        f"{len(STEPS)} live reports in every state (a receipt code to try at /whistleblower/: {first_code})"
    )

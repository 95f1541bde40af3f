"""Demo edition of the yearly report for report year 2023, for ``make run``: the published
Beretning 2023's structure (foreword, four chapters, five recommendations with a department's
comments, examples of complaints and supervisions, results in two categories, the findings of
the courses investigation) with the project's own placeholder texts.

The history (``complaints.history``, ``supervision.demo.seed_history``) already holds the
year's cases; a few of them are given the case numbers the report prints, so that examples and
results refer to real records. Only numbers, titles, departments of supervisions and the
candidate flag change — nothing any figure counts.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Q

from complaints.models import Complaint, Consultation
from core.models import Department
from core.numbering import reserve_case_numbers
from supervision.models import Finding, Supervision

from . import services
from .models import Edition

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


FOREWORD = """\
Efter et år med markant flere klager faldt tallet igen i 2023 – men ikke helt tilbage til niveauet fra før stigningen. Langt de fleste klager ender med, at problemet bliver løst helt eller delvist, og det skyldes ikke mindst et godt samarbejde med forvaltningernes kontaktpersoner.

Alligevel har mange af dem, der klager, fortsat noget at have det i. Det, der bekymrer mest, er de fejl, der ikke bliver rettet: fejl, som rammer mange borgere på én gang, fordi de sidder i et it-system eller en fast arbejdsgang.

Årets beretning handler derfor især om **det digitale spor**: om kommunens ansvar for sine egne løsninger, også når de svigter.

København, maj 2024
Borgerrådgiveren"""

CHAPTERS = [
    (
        "Status, anbefalinger og nedslag",
        """\
## Færre klager end året før

Antallet af henvendelser fra utilfredse borgere steg kraftigt i 2022 og faldt igen i 2023. Niveauet ligger dog stadig over det, ordningen oprindeligt blev dimensioneret til.

[[tal]]

## Hvordan oplever borgerne kommunen?

Borgerne henvender sig oftest om manglende svar, lang sagsbehandling og breve, de ikke kan forstå. I mange sager erkender forvaltningen, at der er sket en fejl, og i knap halvdelen af dem kunne fejlen få betydning for, om en afgørelse er lovlig.

> Fejl i et it-system bliver ikke mindre alvorlige af, at de rammer mange på én gang.

## Borgerrådgiverens anbefalinger

Kommunen har vedtaget en ny digitaliseringsstrategi. Anbefalingerne nedenfor handler om, hvordan strategien kan føres ud i livet, så borgernes retssikkerhed følger med.

[[anbefalinger]]

## Konkrete eksempler

[[eksempler]]""",
    ),
    (
        "Uafhængighed, forankring og resultater",
        """\
## Ståsted

Borgerrådgiveren er uafhængig af forvaltningerne og refererer til Borgerrepræsentationen. Et rådgivende udvalg følger arbejdet og drøfter de større undersøgelser, før de går i gang.

## Udvalgte resultater

Resultaterne nedenfor kommer fra tilsyn, fra borgernes sager og fra den konsultative bistand til forvaltningerne.

[[resultater]]

## Dokumentation og åbenhed

Alle tal i beretningen er opgjort efter faste definitioner, og de samme tal ligger til grund for udvalgets løbende statistik.""",
    ),
    (
        "Retssikkerhed, samarbejde og læring",
        """\
## Sådan arbejder Borgerrådgiveren

De fleste sager løses hurtigt og uformelt: ved en telefonisk kontakt til forvaltningen eller ved at bringe borger og forvaltning i dialog. Større sager forelægges skriftligt.

## Tilsyn

Borgerrådgiveren fører tilsyn i konkrete sager og tager egne undersøgelser op, når en sag peger på et mere generelt problem. Årets største undersøgelse af egen drift fulgte op på beslutningen om obligatoriske kurser i god sagsbehandling.

[[undersoegelser]]

## Mægling og pendulmægling

Formel mægling kræver, at begge parter siger ja, og den kan ikke handle om selve afgørelsen. I hverdagen bruges pendulmægling – at formidle mellem borger og forvaltning – langt oftere.

## Ligebehandling og diskrimination

Få henvendelser handler om oplevet diskrimination, men hver enkelt tages alvorligt og registreres med den grund, borgeren oplever.

## Landets borgerrådgivere

Borgerrådgiveren betjener netværket af landets kommunale borgerrådgivere med møder og faglig sparring.""",
    ),
    (
        "Whistleblowerordningen i Københavns Kommune",
        """\
Ordningen giver kommunens ansatte og samarbejdspartnere en sikker vej til at indberette alvorlige forhold. Enheden er adskilt fra Borgerrådgiverens øvrige sagsbehandling, og tallene opgøres for kalenderåret.

[[whistleblower]]""",
    ),
]

RECOMMENDATIONS = [
    (
        "Forvent ikke for meget af digitaliseringen",
        "Digitale løsninger er ofte mere komplekse end ventet. Planlæg med det og følg op, når forventningerne ikke holder.",
    ),
    (
        "Bevar de manuelle kompetencer",
        "Når manuelle arbejdsgange udfases, forsvinder også den viden, der skal bruges, når et system fejler eller går ned.",
    ),
    (
        "Tag ejerskab for løsningerne",
        "Kommunen har det fulde ansvar for de it-løsninger, den bruger – også når det er en leverandørs system, der fejler.",
    ),
    (
        "Gør det trygt at sige fra",
        "Medarbejdere og ledere skal have klare og risikofri veje til at fortælle de ansvarlige om uønskede virkninger af digitale værktøjer.",
    ),
    (
        "Evaluer, når det går galt",
        "Forløb, hvor digitalisering har skadet borgere, bør evalueres, så kommunen lærer af dem og forebygger nye.",
    ),
]

TMF_COMMENTS = {
    1: "Forvaltningen har en lokal handleplan for digitalisering, som sætter rammen for it-rådets prioriteringer.",
    2: "Systemejerskabet er samlet ét sted, så dokumentation og beredskabsplaner holdes opdateret.",
    3: "Forvaltningen vil i sin kommunikation gøre tydeligt, at kommunen står på mål for sine løsninger.",
    4: "Forvaltningen arbejder med sin kultur, herunder hvordan fejl bliver håndteret.",
    5: "Brugerne af de store borgerrettede systemer kan give feedback, som samles og bruges i driften.",
}

EXAMPLES = [
    (
        "Breve, der taler systemets sprog",
        "supervision",
        ["2023-0064470"],
        "Når brevene skrives af et system, skal borgeren stadig kunne forstå dem.",
        """\
En borger sendte Borgerrådgiveren et brev om 225-timersreglen, hvor ydelsen var omtalt med en intern flettekode i stedet for sit navn. Forvaltningen forklarede, at brevet blev dannet automatisk af leverandørens system.

Borgerrådgiveren tog sagen op af egen drift. Brevet er siden rettet, men mange af forvaltningens breve dannes på samme måde, og undersøgelsen af, om de er klare nok, fortsætter.""",
    ),
    (
        "Boligsøgende, der venter på et system",
        "complaint",
        ["2023-0416717"],
        "",
        """\
Under indfasningen af et nyt system til boliganvisning kunne der i omkring to måneder ikke anvises boliger. Omkring 200 borgere kunne ikke matches med en bolig i perioden.

Forvaltningen betalte tomgangsleje for en del af boligerne. Borgerrådgiveren peger på, at der ved skift af it-system skal være en plan for at kunne falde tilbage på den manuelle arbejdsgang.""",
    ),
    (
        "Når regningen går til den forkerte",
        "complaint",
        ["2023-0349874"],
        "",
        """\
En værges regninger for en borger på et botilbud blev sendt til borgerens digitale postkasse og ikke til værgen. Værgen så dem først, da rykkerne kom – med gebyrer.

Faktureringssystemet kan ikke håndtere værger, men rykkersystemet kan. Forvaltningen fandt en midlertidig løsning for borgeren, tilbagebetaler gebyrerne og tager problemet op med leverandøren.""",
    ),
    (
        "Egenbetaling beregnet på et forældet grundlag",
        "supervision",
        ["2023-0403288"],
        "",
        """\
En borger rykkede forvaltningen mange gange for svar om sin egenbetaling. Da Borgerrådgiveren gik ind i sagen, viste det sig, at beregningsgrundlaget ikke var opdateret, da rådighedsbeløbet blev hævet.

Omkring 680 afgørelser skal genoptages, og forvaltningen behandler alle sagerne igen.""",
    ),
    (
        "Er kompetencerne tilstrækkelige?",
        "supervision",
        ["2020-0167377"],
        "",
        """\
Borgerrepræsentationen har besluttet, at forvaltningerne skal tilbyde obligatoriske kurser i god sagsbehandling til både nye og erfarne medarbejdere. Borgerrådgiveren har undersøgt, om beslutningen efterleves.

Der er sket klare forbedringer, men forskellene mellem forvaltningerne er store. Tabellen over forvaltningernes efterlevelse står i kapitel 3.""",
    ),
]

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
    """The chapters and the five recommendations (with TMF's comments, if ``comments``)."""
    for heading, body in CHAPTERS:
        services.chapter_save(edition=edition, by=by, chapter=None, heading=heading, body=body)
    tmf = Department.objects.get(code="TMF")
    for number, (heading, text) in enumerate(RECOMMENDATIONS, start=1):
        services.recommendation_save(
            edition=edition,
            by=by,
            recommendation=None,
            number=number,
            heading=heading,
            text=text,
            all_departments=True,
            departments=[],
            comments={tmf: TMF_COMMENTS[number]} if comments else {},
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
        year=YEAR, title="Beretning", foreword=FOREWORD, publication_date=dt.date(2024, 5, 30)
    )
    add_structure(edition, by, comments=True)

    def numbers_of(printed):
        return ", ".join(cases[n].case_number for n in printed if n in cases)

    for heading, category, numbers, quote, narrative in EXAMPLES:
        services.example_save(
            edition=edition,
            by=by,
            heading=heading,
            category=category,
            case_numbers=numbers_of(numbers),
            all_departments=False,
            departments=[],
            pull_quote=quote,
            narrative=narrative,
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
    return f"edition {YEAR}: {len(CHAPTERS)} chapters, {len(EXAMPLES)} examples, {len(RESULTS)} results"

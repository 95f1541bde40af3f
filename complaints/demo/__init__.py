"""Demo data for `make run`: a few weeks of open and closed cases across all tracks.

Built through the services, so every case has its real timeline; the timeline's times are
then spread over the case's life so the demo reads like a working queue.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from consultations import services as consultation_services
from core import access, notes
from core.models import ContactPerson, Department

from .. import services
from ..models import OPEN_STATES, CaseEvent, Complaint, Consequence, Theme

FIRST = [
    "Karen",
    "Mette",
    "Jens",
    "Peter",
    "Hanne",
    "Lars",
    "Ahmed",
    "Fatima",
    "Ole",
    "Sofie",
    "Mikkel",
    "Aisha",
]
LAST = ["Hansen", "Jensen", "Nielsen", "Pedersen", "Andersen", "Larsen", "Ali", "Rasmussen", "Holm", "Kaya"]
SUMMARIES = [
    "Har ikke fået svar på min ansøgning om hjælpemidler i fire måneder.",
    "Hjemmehjælpen kom ikke tre gange i sidste uge, og ingen ringede.",
    "Jeg fik afslag på boligstøtte uden en begrundelse jeg kan forstå.",
    "Min søn har ventet på en skoleplads siden sommerferien.",
    "Sagsbehandleren var uhøflig i telefonen og lagde på.",
    "Jeg kan ikke logge ind i den digitale selvbetjening og får ingen hjælp.",
    "Der er ikke blevet fejet på min vej i to måneder.",
    "Jeg har bedt om aktindsigt i min sag, men intet hørt.",
]
DEMO_MARKER = Q(contact_email__startswith="demo", contact_email__endswith="@example.invalid")
# Where each demo case ends: (moves, close?) — together they cover every track.
ROUTES = [
    ([], False),
    (["start_screening"], False),
    (["start_screening", "call"], False),
    (["start_screening", "call"], True),
    (["start_screening", "call"], True),
    (["start_screening", "write"], False),
    (["start_screening", "call", "write"], True),
    (["start_screening", "mediate"], False),
    (["start_screening", "mediate", "end_mediation"], True),
    (["start_screening", "advise"], False),
    (["start_screening", "forward"], False),
    (["start_screening", "reject"], False),
]


def demo_cpr(rng) -> str:
    return f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{rng.randint(40, 99)}-{rng.randint(1000, 9999)}"


CONTACT_NAMES = [
    "Mette Vinther", "Lars Kjær", "Hanne Bech", "Jens Mortensen", "Pia Lauridsen", "Søren Dam",
    "Trine Holm", "Anders Friis",
]  # fmt: skip
CALLS = [
    "Forvaltningen undersøger, hvor ansøgningen ligger, og vender tilbage i morgen.",
    "Borgeren fortalte, at afgørelsen er modtaget, men uden klagevejledning.",
    "Teamlederen bekræfter, at sagen er gået i stå efter et systemskifte.",
]
NOTES = [
    "Sagen ligner flere andre fra samme center: se efter et generelt problem.",
    "Afventer forvaltningens svar, før borgeren orienteres.",
]


def _seed_working_day(today) -> None:
    """What a jurist's day looks like in `make run`: a contact person in every department,
    notes and calls on the open cases, a few letters and filed e-mails, and one case of the
    demo jurist's with a message from the citizen not yet read."""

    contacts = {}
    for n, department in enumerate(Department.objects.order_by("position")):
        contacts[department.pk], _created = ContactPerson.objects.get_or_create(
            department=department,
            name=CONTACT_NAMES[n % len(CONTACT_NAMES)],
            defaults={"email": f"kontakt{n}@example.invalid", "phone": "33 66 00 00"},
        )
    open_cases = list(
        Complaint.objects.filter(DEMO_MARKER, state__in=OPEN_STATES, responsible__isnull=False)
        .select_related("responsible")
        .order_by("-received_on")[:12]
    )
    for n, complaint in enumerate(open_cases):
        jurist = complaint.responsible
        contact = contacts.get(complaint.department_id)
        notes.note_add(
            case="complaint",
            instance=complaint,
            by=jurist,
            data={"kind": "call", "contact": contact, "text": CALLS[n % len(CALLS)]},
        )
        if n % 3 == 0:
            notes.note_add(
                case="complaint", instance=complaint, by=jurist, data={"text": NOTES[n % len(NOTES)]}
            )
        if n % 4 == 0 and complaint.channel != "phone":
            services.incoming_register(
                complaint=complaint,
                by=jurist,
                received_on=max(complaint.received_on, today - dt.timedelta(days=2)),
                channel="email",
                sender=complaint.person_name,
                text="Jeg har fundet brevet fra kommunen og sender det hermed.",
            )
    # A few letters (each a tagged PDF: kept to a few, the demo is seeded in tests too).
    for complaint in open_cases[:3]:
        services.letter_send(complaint=complaint, by=complaint.responsible, code="acknowledgement")
    mine = next((c for c in open_cases if c.responsible.username == "jurist"), None)
    if mine is not None:
        services.incoming_from_citizen(
            complaint=mine, text="Jeg har nu fået svar fra forvaltningen, men forstår ikke afgørelsen."
        )


def _seed_access_requests(today) -> None:
    """Two requests for access to documents on open cases: one past its deadline with no
    deadline letter yet, one within it (the first thing "Mine sager" and the workload show)."""
    open_cases = Complaint.objects.filter(DEMO_MARKER, state__in=OPEN_STATES, responsible__isnull=False)
    for complaint, (days_ago, requester, name) in zip(
        open_cases.order_by("received_on")[:2],
        [(12, "representative", "Advokat Lise Berg"), (2, "third_party", "Journalist Mads Friis")],
        strict=False,
    ):
        access.access_request_register(
            instance=complaint,
            by=complaint.responsible,
            data={
                "requester": requester,
                "requester_name": name,
                "requester_address": "Vesterbrogade 1, 1620 København V",
                "received_on": max(complaint.received_on, today - dt.timedelta(days=days_ago)),
                "basis": "offentlighedsloven",
            },
        )


def seed(*, rng) -> str:
    if Complaint.objects.filter(DEMO_MARKER).exists():
        return "demo cases already present"
    User = get_user_model()
    jurists = list(User.objects.filter(groups__name__in=["jurist", "head"]).distinct())
    if not jurists:
        return "no jurists; skipped"
    departments = list(Department.objects.all())
    themes = list(Theme.objects.exclude(code="discrimination"))
    consequences = list(Consequence.objects.all())
    today = timezone.localdate()
    created = 0
    for i in range(60):
        moves, close = ROUTES[i % len(ROUTES)]
        received = today - dt.timedelta(days=rng.randint(0, 42))
        jurist = rng.choice(jurists)
        kind = "inquiry" if i % 9 == 0 else "complaint"
        complaint = services.complaint_create(
            by=jurist,
            notify=False,
            points=[(rng.choice(themes), "")] if kind == "complaint" else [],
            kind=kind,
            requester=rng.choice(["citizen"] * 8 + ["representative", "company"]),
            channel=rng.choice(["phone", "phone", "email", "digital_form", "letter", "in_person"]),
            department=rng.choice(departments),
            person_name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            person_cpr=demo_cpr(rng),
            contact_email=f"demo{i}@example.invalid",
            summary=rng.choice(SUMMARIES),
            received_on=received,
            responsible=jurist,
        )
        if "mediate" in moves:
            services.mediation_consent_record(
                complaint=complaint, by=jurist, party="citizen", given_on=received
            )
            services.mediation_consent_record(
                complaint=complaint, by=jurist, party="department", given_on=received
            )
        for action in moves:
            fields = {}
            if action == "reject":
                fields = {
                    "rejection_reason": rng.choice(["outside_competence", "pending_elsewhere", "withdrawn"])
                }
            if action == "end_mediation":
                fields = {"mediation_result": "agreement"}
            services.complaint_transition(
                complaint=complaint,
                action=action,
                by=jurist,
                fields=fields,
                notify=False,
                closed_on=min(today, received + dt.timedelta(days=rng.randint(1, 10))),
            )
        if "write" in moves:
            services.inquiry_send(
                complaint=complaint, by=jurist, sent_on=received, reply_due=received + dt.timedelta(days=14)
            )
        if close:
            points = {p.pk: rng.choice(["upheld", "partly", "not_upheld"]) for p in complaint.points.all()}
            services.complaint_transition(
                complaint=complaint,
                action="close",
                by=jurist,
                notify=False,
                closed_on=min(today, received + dt.timedelta(days=rng.randint(3, 25))),
                fields={
                    "outcome": rng.choice(["upheld", "partly_upheld", "not_upheld"]),
                    "solved": rng.choice(["solved", "solved", "partly_solved", "not_solved"]),
                    "department_admitted_error": rng.random() < 0.6,
                    "legality_error": rng.random() < 0.1,
                    "consequences": rng.sample(consequences, k=rng.randint(0, 2)),
                    "point_assessments": points,
                },
            )
        # Spread the timeline over the case's life instead of "all just now".
        start = timezone.make_aware(dt.datetime.combine(received, dt.time(9, 0)))
        events = list(CaseEvent.objects.filter(complaint=complaint).order_by("id"))
        for n, event in enumerate(events):
            event.at = min(timezone.now(), start + dt.timedelta(days=n, hours=n))
        CaseEvent.objects.bulk_update(events, ["at"])
        created += 1
    _seed_access_requests(today)
    _seed_working_day(today)
    for i in range(12):
        consultation = consultation_services.consultation_create(
            by=rng.choice(jurists),
            kind="teaching" if i % 6 == 0 else "consultation",
            department=rng.choice(departments),
            channel=rng.choice(["line", "phone", "written", "meeting"]),
            topic=rng.choice(
                [
                    "Partshøring før afgørelse",
                    "Aktindsigt i personalesag",
                    "Klagevejledning",
                    "Notatpligt ved telefonsamtaler",
                    "Tavshedspligt over for pårørende",
                ]
            ),
            participants=rng.randint(8, 40) if i % 6 == 0 else None,
            received_on=today - dt.timedelta(days=rng.randint(0, 42)),
        )
        if i % 2:
            consultation_services.consultation_transition(
                consultation=consultation,
                action="close",
                by=consultation.responsible,
                closed_on=min(today, consultation.received_on + dt.timedelta(days=3)),
            )
    return f"{created} demo cases and 12 consultations"

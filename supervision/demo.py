"""Demo supervisions of every kind in different states, for `make run`."""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from complaints.models import Complaint
from core.models import Department

from . import services
from .models import Supervision


def seed(*, rng) -> str:
    if Supervision.objects.exists():
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
    for i, code in enumerate(depts):
        value = ["meets", "meets", "partly_meets", "meets", "partly_meets", "meets", "does_not_meet"][i]
        services.finding_set(supervision=general, by=jurist, department=depts[code], value=value)
    services.supervision_transition(supervision=general, action="send_draft", by=jurist)
    services.supervision_transition(
        supervision=general,
        action="conclude",
        by=head,
        fields={"conclusion": "criticism", "assistance_accepted": True},
    )
    services.recommendation_add(
        supervision=general,
        by=jurist,
        kind="recommendation",
        department=depts["TMF"],
        text="Indfør kurset for alle nye sagsbehandlere inden for tre måneder.",
        due_on=days(10),
    )
    services.recommendation_add(
        supervision=general,
        by=jurist,
        kind="formal_request",
        department=depts["BIF"],
        text="Opdatér introduktionsprogrammet, så kurset indgår.",
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
    return f"{Supervision.objects.count()} demo supervisions"

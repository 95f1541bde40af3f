import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from supervision import selectors, services
from supervision.models import Finding, HearingRound, Recommendation, Supervision
from tests.factories import ComplaintFactory, SupervisionFactory, department

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def fill(n):
    Supervision.objects.all().delete()
    sof, buf = department("SOF"), department("BUF")
    sups = Supervision.objects.bulk_create(
        Supervision(
            case_number=f"2023-{i + 1:07d}",
            kind="inspection",
            title=f"T{i}",
            state="follow_up",
            conclusion="criticism",
            concluded_on=dt.date(2023, 6, 1),
        )
        for i in range(n)
    )
    Supervision.departments.through.objects.bulk_create(
        Supervision.departments.through(supervision=s, department=d) for s in sups for d in (sof, buf)
    )
    HearingRound.objects.bulk_create(
        HearingRound(
            supervision=s,
            department=sof,
            questions="?",
            sent_on=dt.date(2023, 5, 1),
            due_on=dt.date(2023, 5, 20),
        )
        for s in sups
    )
    Recommendation.objects.bulk_create(
        Recommendation(
            supervision=s, kind="recommendation", department=buf, text="x", due_on=dt.date(2023, 9, 1)
        )
        for s in sups
    )


@pytest.mark.parametrize(
    "url", ["/tilsyn/?scope=all", "/tilsyn/anbefalinger/", "/tilsyn/anbefalinger/?overdue=on"]
)
def test_queue_and_tracker_query_counts_are_the_same_at_10_and_1000(client_for, jurist, url):
    client = client_for(jurist)
    fill(10)
    small = queries(client, url)
    fill(1000)
    assert queries(client, url) == small


@time_machine.travel(dt.datetime(2024, 1, 15, 12, 0))
def test_tracker_counts_a_hand_built_dataset(client_for, jurist):
    a = SupervisionFactory(
        state="follow_up",
        conclusion="criticism",
        concluded_on=dt.date(2023, 6, 1),
        departments=["SOF", "BUF"],
    )
    b = SupervisionFactory(
        state="closed",
        conclusion="criticism",
        concluded_on=dt.date(2022, 6, 1),
        closed_on=dt.date(2022, 12, 1),
        departments=["SOF"],
    )
    sof, buf = department("SOF"), department("BUF")
    for sup, dep, status, due in [
        (a, sof, "open", dt.date(2023, 12, 1)),  # open, overdue
        (a, sof, "open", dt.date(2024, 6, 1)),  # open, not yet due
        (a, buf, "implemented", dt.date(2023, 9, 1)),
        (a, buf, "declined", None),
        (b, sof, "partly", dt.date(2022, 11, 1)),
    ]:
        Recommendation.objects.create(
            supervision=sup, kind="recommendation", department=dep, text="x", status=status, due_on=due
        )
    counts = {row["code"]: row for row in selectors.tracker_counts(jurist)}
    assert list(counts) == ["ØKF", "KFF", "BUF", "SUF", "BIF", "SOF", "TMF"]
    assert {
        k: counts["SOF"][k] for k in ("open", "overdue", "implemented", "partly", "declined", "total")
    } == {"open": 2, "overdue": 1, "implemented": 0, "partly": 1, "declined": 0, "total": 3}
    assert {
        k: counts["BUF"][k] for k in ("open", "overdue", "implemented", "partly", "declined", "total")
    } == {"open": 0, "overdue": 0, "implemented": 1, "partly": 0, "declined": 1, "total": 2}
    assert counts["TMF"]["total"] == 0
    only_2023 = {row["code"]: row for row in selectors.tracker_counts(jurist, year=2023)}
    assert (only_2023["SOF"]["total"], only_2023["SOF"]["partly"]) == (2, 0)

    html = client_for(jurist).get("/tilsyn/anbefalinger/", {"overdue": "on"}).content.decode()
    assert html.count("<td>SOF</td>") == 1 and "Overskredet" in html


def test_findings_matrix_of_a_hand_built_investigation(client_for, jurist):
    sup = SupervisionFactory(departments=["ØKF", "BUF", "SOF", "TMF"])
    for code, value in [("ØKF", "meets"), ("BUF", "partly_meets"), ("SOF", "meets")]:
        Finding.objects.create(supervision=sup, department=department(code), value=value)
    matrix = selectors.findings_matrix(sup)
    assert [(row["department"].code, row["finding"].value if row["finding"] else None) for row in matrix] == [
        ("ØKF", "meets"),
        ("BUF", "partly_meets"),
        ("SOF", "meets"),
        ("TMF", None),
    ]
    assert selectors.findings_summary(sup) == {"meets": 2, "partly_meets": 1, "does_not_meet": 0}
    html = client_for(jurist).get(reverse("supervision:detail", args=[sup.pk])).content.decode()
    assert html.count("Opfylder delvist") >= 2  # the matrix row and the choice in the finding form
    assert "Opfylder: 2 · opfylder delvist: 1 · opfylder ikke: 0" in html


def test_jurist_is_not_offered_to_conclude_but_the_head_is(client_for, jurist, head):
    sup = SupervisionFactory(state="draft")
    conclude = reverse("supervision:transition", args=[sup.pk, "conclude"])
    assert (
        conclude not in client_for(jurist).get(reverse("supervision:detail", args=[sup.pk])).content.decode()
    )
    response = client_for(jurist).post(
        conclude, {"expected_state": "draft", "conclude-conclusion": "criticism"}, follow=True
    )
    assert "Handlingen er ikke mulig" in response.content.decode()
    assert Supervision.objects.get(pk=sup.pk).state == "draft"


def test_head_concludes_through_the_page(client_for, head):
    sup = SupervisionFactory(state="draft")
    client = client_for(head)
    assert (
        reverse("supervision:transition", args=[sup.pk, "conclude"])
        in client.get(reverse("supervision:detail", args=[sup.pk])).content.decode()
    )
    client.post(
        reverse("supervision:transition", args=[sup.pk, "conclude"]),
        {
            "expected_state": "draft",
            "conclude-conclusion": "criticism",
            "conclude-assistance_accepted": "yes",
        },
    )
    sup.refresh_from_db()
    assert (sup.state, sup.conclusion, sup.assistance_accepted) == ("concluded", "criticism", True)


def test_open_a_supervision_from_the_complaint_page(client_for, jurist):
    complaint = ComplaintFactory(state="written")
    client = client_for(jurist)
    page = client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    url = reverse("supervision:open_from_complaint", args=[complaint.pk])
    assert url in page
    response = client.post(url, {"title": "Manglende svar", "expected_state": "written"})
    sup = Supervision.objects.get()
    assert response["Location"] == reverse("supervision:detail", args=[sup.pk])
    complaint.refresh_from_db()
    assert complaint.state == "supervision"


def test_complaint_in_running_mediation_is_not_offered_a_supervision(client_for, jurist):
    complaint = ComplaintFactory(state="mediation")
    client = client_for(jurist)
    url = reverse("supervision:open_from_complaint", args=[complaint.pk])
    assert url not in client.get(reverse("complaints:detail", args=[complaint.pk])).content.decode()
    html = client.post(url, {"title": "x", "expected_state": "mediation"}).content.decode()
    assert "Ikke muligt, mens mæglingen pågår" in html
    assert not Supervision.objects.exists()


def test_general_investigation_page_explains_the_committee_rule(client_for, jurist):
    sup = SupervisionFactory(kind="own_initiative_general")
    html = client_for(jurist).get(reverse("supervision:detail", args=[sup.pk])).content.decode()
    assert "samråd med udvalget (vedtægtens § 13)" in html
    assert reverse("supervision:transition", args=[sup.pk, "start_hearing"]) not in html


def test_create_own_initiative_supervision(client_for, jurist):
    response = client_for(jurist).post(
        reverse("supervision:create"),
        {
            "kind": "inspection",
            "title": "Plejehjem",
            "departments": [department("SUF").pk],
            "opened_on": "2023-05-01",
        },
    )
    sup = Supervision.objects.get()
    assert response["Location"] == reverse("supervision:detail", args=[sup.pk])
    assert (sup.kind, [d.code for d in sup.departments.all()]) == ("inspection", ["SUF"])


def test_hearing_letter_is_a_pdf_with_the_questions(client_for, jurist):
    from io import BytesIO

    from pypdf import PdfReader

    sup = SupervisionFactory(state="hearing", title="Tilgængelighed")
    hearing = HearingRound.objects.create(
        supervision=sup,
        department=department("SUF"),
        questions="Hvordan er adgangsforholdene?",
        sent_on=dt.date(2024, 3, 1),
        due_on=dt.date(2024, 3, 22),
    )
    response = client_for(jurist).get(reverse("supervision:hearing_letter", args=[sup.pk, hearing.pk]))
    text = PdfReader(BytesIO(response.content)).pages[0].extract_text()
    assert "Hvordan er adgangsforholdene?" in text and "22. marts 2024" in text and "Sundheds- og" in text


@pytest.mark.parametrize("persona_name", ["committee", "secretariat", "wb_member", "outsider", "superuser"])
def test_supervision_pages_are_for_caseworkers_only(persona_name, request, client_for):
    sup = SupervisionFactory()
    client = client_for(request.getfixturevalue(persona_name))
    for url in [
        reverse("supervision:queue"),
        reverse("supervision:tracker"),
        reverse("supervision:detail", args=[sup.pk]),
    ]:
        assert client.get(url).status_code == 403, url
    assert client.post(reverse("supervision:transition", args=[sup.pk, "start_hearing"])).status_code == 403
    assert Supervision.objects.get(pk=sup.pk).state == "opened"


def test_a_hearing_reminder_has_a_date_and_can_be_corrected(client_for, jurist):
    """The hearing round and the written inquiry are one concept (core.deadlines): the same
    dated, correctable reminders, with the same rules."""
    from supervision.models import SupervisionEvent

    supervision = SupervisionFactory(state="hearing")
    hearing = services.hearing_round_add(
        supervision=supervision,
        by=jurist,
        department=department("SOF"),
        questions="Hvordan dokumenteres partshøringen?",
        sent_on=dt.date(2023, 5, 1),
        deadline=dt.date(2023, 5, 20),
    )
    client = client_for(jurist)
    remind = reverse("supervision:hearing_remind", args=[supervision.pk, hearing.pk])
    client.post(remind, {f"remind{hearing.pk}-sent_on": "2023-05-22"})
    response = client.post(remind, {f"remind{hearing.pk}-sent_on": "2023-04-30"}, follow=True)
    assert "En rykker sendes efter brevet (01.05.2023) og senest i dag." in response.content.decode()
    reminder = hearing.reminders.get()
    client.post(
        reverse("supervision:hearing_reminder_correct", args=[supervision.pk, hearing.pk, reminder.pk]),
        {f"reminder{reminder.pk}-sent_on": "2023-05-23"},
    )
    reminder.refresh_from_db()
    assert reminder.sent_on == dt.date(2023, 5, 23)
    notes = list(SupervisionEvent.objects.filter(supervision=supervision).values_list("action", "note"))
    assert notes[-2:] == [
        ("hearing_reminder", ""),
        ("hearing_reminder_corrected", "Rykkerens dato er rettet fra 22.05.2023 til 23.05.2023."),
    ]

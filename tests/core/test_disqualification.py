"""Disqualification (inhabilitet, forvaltningsloven § 3; DOMAIN §9): a caseworker declares it
on a case with a reason, or the head records it; from then on the case cannot be given to
them, they see its number and the fact only, and they cannot move or conclude it."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from complaints import services
from core.disqualification import disqualification_record
from core.models import AuditEvent, CaseNote, Disqualification
from supervision import services as supervision_services
from tests.factories import ComplaintFactory, SupervisionFactory, UserFactory

pytestmark = pytest.mark.django_db

REASON = "Klageren er min svoger."


@pytest.fixture
def kirsten(db):
    return UserFactory(username="kirsten", first_name="Kirsten", last_name="Dahl", roles=["jurist"])


@pytest.fixture
def case(kirsten):
    return ComplaintFactory(
        case_number="2026-0000777",
        state="screening",
        person_name="Ole Brandt",
        person_cpr="120560-1111",
        summary="Klage over hjemmeplejen.",
        responsible=kirsten,
    )


def test_a_caseworker_declares_themselves_disqualified_from_the_case_page(client_for, kirsten, case):
    client = client_for(kirsten)
    page = client.get(reverse("complaints:detail", args=[case.pk])).content.decode()
    assert 'name="disq-reason"' in page and 'name="disq-person"' not in page  # oneself only
    response = client.post(
        reverse("complaints:disqualification_add", args=[case.pk]), {"disq-reason": REASON}
    )
    # The case is closed to her now: she is sent back to the queue.
    assert response.status_code == 302 and response["Location"] == reverse("complaints:queue")
    case.refresh_from_db()
    assert case.responsible is None  # the head reassigns it
    assert Disqualification.objects.get(complaint=case).person == kirsten
    note = CaseNote.objects.get(complaint=case)
    assert note.text == (
        "Kirsten Dahl er inhabil i sagen (forvaltningslovens § 3) og arbejder ikke længere på den. "
        "Begrundelse: Klageren er min svoger."
    )
    audit = AuditEvent.objects.get(action="disqualification_recorded")
    assert audit.actor == kirsten and REASON not in str(audit.__dict__)


def test_the_disqualified_sees_the_number_and_the_fact_only(client_for, kirsten, case, head):
    disqualification_record(instance=case, person=kirsten, by=head, reason=REASON)
    client = client_for(kirsten)
    for name in ("complaints:detail", "complaints:edit"):
        response = client.get(reverse(name, args=[case.pk]))
        html = response.content.decode()
        assert response.status_code == 403
        assert "2026-0000777" in html
        assert "Du er inhabil i denne sag (forvaltningslovens § 3)" in html
        for content in ("Ole Brandt", "120560", "hjemmeplejen", REASON):
            assert content not in html
    case_file = client.get(reverse("complaints:case_file", args=[case.case_number]))
    assert case_file.status_code == 403 and b"Ole Brandt" not in case_file.content
    # Nor in the lists or the search, where a colleague finds it.
    colleague = UserFactory(username="kollega", roles=["jurist"])
    searches = (
        reverse("core:search") + "?q=Ole+Brandt",
        reverse("complaints:queue") + "?scope=all&q=Ole+Brandt",
    )
    for url in searches:
        assert f'href="/sager/{case.pk}/"' in client_for(colleague).get(url).content.decode(), url
    client = client_for(kirsten)
    for url in (
        reverse("complaints:queue") + "?scope=all",
        reverse("complaints:queue") + "?scope=all&q=Ole+Brandt",
        reverse("core:search") + "?q=Ole+Brandt",
        reverse("core:search") + "?q=2026-0000777",
    ):
        html = client.get(url).content.decode()
        # (The search form shows what was searched for.)
        assert "hjemmeplejen" not in html and f'href="/sager/{case.pk}/"' not in html, url
    # Nor can she act on it.
    response = client.post(reverse("complaints:note_add", args=[case.pk]), {"note-text": "Læst."})
    assert response.status_code == 403
    with pytest.raises(ValidationError) as raised:
        services.complaint_transition(complaint=case, action="write", by=kirsten, note="")
    assert "Du er inhabil i denne sag (forvaltningslovens § 3)" in " ".join(raised.value.messages)
    # The head, and other jurists, still see the case.
    assert client_for(head).get(reverse("complaints:detail", args=[case.pk])).status_code == 200


def test_the_case_cannot_be_given_to_the_disqualified(client_for, kirsten, case, head):
    disqualification_record(instance=case, person=kirsten, by=head, reason=REASON)
    refusal = "Kirsten Dahl er inhabil i denne sag (forvaltningslovens § 3) og kan ikke være sagsbehandler."
    # The form on the case page.
    response = client_for(head).post(
        reverse("complaints:reassign", args=[case.pk]),
        {"reassign-responsible": kirsten.pk, "reassign-reason": "Hun kender området."},
        follow=True,
    )
    assert refusal in response.content.decode()
    # The service, whatever calls it.
    with pytest.raises(ValidationError) as raised:
        services.complaint_reassign(complaint=case, by=head, to=kirsten, reason="Hun kender området.")
    assert raised.value.messages == [refusal]
    with pytest.raises(ValidationError):
        services.complaint_take(complaint=case, by=kirsten)
    case.refresh_from_db()
    assert case.responsible is None


def test_only_the_head_records_another_persons_disqualification(kirsten, case):
    colleague = UserFactory(username="kollega", roles=["jurist"])
    with pytest.raises(PermissionDenied):
        disqualification_record(instance=case, person=kirsten, by=colleague, reason=REASON)
    with pytest.raises(ValidationError) as raised:
        disqualification_record(instance=case, person=kirsten, by=kirsten, reason="  ")
    assert raised.value.message_dict == {"reason": ["Angiv begrundelsen for inhabiliteten."]}
    assert not Disqualification.objects.exists()


def test_the_head_records_it_for_a_caseworker_from_the_case_page(client_for, kirsten, case, head):
    response = client_for(head).post(
        reverse("complaints:disqualification_add", args=[case.pk]),
        {"disq-person": kirsten.pk, "disq-reason": REASON},
        follow=True,
    )
    html = response.content.decode()
    assert "Inhabiliteten er registreret." in html
    assert "Kirsten Dahl er inhabil (registreret" in html  # listed on the case, for the head
    assert Disqualification.objects.get().recorded_by == head


def test_a_disqualified_head_cannot_conclude_a_supervision(head):
    head.first_name, head.last_name = "Mette", "Borg"
    head.save()
    supervision = SupervisionFactory(state="draft", conclusion="criticism", responsible=head)
    disqualification_record(instance=supervision, person=head, by=head, reason="Min tidligere arbejdsplads.")
    with pytest.raises(ValidationError) as raised:
        supervision_services.supervision_transition(
            supervision=supervision, action="conclude", by=head, on=dt.date(2026, 5, 1)
        )
    assert raised.value.messages == [
        "Du er inhabil i denne sag (forvaltningslovens § 3) og kan ikke flytte eller afslutte den."
    ]
    supervision.refresh_from_db()
    assert supervision.state == "draft" and supervision.responsible is None

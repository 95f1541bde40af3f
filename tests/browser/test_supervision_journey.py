"""The head concludes a supervision with criticism and one recommendation; the learning
tracker then lists the recommendation as open — in a real browser."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from supervision.models import HearingRound, Supervision
from tests.factories import SupervisionFactory, UserFactory, department

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_head_concludes_with_criticism_and_the_tracker_lists_the_recommendation(live_server, page):
    UserFactory(username="e2e-head", first_name="Birgitte", roles=["head"])
    sup = SupervisionFactory(state="draft", title="Tilgængelighed på plejehjem", departments=["SUF"])
    HearingRound.objects.create(
        supervision=sup,
        department=department("SUF"),
        questions="?",
        sent_on=dt.date(2024, 1, 2),
        due_on=dt.date(2024, 1, 20),
    )
    base = live_server.url

    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill("e2e-head")
    page.get_by_label("Adgangskode").fill("correct horse battery")
    page.get_by_role("button", name="Log ind").click()
    page.goto(f"{base}/tilsyn/{sup.pk}/")
    expect(page.locator("h1")).to_have_text(f"Tilsyn {sup.case_number}")

    page.locator("summary", has_text="Afgiv tilsynet").click()
    page.get_by_label("Kritik", exact=True).check()
    page.get_by_role("button", name="Afgiv tilsynet").click()
    expect(page.locator(".message--success")).to_contain_text("Afgivet")

    page.locator("summary", has_text="Tilføj en anbefaling eller henstilling").click()
    page.locator("#id_rec-kind").select_option("recommendation")
    page.locator("#id_rec-department").select_option(label="Sundheds- og Omsorgsforvaltningen")
    page.locator("#id_rec-text").fill("Sørg for trinfri adgang til fællesarealerne.")
    page.locator("#id_rec-due_on").fill("2030-06-01")
    page.get_by_role("button", name="Tilføj", exact=True).click()
    expect(page.locator(".message--success")).to_contain_text("Anbefalingen er registreret.")

    page.get_by_role("link", name="Anbefalinger", exact=True).click()
    expect(page.locator("h1")).to_have_text("Anbefalinger og opfølgning")
    row = page.locator("#tracker-list tbody tr", has_text=sup.case_number)
    expect(row).to_contain_text("Åben")
    expect(row).to_contain_text("Sørg for trinfri adgang")
    suf = page.locator("#tracker-counts tbody tr", has_text="Sundheds- og Omsorgsforvaltningen")
    expect(suf.locator("td").first).to_have_text("1")
    sup.refresh_from_db()
    assert (sup.state, sup.conclusion) == ("concluded", "criticism")
    assert Supervision.objects.get().recommendations.get().status == "open"
    assert page.console_errors == []

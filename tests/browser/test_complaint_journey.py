"""A citizen files a complaint, a jurist solves it by telephone and closes it, and the
citizen's status page then shows the closure and the survey — in a real browser."""

import re

import pytest
from playwright.sync_api import expect

from complaints.models import Complaint
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_complaint_from_form_to_closure_and_survey(live_server, page):
    UserFactory(username="e2e-jurist", first_name="Jonas", roles=["jurist"])
    base = live_server.url

    # The citizen files a complaint.
    page.goto(f"{base}/klage/")
    expect(page.locator("h1")).to_have_text("Klag til Borgerrådgiveren")
    page.get_by_label("Ja").check()
    page.get_by_role("button", name="Fortsæt").click()
    page.get_by_label("Hvilken del af kommunen handler klagen om?").select_option(label="Socialforvaltningen")
    page.get_by_label("Hvad handler din klage om?").fill("Min ansøgning om en ny kørestol er ikke besvaret.")
    page.get_by_label("Dit navn").fill("Karen Hansen")
    page.get_by_label("E-mail").fill("karen@example.invalid")
    page.get_by_role("button", name="Send klagen").click()
    expect(page.locator("h1")).to_have_text("Din klage er modtaget")
    status_url = page.locator("#status-link").get_attribute("href")
    complaint = Complaint.objects.get()
    assert complaint.case_number in page.content()

    page.goto(status_url)
    expect(page.locator("#stage")).to_have_text("Vi har modtaget din henvendelse.")

    # A jurist signs in, takes the case, solves it by telephone and closes it.
    page.goto(f"{base}/log-ind/")
    page.get_by_label("Brugernavn").fill("e2e-jurist")
    page.get_by_label("Adgangskode").fill("correct horse battery")
    page.get_by_role("button", name="Log ind").click()
    expect(page.locator("h1")).to_contain_text("Velkommen")
    page.goto(f"{base}/sager/?scope=open")
    page.get_by_role("link", name=complaint.case_number).click()
    expect(page.locator("h1")).to_contain_text(f"Sag {complaint.case_number}")

    def unfold(label):
        """A move's form: the first moves are shown, the others behind "Flere handlinger"."""
        summary = page.locator("summary", has_text=label)
        if not summary.is_visible():
            page.locator("summary", has_text="Flere handlinger").click()
        summary.click()

    def act(label):
        unfold(label)
        page.get_by_role("button", name=label).click()

    act("Start visitering")
    expect(page.locator(".message--success")).to_contain_text("Visitering")
    page.locator("summary", has_text="Tilføj et klagepunkt").click()
    page.get_by_label("Tema").select_option(label="Sagsbehandlingstid/manglende svar")
    page.get_by_role("button", name="Tilføj", exact=True).click()
    act("Løs telefonisk")
    expect(page.locator(".message--success")).to_contain_text("Telefonisk dialog")

    unfold("Afslut sagen")
    page.get_by_label("Udfald").select_option("upheld")
    page.get_by_label(re.compile(r"^Løst")).select_option("solved")
    page.locator("fieldset", has_text="erkendt en fejl").get_by_label("Ja").check()
    page.locator("fieldset", has_text="lovlighed").get_by_label("Nej").check()
    page.get_by_label(re.compile("Vurdering af klagepunktet")).select_option("upheld")
    page.get_by_role("button", name="Afslut sagen").click()
    expect(page.locator(".message--success")).to_contain_text("Afsluttet")
    complaint.refresh_from_db()
    assert (complaint.state, complaint.track) == ("closed", "telephone")

    # The citizen's status page shows the closure and offers the survey.
    page.goto(status_url)
    expect(page.locator("#stage")).to_have_text("Din sag er afsluttet.")
    page.get_by_label("Tilfreds", exact=True).check()
    page.get_by_role("button", name="Send svaret").click()
    expect(page.locator(".message--success")).to_have_text("Tak for dit svar.")
    complaint.refresh_from_db()
    assert complaint.satisfaction == "satisfied"
    assert page.console_errors == []

"""The jurist's day with one case, in a real browser: a digital-form complaint waits under
"Ufordelte"; a jurist takes it, writes down a call with the department's contact person, asks
the citizen for information, writes to the department with a deadline, sets a follow-up date,
sees the citizen's document arrive through the status link and closes with an outcome chosen
by hand; the citizen's status page follows along: caseworker, letters, the next step, the
outcome with the closing letter."""

import datetime as dt
import re

import pytest
from playwright.sync_api import expect

from complaints.models import Complaint, Incoming, OutgoingLetter
from core.models import CaseNote
from tests.factories import ContactPersonFactory, UserFactory, department

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_case_from_ufordelte_to_the_closing_letter(live_server, browser):
    UserFactory(username="dag-jurist", first_name="Jonas", last_name="Juul", roles=["jurist"])
    ContactPersonFactory(name="Mette Vinther", department=department("SOF"))
    base = live_server.url
    citizen = browser.new_context(locale="da-DK").new_page()
    jurist = browser.new_context(locale="da-DK").new_page()

    # The citizen files a complaint through the digital form.
    citizen.goto(f"{base}/klage/")
    citizen.get_by_label("Ja").check()
    citizen.get_by_role("button", name="Fortsæt").click()
    citizen.get_by_label("Hvilken del af kommunen handler klagen om?").select_option(
        label="Socialforvaltningen"
    )
    citizen.get_by_label("Hvad handler din klage om?").fill("Jeg har ventet et halvt år på en kørestol.")
    citizen.get_by_label("Dit navn").fill("Karen Hansen")
    citizen.get_by_label("E-mail").fill("karen@example.invalid")
    citizen.get_by_role("button", name="Send klagen").click()
    status_url = citizen.locator("#status-link").get_attribute("href")
    complaint = Complaint.objects.get()

    # It waits under "Ufordelte"; the jurist takes it.
    jurist.goto(f"{base}/log-ind/")
    jurist.get_by_label("Brugernavn").fill("dag-jurist")
    jurist.get_by_label("Adgangskode").fill("correct horse battery")
    jurist.get_by_role("button", name="Log ind").click()
    jurist.goto(f"{base}/sager/?scope=unassigned")
    jurist.get_by_role("link", name=complaint.case_number).click()
    jurist.get_by_role("button", name="Tag sagen").click()
    expect(jurist.locator(".message--success")).to_have_text("Du er nu ansvarlig for sagen.")

    # A call with the department's contact person, on the case without a change of state.
    # Writing a note, a letter or a follow-up date starts from the top of the case page.
    notes = jurist.locator("#work-note")
    notes.locator("summary", has_text="Skriv et notat eller en samtale").click()
    notes.get_by_label("Telefonsamtale").check()
    notes.get_by_label("Kontaktperson").select_option(label="Mette Vinther (SOF)")
    notes.get_by_label("Resumé").fill("Mette undersøger, hvor ansøgningen ligger.")
    notes.get_by_role("button", name="Gem notatet").click()
    expect(jurist.locator(".message--success")).to_have_text("Notatet er gemt.")
    expect(jurist.locator("#timeline-h ~ ol")).to_contain_text("Telefonsamtale med Mette Vinther")

    # A request for information to the citizen.
    letters = jurist.locator("#work-letter")
    letters.locator("summary", has_text="Skriv et brev").click()
    letters.get_by_label(re.compile("^Brev")).select_option(label="Anmodning om oplysninger til borgeren")
    letters.get_by_label("Din tekst i brevet").fill("Send os venligst afslaget fra hjælpemiddelcentret.")
    letters.get_by_role("button", name="Send brevet").click()
    expect(jurist.locator(".message--success")).to_have_text("Brevet er sendt og journaliseret på sagen.")

    # The citizen sees the caseworker and the letter, and sends the document.
    citizen.goto(status_url)
    expect(citizen.locator("main")).to_contain_text("Din sag behandles af Jonas.")
    expect(citizen.get_by_role("link", name=re.compile("^Vi har brug for flere oplysninger"))).to_be_visible()
    citizen.get_by_label("Din besked").fill("Her er afslaget.")
    citizen.get_by_label("Et dokument (valgfrit)").set_input_files(
        files=[{"name": "afslag.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF\n"}]
    )
    citizen.get_by_role("button", name="Send", exact=True).click()
    expect(citizen.locator(".message--success")).to_contain_text("Vi har modtaget din besked")

    # The jurist sees it flagged in "Mine sager" and on the case.
    jurist.goto(f"{base}/sager/")
    expect(jurist.locator("tr", has_text=complaint.case_number)).to_contain_text("Ny besked")
    jurist.get_by_role("link", name=complaint.case_number).click()
    # The new message stands out at the top and in the timeline.
    expect(jurist.locator(".case-header__new")).to_contain_text("Ny besked fra Karen Hansen")
    expect(jurist.locator(".timeline__incoming--new")).to_contain_text("Her er afslaget.")
    expect(jurist.get_by_role("link", name="afslag.pdf").first).to_be_visible()

    # Screening, a complaint point, a written inquiry with its deadline, a follow-up date.
    def unfold(label):
        """A move's form: the first moves are shown, the others behind "Flere handlinger"."""
        summary = jurist.locator("summary", has_text=label)
        if not summary.is_visible():
            jurist.locator("summary", has_text="Flere handlinger").click()
        summary.click()

    def act(label):
        unfold(label)
        jurist.get_by_role("button", name=label).click()

    act("Start visitering")
    jurist.locator("summary", has_text="Tilføj et klagepunkt").click()
    jurist.get_by_label("Tema").select_option(label="Sagsbehandlingstid/manglende svar")
    jurist.get_by_role("button", name="Tilføj", exact=True).click()
    act("Skriv til forvaltningen")
    due = dt.date.today() + dt.timedelta(days=14)
    jurist.locator("summary", has_text="Registrér en skriftlig forelæggelse").click()
    jurist.get_by_label("Svarfrist").fill(due.isoformat())
    jurist.get_by_role("button", name="Registrér", exact=True).click()
    follow_up = dt.date.today() + dt.timedelta(days=20)
    follow = jurist.locator("#work-follow-up")
    follow.locator("summary", has_text="Sæt en opfølgningsdato").click()
    follow.get_by_label("Opfølgningsdato").fill(follow_up.isoformat())
    follow.get_by_label("Hvad skal følges op").fill("Forvaltningen melder tilbage.")
    follow.get_by_role("button", name="Gem opfølgningsdatoen").click()
    expect(jurist.locator("#follow-up-date")).to_contain_text("Forvaltningen melder tilbage.")

    # The citizen's page tells the next step and its date.
    citizen.goto(status_url)
    months = ["januar", "februar", "marts", "april", "maj", "juni", "juli", "august", "september",
              "oktober", "november", "december"]  # fmt: skip
    expect(citizen.locator("#next-step")).to_have_text(
        f"Vi har bedt forvaltningen svare senest {due.day}. {months[due.month - 1]} {due.year}."
    )

    # The department answers; the jurist closes with an outcome chosen by hand, and writes.
    jurist.get_by_role("button", name="Registrér svaret").click()
    expect(jurist.locator(".message--success")).to_be_visible()
    unfold("Afslut sagen")
    expect(jurist.get_by_label("Udfald")).to_have_value("")
    jurist.get_by_label("Udfald").select_option("partly_upheld")
    jurist.get_by_label(re.compile(r"^Løst")).select_option("solved")
    jurist.locator("fieldset", has_text="erkendt en fejl").get_by_label("Ja").check()
    jurist.locator("fieldset", has_text="lovlighed").get_by_label("Nej").check()
    jurist.get_by_label(re.compile("Vurdering af klagepunktet")).select_option("partly")
    jurist.get_by_role("button", name="Afslut sagen").click()
    expect(jurist.locator(".message--success")).to_contain_text("Afsluttet")
    letters = jurist.locator("#work-letter")
    letters.locator("summary", has_text="Skriv et brev").click()
    letters.get_by_label(re.compile("^Brev")).select_option(label="Afslutningsbrev til borgeren")
    letters.get_by_label("Din tekst i brevet").fill("Forvaltningen har nu bevilget kørestolen.")
    letters.get_by_role("button", name="Send brevet").click()
    expect(jurist.locator(".message--success")).to_have_text("Brevet er sendt og journaliseret på sagen.")

    # The citizen reads the outcome and the closing letter.
    citizen.goto(status_url)
    expect(citizen.locator("main")).to_contain_text("Vi fandt, at du delvist havde ret i din klage.")
    with citizen.expect_download() as download:
        citizen.get_by_role("link", name=re.compile("Afslutning af din sag")).click(modifiers=["Alt"])
    assert download.value.suggested_filename == f"closing-{complaint.case_number}.pdf"

    complaint.refresh_from_db()
    assert (complaint.state, complaint.outcome, complaint.responsible.username) == (
        "closed",
        "partly_upheld",
        "dag-jurist",
    )
    assert CaseNote.objects.filter(complaint=complaint, kind="call").count() == 1
    assert Incoming.objects.filter(complaint=complaint, channel="status_page").count() == 1
    assert list(OutgoingLetter.objects.filter(complaint=complaint).values_list("code", flat=True)) == [
        "information_request",
        "closing",
    ]
    assert complaint.follow_up_on == follow_up

"""An anonymous report, the unit's acknowledgement and question, the reporter's answer with
the receipt code, the unit's feedback — and the reporter reads it. In a real browser."""

import re

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from tests.factories import UserFactory
from whistleblower.models import Report

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_anonymous_report_round_trip(live_server, page, browser):
    member = UserFactory(username="e2e-wb", first_name="Wilma", roles=["whistleblower_unit"])
    device = TOTPDevice.objects.create(user=member, name="app", confirmed=True)
    base = live_server.url

    # The reporter, anonymously.
    page.goto(f"{base}/whistleblower/")
    page.get_by_role("link", name="Indberet").click()
    page.get_by_label("Hvad er der sket?").fill("Der bliver snydt med timeregistreringen på værkstedet.")
    page.get_by_role("button", name="Send indberetningen").click()
    code = page.locator("#receipt-code").inner_text()
    assert re.fullmatch(r"[A-Z2-7]{4}(-[A-Z2-7]{2,4}){5}", code)
    assert page.context.cookies() == []  # the portal set no cookie

    # The unit: sign in, second factor, acknowledge and ask.
    unit = page.context.browser.new_context(locale="da-DK").new_page()
    unit.goto(f"{base}/log-ind/")
    unit.get_by_label("Brugernavn").fill("e2e-wb")
    unit.get_by_label("Adgangskode").fill("correct horse battery")
    unit.get_by_role("button", name="Log ind").click()
    unit.goto(f"{base}/whistleblower/enhed/")
    expect(unit.locator("h1")).to_have_text("Anden faktor til whistleblowerenheden")
    unit.get_by_label(re.compile("Kode fra din godkendelsesapp")).fill(f"{totp(device.bin_key):06d}")
    unit.get_by_role("button", name="Bekræft").click()
    expect(unit.locator("h1")).to_have_text("Whistleblowerindberetninger")
    reference = Report.objects.get().reference
    unit.get_by_role("link", name=reference).click()
    unit.locator("summary", has_text="Kvittér for modtagelsen").click()
    unit.locator("#id_acknowledge-message").fill("Tak for din indberetning. Vi ser på den.")
    unit.get_by_role("button", name="Kvittér for modtagelsen").click()
    unit.locator("summary", has_text="Skriv til indberetteren").click()
    unit.locator("#id_msg-body").fill("Hvilke dage har du set det?")
    unit.get_by_role("button", name="Send", exact=True).click()
    expect(unit.locator(".message--success")).to_contain_text("Beskeden ligger klar")

    # The reporter answers with the receipt code.
    page.goto(f"{base}/whistleblower/")
    page.get_by_label("Din kvitteringskode").fill(code)
    page.get_by_role("button", name="Åbn min indberetning").click()
    expect(page.locator("#messages")).to_contain_text("Hvilke dage har du set det?")
    page.get_by_label(re.compile("Dit svar eller flere oplysninger")).fill("Mandage og fredage i marts.")
    page.get_by_role("button", name="Send", exact=True).click()
    expect(page.locator(".message--success")).to_contain_text("Din besked er sendt")

    # The unit triages, investigates and concludes with feedback.
    unit.reload()
    expect(unit.locator("main")).to_contain_text("Mandage og fredage i marts.")
    unit.locator("summary", has_text="Visitér").click()
    unit.get_by_label(re.compile("^Emne")).fill("Timeregistrering på værkstedet")
    unit.locator("#id_triage-theme_1").select_option("internal_rules")
    unit.get_by_role("button", name="Visitér").click()
    unit.locator("summary", has_text="Start undersøgelsen").click()
    unit.get_by_role("button", name="Start undersøgelsen").click()
    unit.locator("summary", has_text="Afslut med feedback").click()
    unit.locator("#id_conclude-message").fill("Vi har undersøgt sagen, og registreringen er rettet.")
    unit.get_by_role("button", name="Afslut med feedback").click()
    expect(unit.locator(".message--success")).to_contain_text("Indberetningen er opdateret")

    # The reporter reads the feedback.
    page.goto(f"{base}/whistleblower/")
    page.get_by_label("Din kvitteringskode").fill(code)
    page.get_by_role("button", name="Åbn min indberetning").click()
    expect(page.locator("#stage")).to_have_text("Vi har givet vores feedback.")
    expect(page.locator("#messages")).to_contain_text("registreringen er rettet")
    assert Report.objects.get().state == "concluded"
    assert page.console_errors == []

"""Reflow (WCAG 1.4.10) in a real browser: the public, whistleblower and case pages at 320 px, and
the secretariat's and the statistics' pages at 375 px — nothing wider than the screen, a wide
table only in a scrolling box the keyboard reaches."""

import pytest
from playwright.sync_api import expect

from tests.browser import axe
from tests.browser.pages import WIDER_THAN_SCREEN, dt_date, signed_in
from whistleblower import services as wb_services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize(
    "path", ["/klage/?complained_first=yes", "/whistleblower/indberet/", "/tilgaengelighed/"]
)
def test_public_pages_reflow_at_320_px(live_server, browser, path, tmp_path):
    """WCAG 1.4.10: at 320 CSS pixels nothing needs sideways scrolling, also in the error state."""
    context = browser.new_context(locale="da-DK", viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + path)
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    if page.locator("main form").count():
        page.locator("main button[type=submit]").last.click()
        expect(page.locator(".error-summary")).to_be_visible()
        assert page.evaluate(WIDER_THAN_SCREEN) == []
    page.screenshot(path=str(tmp_path / "page.png"), full_page=True)
    context.close()


def test_whistleblower_pages_reflow_at_320_px(live_server, browser, settings, tmp_path):
    """The portal's receipt and follow-up, and the unit's desk and report, at 320 px."""
    from tests.factories import UserFactory

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    UserFactory(username="smal-wb", roles=["whistleblower_unit"])
    report, code = wb_services.report_submit(body="Der bliver snydt med kørselsgodtgørelsen på værkstedet.")
    base = live_server.url
    context = browser.new_context(locale="da-DK", viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(base + "/whistleblower/indberet/")
    page.get_by_label("Hvad er der sket?").fill("Noget alvorligt på værkstedet.")
    page.get_by_role("button", name="Send indberetningen").click()
    expect(page.locator("#receipt-code")).to_be_visible()
    assert page.evaluate(WIDER_THAN_SCREEN) == [], "receipt"
    page.goto(base + "/whistleblower/")
    page.get_by_label("Din kvitteringskode").fill(code)
    page.get_by_role("button", name="Åbn min indberetning").click()
    expect(page.locator("h1")).to_have_text("Din indberetning")  # the new page, not the old one
    assert page.evaluate(WIDER_THAN_SCREEN) == [], "follow-up"
    context.close()
    unit = signed_in(browser, base, "smal-wb", second_factor=True)
    unit.set_viewport_size({"width": 320, "height": 640})
    for path in (
        "/whistleblower/enhed/",
        f"/whistleblower/enhed/{report.pk}/",
        "/whistleblower/enhed/medlemmer/",
    ):
        unit.goto(base + path)
        assert unit.evaluate(WIDER_THAN_SCREEN) == [], path
    # At 375 px the desk shows the first report near the top, its deadline on the screen.
    unit.set_viewport_size({"width": 375, "height": 700})
    unit.goto(base + "/whistleblower/enhed/")
    row = unit.locator("tbody tr").first
    box = row.locator("td").nth(1).bounding_box()
    assert box["x"] + box["width"] <= 375 and box["y"] < 700, box
    expect(row.locator("td").nth(1)).to_contain_text("Kvittering")


def test_case_pages_reflow_at_320_px(live_server, browser):
    """The case page (complaint points), the supervision page (findings) and the recommendations
    tracker at 320 px: wide tables scroll inside a wrapper the keyboard reaches, nothing else."""
    from tests.factories import ComplaintFactory, SupervisionFactory, UserFactory, department

    narrow = UserFactory(username="smal-jurist", roles=["jurist", "head"])
    complaint = ComplaintFactory(
        state="telephone", themes=["delay", "guidance"], summary="Borgeren venter på en kørestol."
    )
    from core import notes

    notes.note_add(
        case="complaint",
        instance=complaint,
        by=narrow,
        data={"kind": "call", "contact_name": "Teamleder i Borgercenter Handicap", "text": "Svar i morgen."},
    )
    supervision = SupervisionFactory(departments=["SOF", "BUF", "TMF"])
    from supervision.models import Finding, Recommendation

    for code in ("SOF", "BUF", "TMF"):
        Finding.objects.create(
            supervision=supervision,
            department=department(code),
            value="partly_meets",
            note="Kurset er ikke obligatorisk for erfarne medarbejdere.",
        )
    Recommendation.objects.create(
        supervision=supervision,
        kind="recommendation",
        department=department("SOF"),
        text="Indfør kurset for alle nye sagsbehandlere inden for tre måneder.",
    )
    from consultations import services

    consultation = services.consultation_create(
        by=narrow, kind="teaching", channel="meeting", topic="Undervisning i god forvaltningsskik"
    )
    notes.note_add(case="consultation", instance=consultation, by=narrow, data={"text": "Slides sendt."})
    page = signed_in(browser, live_server.url, "smal-jurist")
    page.set_viewport_size({"width": 320, "height": 640})
    for path in (
        f"/sager/{complaint.pk}/",
        f"/tilsyn/{supervision.pk}/",
        "/tilsyn/anbefalinger/",
        "/sager/belastning/",
        f"/konsultativ-bistand/{consultation.pk}/",
        "/soeg/?q=k%C3%B8restol",
    ):
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        assert page.evaluate(WIDER_THAN_SCREEN) == [], path
        # Every table sits in a scrolling region the keyboard can reach.
        assert page.evaluate(
            "() => [...document.querySelectorAll('main table')]"
            ".every(t => t.closest('.table-wrap[tabindex=\"0\"]'))"
        ), path
    page.context.close()


def test_the_outbox_a_draft_edition_statistics_and_the_queue_reflow_at_375_px(live_server, browser, settings):
    """Pages that once scrolled sideways at 375 px (issue 24): the outbox (a visually hidden label
    outside its table's scroll box), a draft edition (the same), a department's statistics (the
    themes without a scroll box), and the queue with its tabs, search line and filters open."""
    from annual_report import services as report_services
    from ops.models import OutboxMessage
    from tests.factories import ComplaintFactory, UserFactory

    UserFactory(username="smal-sekretariat", roles=["secretariat"])
    UserFactory(username="smal-chef", roles=["head"])
    UserFactory(username="smal-udvalg", roles=["committee"])
    jurist = UserFactory(username="smal-sagsbehandler", roles=["jurist"])
    failed = OutboxMessage.objects.create(
        subject="Nyt i din sag", body="…", recipients=["borger@example.invalid"], purpose="complainant notice"
    )
    OutboxMessage.objects.filter(pk=failed.pk).update(
        state="failed", attempts=7, last_error="SMTPServerDisconnected"
    )
    report_services.edition_for_year(2023)
    ComplaintFactory(
        responsible=jurist,
        state="written",
        channel="email",
        person_name="Karen Kirkegaard-Andersen",
        received_on=dt_date(2023, 5, 1),
        themes=["delay", "guidance"],
    )
    for username, path in [
        ("smal-sekretariat", "/udbakke/"),
        ("smal-chef", "/beretning/2023/"),
        ("smal-udvalg", "/statistik/SOF/?year=2023"),
        ("smal-udvalg", "/statistik/?year=2023"),
        ("smal-sagsbehandler", "/sager/?scope=open&kind=complaint"),
    ]:
        page = signed_in(browser, live_server.url, username)
        page.set_viewport_size({"width": 375, "height": 700})
        assert page.goto(live_server.url + path).status == 200, path
        axe.open_details(page)
        assert page.evaluate(WIDER_THAN_SCREEN) == [], path
        page.context.close()

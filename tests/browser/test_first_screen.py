"""The day's work on the first screen: the case page puts what is due first, and each role finds
its work without scrolling."""

import pytest
from playwright.sync_api import expect

from tests.browser.pages import WIDER_THAN_SCREEN, signed_in
from tests.demo import seed_demo

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_the_case_page_puts_the_days_work_first(live_server, browser):
    """Issue 24: at 1280 × 800 the jurist's daily actions (a note or a call, a letter, a
    follow-up date, the moves) and the citizen's new message are within the first 1.2 screen
    heights; at 375 px the header and the moves come before the case data."""
    from complaints import services
    from core import notes
    from tests.factories import ComplaintFactory, ContactPersonFactory, UserFactory

    jurist = UserFactory(username="dag-jurist2", first_name="Jonas", last_name="Juul", roles=["jurist"])
    complaint = ComplaintFactory(
        state="screening",
        channel="email",
        responsible=jurist,
        person_name="Karen Kirkegaard",
        contact_email="karen.kirkegaard-andersen@example.invalid",
        summary="Borgeren har ventet et halvt år på en kørestol. " * 5,
        themes=["delay", "guidance"],
    )
    contact = ContactPersonFactory(name="Mette Vinther")
    for i in range(12):
        notes.note_add(
            case="complaint",
            instance=complaint,
            by=jurist,
            data={"kind": "call", "contact": contact, "text": f"Samtale nummer {i} om kørestolen."},
        )
    services.incoming_from_citizen(complaint=complaint, text="Her er lægeerklæringen.")

    def top(page, selector) -> float:
        return page.evaluate(
            "s => document.querySelector(s).getBoundingClientRect().top + window.scrollY", selector
        )

    page = signed_in(browser, live_server.url, "dag-jurist2")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + f"/sager/{complaint.pk}/")
    limit = 1.2 * 800
    for selector in ("#work-note > summary", "#work-letter > summary", "#work-follow-up > summary",
                     "#actions-h", ".case-header__new"):  # fmt: skip
        assert top(page, selector) < limit, selector
    expect(page.locator(".case-header__new")).to_contain_text("Ny besked fra Karen Kirkegaard")
    # The form to change caseworker is not squeezed into the data list's label column.
    page.locator("summary", has_text="Skift sagsbehandler").click()
    width = page.evaluate(
        "() => document.querySelector('#id_reassign-responsible').getBoundingClientRect().width"
    )
    assert width > 200
    page.context.close()

    page = signed_in(browser, live_server.url, "dag-jurist2")
    page.set_viewport_size({"width": 375, "height": 700})
    page.goto(live_server.url + f"/sager/{complaint.pk}/")
    assert top(page, ".case-header") < top(page, "#work-h") < top(page, "#actions-h") < top(page, "#facts-h")
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    page.context.close()


def test_each_role_finds_its_days_work_on_the_first_screen(live_server, browser):
    """Issue 24: on the demo data at 1280 × 800, what each role opens its day with is within the
    first 1.2 screen heights — the jurist's list and a case's work, the head's caseworkers, the
    unit's first report and its conversation, the committee's first chart, the secretariat's
    failed mail."""
    seed_demo()
    from ops.models import OutboxMessage

    failed = OutboxMessage.objects.create(
        subject="Nyt i din sag", body="…", recipients=["borger@example.invalid"], purpose="complainant notice"
    )
    OutboxMessage.objects.filter(pk=failed.pk).update(
        state="failed", attempts=7, last_error="SMTPServerDisconnected"
    )
    base, limit = live_server.url, 1.2 * 800

    def top(page, selector) -> float:
        page.locator(selector).first.wait_for()
        return page.evaluate(
            "s => document.querySelector(s).getBoundingClientRect().top + window.scrollY", selector
        )

    jurist = signed_in(browser, base, "jurist", width=1280)
    jurist.goto(base + "/sager/")
    assert top(jurist, "tbody tr") < limit
    jurist.locator("tbody tr a").first.click()
    for selector in (
        "#work-note > summary",
        "#work-letter > summary",
        "#work-follow-up > summary",
        "#actions-h",
    ):
        assert top(jurist, selector) < limit, selector
    head = signed_in(browser, base, "borgerraadgiver", width=1280)
    head.goto(base + "/sager/belastning/")
    assert top(head, "tbody th a") < limit
    unit = signed_in(browser, base, "wbenhed", second_factor=True, width=1280)
    unit.goto(base + "/whistleblower/enhed/")
    assert top(unit, "tbody tr") < limit
    unit.locator("tbody tr a").first.click()
    assert top(unit, "#msg-h") < limit
    committee = signed_in(browser, base, "udvalg", width=1280)
    committee.goto(base + "/statistik/?year=2023")
    assert top(committee, ".chart__plot") < limit
    secretariat = signed_in(browser, base, "sekretariat", width=1280)
    secretariat.goto(base + "/udbakke/")
    assert top(secretariat, "main form button") < limit

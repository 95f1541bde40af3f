"""WCAG 2.1 AA in a real browser: axe-core (vendored, tests/browser/vendor/axe-core) on every
page a persona reaches, on the demo data, including error states and the forms folded away
behind the case pages' actions. Zero violations of any impact (minor included)."""

from io import StringIO

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from annual_report.models import Edition
from complaints.models import Complaint
from supervision.models import Supervision
from tests.browser import axe
from tests.sessions import sign_in_with_second_factor
from whistleblower import services as wb_services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def signed_in(browser, base, username, *, second_factor=False, width=1280):
    """A browser context carrying a Django session for ``username`` (no login form round trip;
    the login page itself is checked as an anonymous page), ``width`` CSS pixels wide."""
    user = get_user_model().objects.get(username=username)
    client = Client()
    if second_factor:
        sign_in_with_second_factor(client, user)
    else:
        client.force_login(user)
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 800})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": base,
            }
        ]
    )
    axe.install(context)
    return context.new_page()


@pytest.mark.parametrize("width", [1280, 375])
def test_no_axe_violation_of_any_impact_on_any_persona_page(live_server, browser, width):
    """Every page a persona reaches, at desktop width and at a phone's 375 px; at 375 px nothing
    is wider than the screen either (WCAG 1.4.10)."""
    call_command("seed_demo", stdout=StringIO())
    base = live_server.url
    found: list[dict] = []
    wide: list[str] = []

    def as_user(username, **kwargs):
        return signed_in(browser, base, username, width=width, **kwargs)

    def check(page, path, label=None, *, details=False):
        if path is not None:
            response = page.goto(base + path)
            assert response.status == 200, (path, response.status)
        if details:
            axe.open_details(page)
        found.extend(axe.audit(page, label or path))
        if width < 400:
            wide.extend(f"{label or path}: {what}" for what in page.evaluate(WIDER_THAN_SCREEN))
        else:  # at desktop width no table needs its scroll box
            wide.extend(f"{label or path}: {what}" for what in page.evaluate(TABLES_OUTSIDE_THEIR_BOX))

    # Anonymous: the public pages, each with its error state.
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 800})
    axe.install(context)
    anon = context.new_page()
    check(anon, "/log-ind/")
    anon.get_by_role("button", name="Log ind").click()
    expect(anon.locator(".error-summary")).to_be_visible()
    check(anon, None, "/log-ind/ (error)")
    check(anon, "/tilgaengelighed/")
    check(anon, "/klage/")
    anon.get_by_role("button", name="Fortsæt").click()
    expect(anon.locator(".error-summary")).to_be_visible()
    check(anon, None, "/klage/ step 1 (error)")
    anon.get_by_label("Ja").check()
    anon.get_by_role("button", name="Fortsæt").click()
    expect(anon.get_by_label("Hvad handler din klage om?")).to_be_visible()
    check(anon, None, "/klage/ step 2")
    anon.get_by_label("E-mail").fill("ikke-en-adresse")
    anon.get_by_role("button", name="Send klagen").click()
    expect(anon.locator(".error-summary")).to_be_visible()
    check(anon, None, "/klage/ step 2 (error)")
    anon.get_by_label("Hvilken del af kommunen handler klagen om?").select_option(label="Socialforvaltningen")
    anon.get_by_label("Hvad handler din klage om?").fill("Jeg har ventet et halvt år på en kørestol.")
    anon.get_by_label("Dit navn").fill("Karen Hansen")
    anon.get_by_label("E-mail").fill("")
    anon.get_by_label("Telefon").fill("33 66 14 00")
    anon.get_by_role("button", name="Send klagen").click()
    expect(anon.get_by_role("button", name="Send mig linket")).to_be_visible()
    check(anon, None, "/klage/ (receipt, offering to e-mail the link)")
    complaint = Complaint.objects.filter(state="closed").order_by("-closed_on").first()
    check(anon, f"/min-sag/{complaint.public_token}/", "/min-sag/<token>/")
    anon.get_by_role("button", name="Send", exact=True).click()
    expect(anon.locator(".error-summary")).to_be_visible()
    check(anon, None, "/min-sag/<token>/ (message error)")
    check(anon, "/whistleblower/")
    check(anon, "/whistleblower/indberet/")
    anon.get_by_role("button", name="Send indberetningen").click()
    expect(anon.locator(".error-summary")).to_be_visible()
    check(anon, None, "/whistleblower/indberet/ (error)")
    report, code = wb_services.report_submit(body="Der bliver snydt med kørselsgodtgørelsen.")
    anon.goto(base + "/whistleblower/")
    anon.get_by_label("Din kvitteringskode").fill("AAAA-BB-CCCC-DDDD-EEEE-FFFF")
    anon.get_by_role("button", name="Åbn min indberetning").click()
    anon.wait_for_url("**/whistleblower/opfoelgning/**")  # the answer, not the page before it
    check(anon, None, "/whistleblower/opfoelgning/ (wrong code)")
    anon.goto(base + "/whistleblower/")
    anon.get_by_label("Din kvitteringskode").fill(code)
    anon.get_by_role("button", name="Åbn min indberetning").click()
    expect(anon.locator("h1")).to_have_text("Din indberetning")
    check(anon, None, "/whistleblower/opfoelgning/ (follow-up)")
    check(anon, "/whistleblower/?sprog=en", "/whistleblower/ (English)")
    anon.goto(base + "/whistleblower/indberet/")
    anon.get_by_label("Hvad er der sket?").fill("Der bliver snydt med kørselsgodtgørelsen.")
    anon.get_by_role("button", name="Send indberetningen").click()
    expect(anon.locator("#receipt-code")).to_be_visible()
    check(anon, None, "/whistleblower/indberet/ (receipt)")
    context.close()

    # The jurist's day: front page, queue, a case with every action unfolded, intake.
    jurist = as_user("jurist")
    check(jurist, "/")
    check(jurist, "/sager/")
    check(jurist, "/sager/?scope=all&q=a", "/sager/ (filtered)")
    open_case = Complaint.objects.exclude(state="closed").order_by("-received_on").first()
    from complaints.models import Consultation
    from core import notes

    demo_jurist = get_user_model().objects.get(username="jurist")
    call = {"kind": "call", "contact_name": "Mette fra Jobcenter", "text": "Svar i morgen."}
    notes.note_add(case="complaint", instance=open_case, by=demo_jurist, data=call)
    check(jurist, f"/sager/{open_case.pk}/", "/sager/<open case>/", details=True)
    check(jurist, f"/sager/{complaint.pk}/", "/sager/<closed case>/", details=True)
    check(jurist, "/sager/ny/")
    check(jurist, "/soeg/")
    check(jurist, "/soeg/?q=svar", "/soeg/ (results)")
    check(jurist, "/konsultativ-bistand/")
    consultation = Consultation.objects.order_by("pk").first()
    notes.note_add(case="consultation", instance=consultation, by=demo_jurist, data=call)
    check(jurist, f"/konsultativ-bistand/{consultation.pk}/", "/konsultativ-bistand/<pk>/", details=True)

    # The head: supervisions, the learning tracker, the yearly report.
    head = as_user("borgerraadgiver")
    check(head, "/tilsyn/")
    supervision = Supervision.objects.exclude(state="closed").order_by("-opened_on").first()
    check(head, f"/tilsyn/{supervision.pk}/", "/tilsyn/<pk>/", details=True)
    check(head, "/tilsyn/anbefalinger/")
    check(head, "/sager/belastning/")
    edition = Edition.objects.get(year=2023)  # the demo's, with every kind of item
    check(head, "/beretning/")
    check(head, "/beretning/2023/", details=True)
    for kind, item in [
        ("kapitel", edition.chapters.first()),
        ("anbefaling", edition.recommendations.first()),
        ("eksempel", edition.examples.first()),
        ("resultat", edition.results.first()),
    ]:
        check(head, f"/beretning/2023/{kind}/{item.pk}/", f"/beretning/2023/{kind}/<pk>/")
    head.get_by_role("button", name="Gem").click()
    expect(head.locator(".message--success")).to_be_visible()  # the answer, not the page before it
    check(head, None, "/beretning/2023/resultat/<pk>/ (saved)")
    head.goto(base + "/beretning/2023/eksempel/ny/")
    head.get_by_role("button", name="Gem").click()
    expect(head.locator(".error-summary")).to_be_visible()
    check(head, None, "/beretning/2023/eksempel/ny/ (error)")

    # The committee: the dashboard and a department's page (charts drawn, tables beside them).
    committee = as_user("udvalg")
    check(committee, "/statistik/?year=2023", "/statistik/")
    expect(committee.locator(".js-plotly-plot").first).to_be_visible()
    from core.models import Department

    for code in Department.objects.values_list("code", flat=True):  # every department's page
        check(committee, f"/statistik/{code}/?year=2023", f"/statistik/{code}/")

    # The whistleblower unit: the second-factor pages (enrolment code, its error, the key),
    # the queue, a report, the members page with its forms unfolded and an issued code.
    unit_setup = as_user("wbenhed")
    check(unit_setup, "/whistleblower/enhed/2fa/", "/whistleblower/enhed/2fa/ (enrolment code)")
    unit_setup.get_by_label("Tilmeldingskode").fill("AAAA-BBBB-CCCC-DDDD")
    unit_setup.get_by_role("button", name="Fortsæt").click()
    expect(unit_setup.locator(".error-summary")).to_be_visible()
    check(unit_setup, None, "/whistleblower/enhed/2fa/ (wrong code)")
    wilma = get_user_model().objects.get(username="wbenhed")
    colleague = get_user_model().objects.create_user("wbkollega", first_name="Kaj", last_name="Kollega")
    unit_member = as_user("wbenhed", second_factor=True)
    from whistleblower import membership

    code = membership.member_add(user=colleague, by=wilma, reason="Ny kollega i enheden")
    newcomer = as_user("wbkollega")
    newcomer.goto(base + "/whistleblower/enhed/2fa/")
    newcomer.get_by_label("Tilmeldingskode").fill(code)
    newcomer.get_by_role("button", name="Fortsæt").click()
    expect(newcomer.locator("#totp-secret")).to_be_visible()
    check(newcomer, None, "/whistleblower/enhed/2fa/ (the key)")
    unit = unit_member
    check(unit, "/whistleblower/enhed/")
    check(unit, "/whistleblower/enhed/?q=k%C3%B8rsel&state=all&overdue=on", "/whistleblower/enhed/ (search)")
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.files import jpeg_with_gps

    photo = wb_services.report_file_add(
        report=report, upload=SimpleUploadedFile("foto.jpg", jpeg_with_gps()), sender="reporter"
    )
    from whistleblower.cleaning import report_file_clean

    report_file_clean(photo.pk)  # what the worker does after the commit
    wb_services.report_file_add(
        report=report,
        upload=SimpleUploadedFile("mail.eml", b"From: a@example.invalid\r\n\r\nHej"),
        sender="reporter",
    )
    check(unit, f"/whistleblower/enhed/{report.pk}/", "/whistleblower/enhed/<pk>/", details=True)
    check(unit, "/whistleblower/enhed/mundtlig/")
    check(unit, "/whistleblower/enhed/medlemmer/", details=True)
    # (the forms are unfolded by the check above)
    unit.locator(f"#code-reason-{colleague.pk}").fill("Ny telefon")
    unit.get_by_role("button", name="Udsted en ny kode").first.click()
    expect(unit.locator("#enrolment-code")).to_be_visible()
    check(unit, None, "/whistleblower/enhed/medlemmer/ (code issued)")

    # The secretariat: outgoing e-mail, with a failed message (its "send again" button).
    from core.models import OutboxMessage

    failed = OutboxMessage.objects.create(
        subject="Nyt i din sag", body="…", recipients=["borger@example.invalid"], purpose="complainant notice"
    )
    OutboxMessage.objects.filter(pk=failed.pk).update(
        state="failed", attempts=7, last_error="SMTPServerDisconnected"
    )
    secretariat = as_user("sekretariat")
    check(secretariat, "/udbakke/")

    # Zero of any impact: a new minor finding is fixed (or explained in the accessibility
    # statement) too.
    assert found == [], "\n" + axe.describe(found)
    assert wide == [], "\n".join(wide)


def test_axe_reports_what_it_should(browser):
    """The harness itself: a page with an unlabelled field and grey-on-white text fails."""
    context = browser.new_context()
    axe.install(context)
    page = context.new_page()
    page.set_content(
        '<html lang="da"><head><title>t</title></head><body><main><h1>Side</h1>'
        '<input type="text" name="x"><p style="color:#bbb;background:#fff">Svag tekst</p>'
        "</main></body></html>"
    )
    ids = {v["id"]: v["impact"] for v in axe.audit(page, "broken")}
    assert ids.get("label") == "critical"
    assert ids.get("color-contrast") == "serious"
    context.close()


# A wide data table may scroll inside its own wrapper (WCAG 1.4.10 exempts data tables) when the
# wrapper can be reached and scrolled with the keyboard (tabindex="0"); nothing else may.
TABLES_OUTSIDE_THEIR_BOX = """() => [...document.querySelectorAll('.table-wrap')]
  .filter(wrap => wrap.scrollWidth > wrap.clientWidth + 1)
  .map(wrap => "a table " + (wrap.scrollWidth - wrap.clientWidth) + " px wider than its box: "
    + (wrap.innerText || "").slice(0, 40))"""

WIDER_THAN_SCREEN = """() => {
  const root = document.documentElement, width = root.clientWidth;
  // Inside a scrolling box the keyboard reaches, or clipped to nothing for screen readers only
  // (.visually-hidden: its text has boxes but shows nowhere; a real overflow still makes the page
  // scroll, which the last check catches).
  const inScroller = el => el.closest('.table-wrap[tabindex="0"], .visually-hidden') !== null;
  const wide = [...document.querySelectorAll("body *")]
    .filter(el => !inScroller(el))
    .filter(el => el.getBoundingClientRect().right > width + 0.5)
    .map(el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + ": " + (el.innerText || "").slice(0, 40));
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node; (node = walker.nextNode());) {
    if (node.parentElement && inScroller(node.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if ([...range.getClientRects()].some(r => r.right > width + 0.5)) {
      wide.push("text: " + node.textContent.trim().slice(0, 40));
    }
  }
  if (root.scrollWidth > width) wide.push("page scrolls sideways by " + (root.scrollWidth - width) + " px");
  document.querySelectorAll(".table-wrap").forEach(wrap => {
    if (wrap.scrollWidth > wrap.clientWidth && wrap.getAttribute("tabindex") !== "0")
      wide.push("a scrolling table the keyboard cannot reach: " + (wrap.innerText || "").slice(0, 40));
  });
  return wide;
}"""


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
    from complaints import services

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


def test_the_law_s_clocks_pages_have_no_axe_violation_at_1280_and_375_px(
    live_server, browser, settings, tmp_path
):
    """Issue 25's pages: a case page with a request for access and a disqualification on it, the
    request's page before the decision (its forms unfolded, then with the errors of a wrong
    decision) and after it, and the page a disqualified caseworker gets — axe at 1280 and 375
    px, and nothing wider than the screen at 375."""
    import datetime as dt

    from core import access
    from core.disqualification import disqualification_record
    from tests.factories import ComplaintFactory, UserFactory

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    jurist = UserFactory(username="frist-jurist", first_name="Peter", last_name="Holm", roles=["jurist"])
    head = UserFactory(username="frist-chef", roles=["head"])
    other = UserFactory(username="inhabil-jurist", first_name="Kirsten", last_name="Dahl", roles=["jurist"])
    complaint = ComplaintFactory(
        state="screening",
        channel="email",
        responsible=jurist,
        person_cpr="010190-1234",
        received_on=dt.date.today() - dt.timedelta(days=30),
        summary="Klage over sagsbehandlingstiden i Borgercenter Handicap, databeskyttelsesforordningen.",
    )
    disqualification_record(instance=complaint, person=other, by=head, reason="Nær relation til klageren.")
    data = {
        "requester": "representative",
        "requester_name": "Advokat Lise Berg",
        "requester_address": "Vesterbrogade 1, 1620 København V",
        "received_on": dt.date.today() - dt.timedelta(days=20),
        "basis": "gdpr_art15",
    }
    open_request = access.access_request_register(instance=complaint, by=jurist, data=data)
    decided = access.access_request_register(
        instance=complaint,
        by=jurist,
        data={**data, "basis": "offentlighedsloven", "requester": "third_party"},
    )
    documents = access.documents_of(decided)
    access.access_request_decide(
        access_request=decided, by=jurist, decisions={d.key: access.default_decision(d) for d in documents}
    )
    found = []
    for width in (1280, 375):
        page = signed_in(browser, live_server.url, "frist-jurist", width=width)
        for path in (
            f"/sager/{complaint.pk}/",
            f"/aktindsigt/{open_request.pk}/",
            f"/aktindsigt/{decided.pk}/",
        ):
            assert page.goto(live_server.url + path).status == 200, path
            axe.open_details(page)
            found.extend(axe.audit(page, f"{path} at {width}"))
            if width == 375:
                assert page.evaluate(WIDER_THAN_SCREEN) == [], path
        # A wrong decision: the errors.
        page.goto(live_server.url + f"/aktindsigt/{open_request.pk}/")
        page.locator("input[value=partial]").first.check()
        page.get_by_role("button", name="Træf afgørelsen og skriv brevet").click()
        expect(page.locator(".error-summary")).to_be_visible()
        found.extend(axe.audit(page, f"/aktindsigt/<open>/ (error) at {width}"))
        page.context.close()

        # The disqualified caseworker's page: the number and the fact.
        page = signed_in(browser, live_server.url, "inhabil-jurist", width=width)
        assert page.goto(live_server.url + f"/sager/{complaint.pk}/").status == 403
        expect(page.locator("main")).to_contain_text("Du er inhabil i denne sag")
        found.extend(axe.audit(page, f"403 disqualified at {width}"))
        page.context.close()
    assert found == [], "\n" + axe.describe(found)


def test_the_outbox_a_draft_edition_statistics_and_the_queue_reflow_at_375_px(live_server, browser, settings):
    """Pages that once scrolled sideways at 375 px (issue 24): the outbox (a visually hidden label
    outside its table's scroll box), a draft edition (the same), a department's statistics (the
    themes without a scroll box), and the queue with its tabs, search line and filters open."""
    from annual_report import services as report_services
    from core.models import OutboxMessage
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


def dt_date(*args):
    import datetime as dt

    return dt.date(*args)


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
    call_command("seed_demo", stdout=StringIO())
    from core.models import OutboxMessage

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


@pytest.mark.parametrize("width", [1280, 375])
def test_every_page_the_url_matrix_knows_reflows_and_passes_axe(
    live_server, browser, settings, tmp_path, width
):
    """Issue 24: every HTML page of the URL × role matrix (tests/security), as the first persona
    it opens for, has no axe-core violation at 1280 and 375 px; at 375 px nothing is wider than
    the screen, at 1280 px no table needs its scroll box. The admin is left out (the
    accessibility statement names it)."""
    from tests.security.test_url_matrix import EXPECTED
    from tests.security.world import build_world, url
    from tests.urls import all_url_samples

    settings.PRIVATE_MEDIA_ROOT = tmp_path
    world = build_world()
    from tests.factories import UserFactory

    users = {
        "jurist": UserFactory(username="m-jurist", roles=["jurist"]),
        "head": UserFactory(username="m-head", roles=["head"]),
        "committee": UserFactory(username="m-udvalg", roles=["committee"]),
        "secretariat": UserFactory(username="m-sekretariat", roles=["secretariat"]),
        "wb2fa": UserFactory(username="m-wb", roles=["whistleblower_unit"]),
    }
    pages = {
        persona: signed_in(
            browser, live_server.url, user.username, second_factor=persona == "wb2fa", width=width
        )
        for persona, user in users.items()
    }
    context = browser.new_context(locale="da-DK", viewport={"width": width, "height": 800})
    axe.install(context)
    pages["anon"] = context.new_page()
    wide, found, seen = [], [], 0
    for sample in all_url_samples():
        expected = EXPECTED.get(sample.name)
        if sample.name.startswith("admin:") or expected is None:
            continue
        persona = next((p for p in ("anon", *users) if expected.get(p) == 200), None)
        if persona is None:
            continue
        path = url(sample, world)
        # Only HTML pages: a letter, a file or an export is not a page (a download, or a PDF).
        try:
            response = pages[persona].goto(live_server.url + path)
        except PlaywrightError as exc:
            if "Download is starting" in str(exc):
                continue
            raise
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        seen += 1
        check = WIDER_THAN_SCREEN if width < 400 else TABLES_OUTSIDE_THEIR_BOX
        wide.extend(f"{sample.name} ({persona}): {what}" for what in pages[persona].evaluate(check))
        found.extend(axe.audit(pages[persona], f"{sample.name} ({persona}, {width} px)"))
    assert seen >= 35, seen  # the walk reached the matrix's pages (38 today), not a few
    assert wide == [], "\n".join(wide)
    assert found == [], "\n" + axe.describe(found)

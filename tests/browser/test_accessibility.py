"""WCAG 2.1 AA in a real browser: axe-core (vendored, tests/browser/vendor/axe-core) on every page
a persona reaches, on the demo data, including error states and the forms folded away behind the
case pages' actions. Zero violations of any impact (minor included)."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from annual_report.models import Edition
from complaints.models import Complaint
from supervision.models import Supervision
from tests.browser import axe
from tests.browser.pages import TABLES_OUTSIDE_THEIR_BOX, WIDER_THAN_SCREEN, signed_in
from tests.demo import seed_demo
from whistleblower import services as wb_services

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.parametrize("width", [1280, 375])
def test_no_axe_violation_of_any_impact_on_any_persona_page(live_server, browser, width):
    """Every page a persona reaches, at desktop width and at a phone's 375 px; at 375 px nothing
    is wider than the screen either (WCAG 1.4.10)."""
    seed_demo()
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
    from consultations.models import Consultation
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
    from ops.models import OutboxMessage

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

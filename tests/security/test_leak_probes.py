"""Leak probes: with whistleblower reports in the database, a crawler signs in as every
persona outside the unit, follows every link reachable from the start page — the admin, the
exports, the PDFs and the statistics included — and reads every answer (HTML, CSV, XLSX and
PDF text). No report text, person, reference number or receipt code may appear anywhere, and
no link may lead into the unit; whistleblower figures appear only on the statistics pages
and in the yearly report. The log of the whole crawl is read as well."""

import io
import logging
import re
from collections import Counter, deque
from urllib.parse import parse_qsl, urlencode, urljoin, urlparse

import pytest
from django.test import Client

from tests.factories import UserFactory
from tests.security.world import WB_BODY, WB_WITNESS, build_world
from tests.sessions import sign_in_with_second_factor
from whistleblower import services as wb_services
from whistleblower.models import Report

pytestmark = pytest.mark.django_db

HREF = re.compile(r"""href=["']([^"'#]+)""")
NEVER_FOLLOW = ("/log-ud/", "/admin/logout/", "/sprog/")
MAX_PAGES = 1500
MAX_VARIANTS = 6  # the same path with different query strings (sorting, filters, pages)
# The admin carries a list's filters and sorting into the links of its rows and forms
# (``?_changelist_filters=…``): the page it leads to is the object's own page, and the value only
# echoes the query string of a list page the crawler has read already. Followed without it, each
# object's pages are read once rather than once per sorting of every list that links to them.
ECHOED_PARAMETERS = {"_changelist_filters"}
# Pages allowed to show whistleblower figures (aggregates only) — DOMAIN §6 and §7.
FIGURE_PAGES = ("/statistik/", "/beretning/")


def readable(response) -> str:
    """What a person could read in the answer, whatever its format."""
    content_type = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "pdf" in content_type:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError

        try:
            return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(body)).pages)
        except (PdfReadError, ValueError):  # an uploaded file that is only PDF-shaped: its bytes
            return body.decode("latin-1")
    if "spreadsheet" in content_type:
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(body), read_only=True)
        return "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for sheet in book
            for row in sheet.iter_rows(values_only=True)
        )
    return body.decode("utf-8", errors="replace")


def crawl(client: Client) -> dict[str, str]:
    """Every page reachable by links from the start page: path → readable text."""
    seen: dict[str, str] = {}
    variants: Counter = Counter()
    queue = deque(["/"])
    queued = {"/"}
    while queue and len(seen) < MAX_PAGES:
        path = queue.popleft()
        if path in seen:
            continue
        response = client.get(path)
        if response.status_code in (301, 302):
            target = urlparse(response["Location"])
            if not target.netloc:
                queue.append(target.path + (f"?{target.query}" if target.query else ""))
            seen[path] = ""
            continue
        text = readable(response)
        seen[path] = text
        if "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(text):
            target = urlparse(urljoin(path, href.replace("&amp;", "&")))
            if target.netloc and target.netloc != "testserver":
                continue
            if target.path.startswith(NEVER_FOLLOW) or target.path.startswith("/static/"):
                continue
            query = urlencode(
                [
                    (k, v)
                    for k, v in parse_qsl(target.query, keep_blank_values=True)
                    if k not in ECHOED_PARAMETERS
                ]
            )
            full = target.path + (f"?{query}" if query else "")
            if full in seen or full in queued or (query and variants[target.path] >= MAX_VARIANTS):
                continue
            variants[target.path] += bool(query)
            queued.add(full)
            queue.append(full)
    return seen


@pytest.fixture
def reports(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    world = build_world()
    secrets = [WB_BODY, WB_WITNESS, "Anna Anonym", world.report_reference, world.receipt_code]
    # A few more, concluded, with their own words and people.
    for n in range(3):
        report, code = wb_services.report_submit(
            body=f"Indkøbschefen deler kontrakter ud til sin svoger, sag nummer {n}.",
            third_persons=f"Svogeren Sven Svendsen {n}",
            reporter_name=f"Bent Bange {n}",
        )
        secrets += [report.body, f"Svogeren Sven Svendsen {n}", f"Bent Bange {n}", report.reference, code]
    # A unit member who has handled one of them: a message, a timeline row and an access-log
    # row name the member — what the admin's delete page of that account used to list.
    handler = UserFactory(username="wb-handler", first_name="Hanne", roles=["whistleblower_unit"])
    wb_services.report_transition(
        report=report,
        action="acknowledge",
        by=handler,
        message="Vi har modtaget din indberetning om svogeren.",
    )
    wb_services.log_access(report=report, by=handler)
    secrets += ["Vi har modtaget din indberetning om svogeren."]
    assert Report.objects.count() == 4
    return secrets


def attempt_escalation(client, superuser) -> None:
    """What the audit did: the superuser puts themselves in the unit's group on their own user
    page and tries the second-factor page with the password alone. The crawl that follows must
    find nothing all the same."""
    from django.contrib.auth.models import Group

    from tests.whistleblower.test_membership import admin_form_data

    unit = Group.objects.get(name="whistleblower_unit")
    url = f"/admin/auth/user/{superuser.pk}/change/"
    data = admin_form_data(client.get(url))
    data["groups"] = [str(unit.pk)]
    client.post(url, data)
    client.post(f"/admin/auth/group/{unit.pk}/change/", {"name": "whistleblower_unit", "permissions": []})
    client.post("/whistleblower/enhed/2fa/", {"token": "123456"})
    assert not superuser.groups.filter(pk=unit.pk).exists()


def admin_probes(client) -> dict[str, str]:
    """The admin's pages about the unit's accounts and group — change, history, delete, and the
    bulk delete's confirmation — which no link need lead to: asked for directly."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    handler = get_user_model().objects.get(username="wb-handler")
    unit = Group.objects.get(name="whistleblower_unit")
    paths = [
        f"/admin/auth/user/{handler.pk}/change/",
        f"/admin/auth/user/{handler.pk}/history/",
        f"/admin/auth/user/{handler.pk}/delete/",
        f"/admin/auth/group/{unit.pk}/change/",
        f"/admin/auth/group/{unit.pk}/delete/",
    ]
    pages = {path: readable(client.get(path)) for path in paths}
    bulk = client.post("/admin/auth/user/", {"action": "delete_selected", "_selected_action": [handler.pk]})
    pages["/admin/auth/user/ (delete_selected)"] = readable(bulk)
    return pages


@pytest.mark.parametrize("persona", ["jurist", "head", "committee", "secretariat", "outsider", "superuser"])
def test_nothing_of_the_whistleblower_reports_reaches_anyone_outside_the_unit(
    persona, request, reports, caplog
):
    caplog.set_level(logging.DEBUG)
    client = Client()
    user = request.getfixturevalue(persona)
    client.force_login(user)
    if persona == "superuser":
        attempt_escalation(client, user)
    pages = crawl(client)
    pages.update(admin_probes(client))

    assert len(pages) < MAX_PAGES, "the crawl was cut short; raise MAX_PAGES"
    print(f"{persona}: {len(pages)} pages")
    assert len(pages) > {"outsider": 1}.get(persona, 5), sorted(pages)  # it did get around
    leaks = [(path, secret) for path, text in pages.items() for secret in reports if secret in text]
    assert leaks == []
    unit_links = [path for path, text in pages.items() if "/whistleblower/enhed" in text]
    assert unit_links == []
    # Outside the statistics and the yearly report, whistleblower reports are not even counted.
    mentions = [
        path
        for path, text in pages.items()
        if not path.startswith(FIGURE_PAGES)
        and re.search(r"whistleblowerindberetning|indberetninger|WB-\d{4}|report event|message:", text, re.I)
    ]
    assert mentions == []
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert [secret for secret in reports if secret in logged] == []


def test_the_crawler_does_find_the_reports_when_the_unit_looks(reports, wb_member, settings):
    """The probe itself: signed in as a verified unit member, the same crawl does meet the
    report texts and references — so an empty result above is not a blind crawler."""
    pages = crawl(sign_in_with_second_factor(Client(), wb_member))
    found = {secret for secret in reports for text in pages.values() if secret in text}
    assert WB_BODY in found
    assert {r.reference for r in Report.objects.all()} <= found


@pytest.mark.parametrize(
    ("persona", "search"),
    [
        ("jurist", "/sager/?scope=all&q={term}"),
        ("jurist", "/soeg/?q={term}"),
        ("head", "/soeg/?q={term}"),
        ("jurist", "/tilsyn/?q={term}"),
        ("jurist", "/konsultativ-bistand/?q={term}"),
        ("secretariat", "/admin/complaints/complaint/?q={term}"),
        ("superuser", "/admin/auth/user/?q={term}"),
        ("superuser", "/admin/core/auditevent/?q={term}"),
    ],
)
def test_searching_for_a_report_finds_nothing_outside_the_unit(persona, search, request, reports):
    """The search boxes, asked directly for a report's words, reference and people."""
    client = Client()
    client.force_login(request.getfixturevalue(persona))
    for term in ["Afdelingslederen", reports[3], "Vidensen", "Anna Anonym", "WB-"]:
        response = client.get(search.format(term=term))
        assert response.status_code == 200, (search, term)
        # The search box and the filter links repeat what was typed: the searcher's own
        # input, not a find.
        text = re.sub(r'(value|href)="[^"]*"', "", response.content.decode())
        assert [secret for secret in reports if secret in text] == [], (search, term)

"""The committee's dashboard and a department page draw their plotly charts offline, under
the strict CSP, with no console errors, and show no case number."""

import datetime as dt
import re

import pytest

from tests.factories import ComplaintFactory, UserFactory, department

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_dashboard_and_department_page_draw_charts_for_the_committee(live_server, page):
    UserFactory(username="e2e-udvalg", roles=["committee"])
    for i in range(3):
        ComplaintFactory(
            department=department("SOF"),
            received_on=dt.date(2023, 5, 1 + i),
            closed_on=dt.date(2023, 6, 1),
            state="closed",
            track="telephone",
            outcome="upheld",
            solved="solved",
            themes=["delay"],
        )
    page.route(re.compile(r"^(?!http://(localhost|127\.0\.0\.1|\[::1\])).*"), lambda route: route.abort())
    page.goto(f"{live_server.url}/log-ind/")
    page.get_by_label("Brugernavn").fill("e2e-udvalg")
    page.get_by_label("Adgangskode").fill("correct horse battery")
    page.get_by_role("button", name="Log ind").click()

    for path in ("/statistik/?year=2023", "/statistik/SOF/?year=2023"):
        page.goto(live_server.url + path)
        page.wait_for_selector(".chart__plot svg.main-svg")
        charts = page.locator(".chart__plot")
        assert charts.count() >= 3
        for i in range(charts.count()):
            assert charts.nth(i).locator("svg.main-svg").count() >= 1
        assert not re.search(r"\b20\d\d-\d{7}\b", page.content())
    assert page.console_errors == []

"""The yearly report's web edition (``beretning_html``), opened from disk in Chromium as a
reader of the municipality's website would: no request leaves its directory, axe finds no
violation of any impact at 1280 and 375 px, every chart is a figure with a text alternative of
its own and its numbers as a table, no chart text is under 12 px on a phone, and it reflows at
320 px (issue 23)."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser import axe
from tests.browser.pages import WIDER_THAN_SCREEN
from tests.demo import seed_demo

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def web_edition(tmp_path, settings) -> Path:
    """The demo's 2023 edition (chapters, recommendations, examples, results, findings,
    whistleblower chapter) written as a web edition."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    seed_demo(2023)
    out = tmp_path / "web"
    call_command("beretning_html", year=2023, out=str(out), stdout=StringIO())
    return out


# Every text of every chart, as rendered: its font size in CSS pixels on the screen (the
# SVG's own size scaled by how much the chart is drawn smaller or larger than its viewBox).
CHART_TEXT_SIZES = """() => [...document.querySelectorAll("svg.chart text")].map(t => {
    const size = parseFloat(getComputedStyle(t).fontSize);
    const scale = t.getScreenCTM().a;
    return {text: t.textContent, px: size * scale};
})"""


def test_the_web_edition_is_accessible_and_self_contained(browser, web_edition, tmp_path):
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    axe.install(context)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(web_edition.joinpath("index.html").as_uri())
    page.wait_for_load_state("load")

    inside = web_edition.as_uri() + "/"
    assert requests and all(url.startswith(inside) for url in requests), requests
    assert page.evaluate("() => document.styleSheets.length") == 1

    violations = axe.audit(page, "web edition")
    assert violations == [], axe.describe(violations)

    # Every chart is a figure: its caption, an SVG named by a text that says its numbers —
    # no two charts with the same — and the table of its numbers behind "Vis tallene".
    charts = page.evaluate(
        """() => [...document.querySelectorAll("figure")].filter(f => f.querySelector("svg")).map(f => ({
            caption: f.querySelector("figcaption").textContent,
            name: f.querySelector("svg > title").textContent,
            rows: f.querySelectorAll("details table tbody tr").length,
            bars: f.querySelectorAll("svg rect").length,
            caption_in_table: f.querySelector("details table caption") !== null,
        }))"""
    )
    assert len(charts) >= 20
    assert len({c["name"] for c in charts}) == len(charts)  # distinct text alternatives
    for chart in charts:
        assert chart["name"].startswith(chart["caption"]), chart
        assert chart["rows"] >= chart["bars"] and not chart["caption_in_table"], chart

    text = page.inner_text("main")
    for expected in [
        "1. Status, anbefalinger og nedslag",
        "Anbefaling 1:",
        "Konkrete eksempler",
        "Tilsyn",  # a result category and an example's kind
        "Konsultativ bistand",
        "Opfylder delvist",
        "4. Whistleblowerordningen i Københavns Kommune",
        "Emner, der er undersøgt",
        "Bilag: Forvaltningerne",
    ]:
        assert expected in text, expected
    # The contents number each chapter once ("1. Status", never "1. 1. Status").
    contents = page.inner_text("nav.contents")
    assert "1. Status, anbefalinger og nedslag" in contents and "1. 1." not in contents
    # Every chart text is readable: at least 12 px.
    sizes = page.evaluate(CHART_TEXT_SIZES)
    assert sizes and min(s["px"] for s in sizes) >= 12, min(sizes, key=lambda s: s["px"])
    page.screenshot(path=str(tmp_path / "web-edition.png"), full_page=False)

    # A phone: axe again, no text under 12 px in a chart, nothing scrolls sideways.
    page.set_viewport_size({"width": 375, "height": 740})
    violations = axe.audit(page, "web edition at 375 px")
    assert violations == [], axe.describe(violations)
    sizes = page.evaluate(CHART_TEXT_SIZES)
    small = [s for s in sizes if s["px"] < 12]
    assert small == [], small[:5]
    assert page.evaluate(WIDER_THAN_SCREEN) == []

    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    # The data tables scroll inside wrappers a keyboard can reach.
    assert page.evaluate(
        "() => [...document.querySelectorAll('table')].every(t => t.closest('.table-wrap[tabindex=\"0\"]'))"
    )
    context.close()

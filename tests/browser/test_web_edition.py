"""The yearly report's web edition (``beretning_html``), opened from disk in Chromium as a
reader of the municipality's website would: no request leaves its directory, axe finds no
violation of any impact, every chart has its numbers as a table, and it reflows at 320 px."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser import axe
from tests.browser.test_accessibility import WIDER_THAN_SCREEN

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def web_edition(tmp_path, settings) -> Path:
    """The demo's 2023 edition (chapters, recommendations, examples, results, findings,
    whistleblower chapter) written as a web edition."""
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    call_command("seed_demo", seed=2023, stdout=StringIO())
    out = tmp_path / "web"
    call_command("beretning_html", year=2023, out=str(out), stdout=StringIO())
    return out


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
    # The style sheet and every chart were loaded, none broken.
    assert page.evaluate("() => [...document.images].every(img => img.complete && img.naturalWidth > 0)")
    assert page.evaluate("() => document.styleSheets.length") == 1

    violations = axe.audit(page, "web edition")
    assert violations == [], axe.describe(violations)

    # Every chart is followed by the table of its numbers, one row per bar at least.
    charts = page.evaluate(
        """() => [...document.querySelectorAll("figure")].filter(f => f.querySelector("img")).map(f => ({
            src: f.querySelector("img").getAttribute("src"),
            rows: f.querySelectorAll("table tbody tr").length,
        }))"""
    )
    svgs = sorted(p.name for p in (web_edition / "assets").glob("*.svg"))
    assert sorted(Path(c["src"]).name for c in charts) == svgs
    assert all(c["rows"] > 0 for c in charts), charts

    text = page.inner_text("main")
    for expected in [
        "1. Status, anbefalinger og nedslag",
        "Anbefaling 1:",
        "Forvaltningernes bemærkninger",
        "Konkrete eksempler",
        "Tilsyn",  # a result category and an example's kind
        "Konsultativ bistand",
        "Opfylder delvist",
        "4. Whistleblowerordningen i Københavns Kommune",
        "Emner, der er undersøgt",
        "Bilag. Forvaltningerne",
    ]:
        assert expected in text, expected
    page.screenshot(path=str(tmp_path / "web-edition.png"), full_page=False)

    page.set_viewport_size({"width": 320, "height": 640})
    assert page.evaluate(WIDER_THAN_SCREEN) == []
    # The data tables scroll inside wrappers a keyboard can reach.
    assert page.evaluate(
        "() => [...document.querySelectorAll('table')].every(t => t.closest('.table-wrap[tabindex=\"0\"]'))"
    )
    context.close()

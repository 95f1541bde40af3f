"""axe-core in the browser tests: inject the vendored engine and run the WCAG 2.1 A/AA rules.

The script goes in as a Playwright init script (DevTools protocol), so it runs under the
pages' strict Content-Security-Policy without loosening it for the test."""

from pathlib import Path

AXE_JS = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = {"serious", "critical"}

_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 5).map(
      n => n.target.join(" ") + " :: " + (n.failureSummary || "").split("\\n").slice(1, 3).join(" ")
    ),
  }));
}"""


def install(context) -> None:
    """Every page opened in ``context`` gets ``window.axe``."""
    context.add_init_script(path=str(AXE_JS))


def open_details(page) -> None:
    """Open every <details>, so the forms behind the case page's actions are checked too."""
    page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")


def audit(page, label: str) -> list[dict]:
    """The page's violations, each marked with where it was found."""
    assert page.evaluate("() => typeof axe") == "object", f"axe-core was not injected on {label}"
    return [dict(v, page=label) for v in page.evaluate(_RUN, WCAG_TAGS)]


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"[{v['impact']}] {v['page']}: {v['id']} – {v['help']}\n    " + "\n    ".join(v["nodes"])
        for v in violations
    )

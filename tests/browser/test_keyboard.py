"""A citizen files a complaint at /klage/ with the keyboard alone (Tab, Shift+Tab, Space,
Enter and typing), and at every stop the focused element shows a visible focus mark."""

import pytest
from playwright.sync_api import expect

from complaints.models import Complaint

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# What the focused element looks like: its outline (the site's :focus-visible rule) must be
# drawn, at least 2 px wide, and the element must be on screen with a size.
FOCUS = """() => {
  const el = document.activeElement;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute("name"), type: el.type || "",
    text: (el.innerText || el.value || "").trim().slice(0, 60),
    outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < window.innerHeight && box.left < window.innerWidth,
  };
}"""


class Keyboard:
    def __init__(self, page):
        self.page = page
        self.stops = []

    def focused(self):
        state = self.page.evaluate(FOCUS)
        self.stops.append(state)
        assert state["outline"] and state["onScreen"], f"focus not visible on {state}"
        return state

    def press(self, key):
        self.page.keyboard.press(key)
        return self.focused()

    def tab_to(self, matches, *, back=False, limit=40):
        """Tab (or Shift+Tab) until the focused element matches; every stop must show focus."""
        for _ in range(limit):
            state = self.press("Shift+Tab" if back else "Tab")
            if matches(state):
                return state
        raise AssertionError(f"never reached the element; stops: {self.stops[-limit:]}")

    def type(self, text):
        self.page.keyboard.type(text)


def by_id(element_id):
    return lambda s: s["id"] == element_id


def button(text):
    return lambda s: s["tag"] == "button" and s["text"] == text


def test_filing_a_complaint_with_the_keyboard_alone(live_server, page):
    page.goto(f"{live_server.url}/klage/")
    keys = Keyboard(page)

    # The first Tab reaches the skip link, visibly; Enter jumps past the header.
    first = keys.press("Tab")
    assert first["tag"] == "a" and first["text"] == "Spring til indhold"
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

    # Step 1: continuing without an answer gives an error; then answer "Ja" with Space.
    keys.tab_to(button("Fortsæt"))
    page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_contain_text("Svar på, om du har klaget")
    keys.tab_to(by_id("complained_first_yes"))
    page.keyboard.press("Space")
    assert page.locator("#complained_first_yes").is_checked()
    keys.tab_to(button("Fortsæt"))
    page.keyboard.press("Enter")
    expect(page.get_by_label("Hvad handler din klage om?")).to_be_visible()

    # Step 2: send it half-filled first, so the error summary is used by keyboard too.
    keys.tab_to(by_id("id_summary"))
    keys.type("Min ansøgning om ny kørestol er ikke besvaret efter fem måneder.")
    keys.tab_to(button("Send klagen"))
    page.keyboard.press("Enter")
    expect(page.locator(".error-summary")).to_be_visible()
    expect(page.locator("#id_summary")).to_have_value(
        "Min ansøgning om ny kørestol er ikke besvaret efter fem måneder."
    )
    link = keys.tab_to(lambda s: s["tag"] == "a" and "navn" in s["text"].lower())
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == "#id_person_name", link

    # The department by type-ahead in the focused select, going back with Shift+Tab.
    keys.tab_to(by_id("id_department"), back=True)
    keys.type("Social")
    expect(page.locator("#id_department")).to_have_value(
        page.locator("#id_department option", has_text="Socialforvaltningen").get_attribute("value")
    )
    keys.tab_to(by_id("id_person_name"))
    keys.type("Karen Hansen")
    keys.tab_to(by_id("id_contact_email"))
    keys.type("karen@example.invalid")
    keys.tab_to(button("Send klagen"))
    page.keyboard.press("Enter")

    expect(page.locator("h1")).to_have_text("Din klage er modtaget")
    complaint = Complaint.objects.get()
    assert complaint.person_name == "Karen Hansen"
    assert complaint.department.code == "SOF"
    assert complaint.summary.startswith("Min ansøgning om ny kørestol")
    # The receipt page's status link is reachable by keyboard, with focus visible.
    keys.tab_to(by_id("status-link"))
    assert {s["tag"] for s in keys.stops} >= {"a", "input", "textarea", "select", "button"}

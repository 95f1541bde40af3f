"""Helpers of the browser tests that walk pages: a signed-in browser context, and the checks that a
page reflows (nothing wider than the screen, wide tables only in a scrolling box the keyboard
reaches)."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from tests.browser import axe
from tests.sessions import sign_in_with_second_factor


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


def dt_date(*args):
    import datetime as dt

    return dt.date(*args)

"""Browser tests: Playwright driving Debian's Chromium (no browser download) against the
live test server. Skipped, saying why, where no Chromium is installed — unless
REQUIRE_BROWSER=1 (CI), where a missing browser is a failure.

The browser is Debian's ``chromium-headless-shell`` where it is installed (CI installs it): the
same Blink and V8 as ``chromium``, without the desktop browser around them, which is what
Playwright itself runs for headless tests. Measured here: a new browser context with its first
page costs Chromium 0.09 s of CPU in the shell against 0.45 s in the full browser, and the
browser tests on two workers take 67 s instead of 106 s. The full ``chromium`` (or
``CHROMIUM_PATH``) serves where the shell is missing."""

import asyncio
import os
import shutil

import pytest
from django.db import connections

CHROMIUM = (
    os.environ.get("CHROMIUM_PATH")
    or shutil.which("chromium-headless-shell")
    or shutil.which("chromium")
    or shutil.which("chromium-browser")
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def _chromium():
    """One Playwright driver and one Chromium per test process, started by the first browser
    test. Playwright's sync API marks its event loop as running in this thread for as long as
    the driver lives; Django refuses the ORM where a loop runs. So the mark is set only while a
    browser test runs (``browser``) and cleared between tests: every other test sees the thread
    as it would without a browser."""
    if not CHROMIUM:
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail("REQUIRE_BROWSER=1 but no Chromium found (apt-get install chromium-headless-shell)")
        pytest.skip("no Chromium installed (Debian: apt-get install chromium-headless-shell); CI installs it")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        loop = asyncio.get_running_loop()
        asyncio._set_running_loop(None)
        yield browser, loop
        asyncio._set_running_loop(loop)  # as the driver left it: it stops its loop itself
        browser.close()


@pytest.fixture
def browser(_chromium, monkeypatch):
    """The process's Chromium for one test; every context the test opened is closed after it,
    so no page, cookie or session passes from one test to the next."""
    browser, loop = _chromium
    # Playwright's loop runs in this thread during the test; the ORM calls the test makes
    # between browser steps are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    asyncio._set_running_loop(loop)
    try:
        yield browser
        for context in browser.contexts:
            context.close()
    finally:
        asyncio._set_running_loop(None)
        # The live server's thread and the test's own ORM calls leave connections open that
        # would keep the test database from being flushed or dropped.
        connections.close_all()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.console_errors = errors
    yield page
    context.close()

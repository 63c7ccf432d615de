"""Headless Debian Chromium driven by Playwright; screenshots go to test-artifacts/."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "test-artifacts"

# Without these flags Chromium keeps trying to reach Google, which this network refuses.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--autoplay-policy=no-user-gesture-required",
]


# The suite runs in Debian's chromium-headless-shell: the headless build of the same Debian
# chromium source and version, and what Playwright itself runs headless. It takes much less
# CPU than the full browser: 17 s against 35 s for tests/browser/test_display.py and
# test_kiosk.py, 3.6 s against 5.8 s for one TV and kiosk session (bench.browser_cpu). The
# kiosks and TVs run the full `chromium`, so one whole day (tests/browser/test_booking_day.py)
# is walked in it, through the full_browser fixture; ANTREAN_TEST_CHROMIUM=chromium runs every
# browser test in it.
HEADLESS_SHELL = "chromium-headless-shell"
FULL_BROWSER = "chromium"


def chromium_path(program: str | None = None) -> str:
    program = program or os.environ.get("ANTREAN_TEST_CHROMIUM", HEADLESS_SHELL)
    path = shutil.which(program)
    if path is None:
        pytest.fail(f"Debian {program} is not installed: run `make system-deps`")
    return path


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


def launched(playwright: Playwright, program: str | None = None) -> Browser:
    return playwright.chromium.launch(executable_path=chromium_path(program), headless=True,
                                      args=CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    browser = launched(playwright)
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def full_browser(playwright: Playwright) -> Iterator[Browser]:
    """The full Debian chromium, as the kiosks and TVs run it."""
    browser = launched(playwright, FULL_BROWSER)
    yield browser
    browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID",
                                  timezone_id="Asia/Makassar")
    page = context.new_page()
    yield page
    context.close()


def screenshot(page: Page, name: str) -> Path:
    """Save a full-page PNG under test-artifacts/screens/ to look at after the run."""
    path = ARTIFACTS / "screens" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path), full_page=True)
    return path


def wait_for(page: Page, expression: str, *, arg: object = None, timeout: float = 30000) -> None:
    """Wait until `expression` (or a function of `arg`) is truthy in the page.

    Playwright's wait_for_function compiles its predicate with `new Function` inside the page,
    which the app's Content-Security-Policy (no unsafe-eval) rightly blocks; evaluating from
    here goes through the DevTools protocol, so the tests run under the policy users get.
    """
    deadline = time.monotonic() + timeout / 1000
    while True:
        try:
            if page.evaluate(expression, arg):
                return
            failure = None
        except PlaywrightError as error:  # between two documents, or its script not run yet
            failure = error
        if time.monotonic() > deadline:
            raise PlaywrightTimeoutError(
                f"still false after {timeout:.0f} ms: {expression}") from failure
        time.sleep(0.05)

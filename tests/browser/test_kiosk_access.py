"""The kiosk without a touch screen or without good sight, and the TV for someone who cannot
hear: keyboard and switch use, dialogs that keep the focus, large high-contrast text, the
screen read aloud from offline clips, a strong flash of the called loket."""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterator

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.browser.test_kiosk import kiosk_config, open_kiosk, service_card
from tests.support.browser import screenshot
from tests.support.live_server import PASSWORD, LiveServer
from tests.support.pairing import pair_browser

FACILITIES = """
[facilities]
items = ["Jalur landai (ramp) di pintu masuk", "Kursi roda", "Ruang laktasi"]
"""


@pytest.fixture
def kiosk(browser: Browser) -> Iterator[Page]:  # a keyboard, no touch screen
    context = browser.new_context(viewport={"width": 1080, "height": 1920}, locale="id-ID",
                                  timezone_id="Asia/Makassar")
    page = context.new_page()
    yield page
    context.close()


def focused(page: Page) -> str:
    """Which control has the focus: its id, else its text."""
    result: str = page.evaluate(
        "() => document.activeElement.id || document.activeElement.textContent.trim()")
    return result


def wait_until(page: Page, predicate: str, seconds: float = 20) -> None:
    """Poll a function in the page (wait_for_function would eval a string, which the app's
    Content-Security-Policy forbids)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(predicate):
        assert time.monotonic() < deadline, f"never true: {predicate}"
        page.wait_for_timeout(100)


def tab_to(page: Page, selector: str, limit: int = 30) -> None:
    for _ in range(limit):
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def test_every_kiosk_action_works_from_the_keyboard(
        start_server: Callable[..., LiveServer], kiosk: Page) -> None:
    server = start_server(extra_tables=kiosk_config(reset_seconds=30, extra=FACILITIES))
    open_kiosk(kiosk, server)
    # Info: Enter opens it, the focus goes in and stays in, Escape closes it, focus comes back.
    tab_to(kiosk, '.k-service[data-code="KTP"] .k-info')
    kiosk.keyboard.press("Enter")
    expect(kiosk.locator("#info-panel")).to_be_visible()
    assert focused(kiosk) == "info-close"
    kiosk.keyboard.press("Tab")
    assert focused(kiosk) == "info-take"
    kiosk.keyboard.press("Tab")
    assert focused(kiosk) == "info-close"  # trapped: the page behind is out of reach
    kiosk.keyboard.press("Shift+Tab")
    assert focused(kiosk) == "info-take"
    kiosk.keyboard.press("Escape")
    expect(kiosk.locator("#info-panel")).to_be_hidden()
    assert kiosk.evaluate("document.activeElement.matches('.k-service[data-code=KTP] .k-info')")
    # Maklumat, then the priority path down to a printed ticket, arrows and Enter only.
    tab_to(kiosk, "#maklumat-open")
    kiosk.keyboard.press("Enter")
    expect(kiosk.locator("#maklumat-panel")).to_contain_text("sanggup menyelenggarakan")
    kiosk.keyboard.press("Enter")  # the focus sits on "Tutup"
    expect(kiosk.locator("#maklumat-panel")).to_be_hidden()
    tab_to(kiosk, "#priority-open")
    kiosk.keyboard.press("Enter")
    expect(kiosk.locator("#priority-panel")).to_contain_text("Ruang laktasi")
    screenshot(kiosk, "kiosk-priority-facilities")
    kiosk.keyboard.press("ArrowDown")  # second category: Penyandang disabilitas
    kiosk.keyboard.press("Enter")
    expect(kiosk.locator("#priority-banner")).to_be_visible()
    assert kiosk.evaluate("document.activeElement.matches('.k-service button.k-take')")
    kiosk.keyboard.press("Enter")
    expect(kiosk.locator("#t-number")).to_have_text("A-001")
    expect(kiosk.locator("#t-priority")).to_contain_text("Penyandang disabilitas")
    assert focused(kiosk) == "t-done"
    kiosk.keyboard.press("Tab")
    assert focused(kiosk) == "t-done"  # the only control on the ticket screen
    kiosk.keyboard.press("Enter")
    expect(kiosk.locator("#ticket")).to_be_hidden()
    assert kiosk.evaluate("document.activeElement.matches('button.k-take')")  # ready again


def test_large_text_and_contrast_last_until_the_kiosk_resets(
        start_server: Callable[..., LiveServer], kiosk: Page) -> None:
    server = start_server(extra_tables=kiosk_config(reset_seconds=30))
    open_kiosk(kiosk, server)
    size = "parseFloat(getComputedStyle(document.querySelector('.k-name')).fontSize)"
    normal = kiosk.evaluate(size)
    kiosk.click("#access-large")
    expect(kiosk.locator("#access-large")).to_have_attribute("aria-pressed", "true")
    assert kiosk.evaluate(size) >= 1.4 * normal
    assert kiosk.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    screenshot(kiosk, "kiosk-large-contrast")
    service_card(kiosk, "KTP").locator("button.k-take").click()
    expect(kiosk.locator("#t-number")).to_have_text("A-001")
    assert kiosk.evaluate(size) >= 1.4 * normal  # still large on the ticket
    screenshot(kiosk, "kiosk-large-ticket")
    kiosk.click("#t-done")  # the kiosk resets for the next person
    expect(kiosk.locator("#access-large")).to_have_attribute("aria-pressed", "false")
    assert kiosk.evaluate(size) == normal


def test_the_screen_is_read_aloud_on_request_from_offline_clips(
        start_server: Callable[..., LiveServer], kiosk: Page) -> None:
    server = start_server(extra_tables=kiosk_config(reset_seconds=30))
    requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"}, timeout=10)
    open_kiosk(kiosk, server)
    assert kiosk.evaluate("window.AntreanKioskAccess.said") == []  # silent until asked
    kiosk.click("#access-read")
    wait_until(kiosk, "() => window.AntreanKioskAccess.announcer.spoken.length === 1")
    said = kiosk.evaluate("window.AntreanKioskAccess.said[0]")
    assert said.startswith("Ambil nomor antrean. Pilih layanan yang Anda perlukan.")
    assert "KTP-el. Kartu Keluarga. Akta Kelahiran" in said
    assert kiosk.evaluate("window.AntreanKioskAccess.announcer.lastSource") == "clips"
    service_card(kiosk, "KTP").locator("button.k-take").click()
    expect(kiosk.locator("#t-number")).to_have_text("A-002")
    wait_until(kiosk, """() => window.AntreanKioskAccess.announcer.spoken
                             .some(text => text.startsWith('Nomor antrean'))""")
    assert ("Nomor antrean Anda, A, dua. Antrean sebelum Anda, satu orang."
            in kiosk.evaluate("window.AntreanKioskAccess.announcer.spoken"))
    assert kiosk.evaluate("window.AntreanKioskAccess.announcer.lastSource") == "clips"
    kiosk.click("#t-done")
    expect(kiosk.locator("#access-read")).to_have_attribute("aria-pressed", "false")


def test_the_tv_flashes_the_called_loket_for_those_who_cannot_hear(
        start_server: Callable[..., LiveServer], page: Page) -> None:
    server = start_server()
    server.create_user("siti", PASSWORD, "petugas")
    token = requests.post(f"{server.url}/api/v1/auth/login",
                          json={"username": "siti", "password": PASSWORD}, timeout=10)
    requests.post(f"{server.url}/api/v1/tickets", json={"service": "AKTA"}, timeout=10)
    page.set_viewport_size({"width": 1920, "height": 1080})
    pair_browser(page, server, "display")
    page.wait_for_selector("[data-counter='3']")
    requests.post(f"{server.url}/api/v1/counters/3/call-next", timeout=10,
                  headers={"Authorization": f"Bearer {token.json()['token']}"})
    card = page.locator("[data-counter='3']")
    expect(card).to_have_class(re.compile(r"\btv-flash-counter\b"))
    animation = card.evaluate("""c => { const s = getComputedStyle(c);
        return [s.animationName, s.animationIterationCount, s.animationDuration]; }""")
    assert animation == ["tv-flash-counter", "8", "1s"]  # once a second for the 8 s it lasts
    colours = page.evaluate("""() => {
        const card = document.querySelector("[data-counter='3']");
        const at = t => { card.getAnimations().forEach(a => { a.pause(); a.currentTime = t; });
                          return getComputedStyle(card).backgroundColor; };
        return [at(100), at(600)]; }""")
    assert colours == ["rgb(255, 213, 74)", "rgb(11, 61, 110)"]  # full swap, not a tint
    screenshot(page, "tv-flash-called-loket")

"""The lobby TV in Chromium: calls shown and spoken, recalls replayed, outages survived."""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from antrean.config import load_settings
from antrean.core.clock import format_long_date
from antrean.db.engine import make_engine, make_session_factory
from antrean.usecases.context import Office
from antrean.usecases.queue import calling
from antrean.usecases.queue.issuing import issue_ticket
from tests.browser.helpers import PASSWORD, issue, press_shortcut, sign_in
from tests.support.browser import REPO_ROOT, screenshot
from tests.support.live_server import LiveServer
from tests.support.pairing import pair_browser

FIRST_CALL_AT_LOKET_1 = "Nomor antrean, A, satu, silakan menuju loket satu"


@pytest.fixture
def tv(browser: Browser) -> Iterator[Page]:
    """A 1080p lobby screen in the office's zone."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID",
                                  timezone_id="Asia/Makassar")
    yield context.new_page()
    context.close()


def open_tv(tv: Page, server: LiveServer) -> None:
    pair_browser(tv, server, "display")
    tv.get_by_role("button", name="Aktifkan Suara").click()
    tv.wait_for_function("window.AntreanTV.connected")


def spoken(tv: Page) -> list[str]:
    result: list[str] = tv.evaluate("window.AntreanTV.spoken")
    return result


def test_a_call_from_the_console_is_shown_and_spoken_and_a_recall_replays(
        start_server: Callable[..., LiveServer], tv: Page, page: Page) -> None:
    server = start_server()
    server.create_user("siti", PASSWORD, "petugas")
    ticket = issue(server)
    open_tv(tv, server)
    expect(tv.locator("#tv-waiting li[data-service=KTP] .tv-waiting-count")).to_have_text("1")
    sign_in(page, server, "siti")
    page.click("button[name=counter][value='1']")
    page.wait_for_function("window.AntreanConsole !== undefined")
    started = time.monotonic()
    page.get_by_role("button", name="Panggil P").click()
    expect(tv.locator("#latest-number")).to_have_text(ticket["number"])
    print(f"\nTV showed the call {1000 * (time.monotonic() - started):.0f} ms after the click")
    expect(tv.locator("#latest-counter")).to_have_text("Loket 1")
    expect(tv.locator("[data-counter='1'] .tv-counter-number")).to_have_text(ticket["number"])
    expect(tv.locator("#tv-waiting li[data-service=KTP] .tv-waiting-count")).to_have_text("0")
    tv.wait_for_function("window.AntreanTV.announcer.lastSpoken !== null")
    assert tv.evaluate("window.AntreanTV.announcer.lastSpoken") == FIRST_CALL_AT_LOKET_1
    assert tv.evaluate("window.AntreanTV.announcer.lastSource") == "clips"

    press_shortcut(page, "u")  # Panggil Ulang
    tv.wait_for_function("window.AntreanTV.spoken.length === 2", timeout=20000)
    assert spoken(tv) == [FIRST_CALL_AT_LOKET_1, FIRST_CALL_AT_LOKET_1]
    assert tv.evaluate("window.AntreanTV.announced.map(c => c.recall)") == [False, True]


def test_two_quick_calls_are_spoken_one_after_the_other(
        start_server: Callable[..., LiveServer], tv: Page) -> None:
    server = start_server()
    server.create_user("siti", PASSWORD, "petugas")
    issue(server)
    issue(server, "KK")
    open_tv(tv, server)
    auth = server.login("siti", PASSWORD)
    for counter in (1, 2):
        requests.post(f"{server.url}/api/v1/counters/{counter}/call-next", headers=auth,
                      timeout=10).raise_for_status()
    expect(tv.locator("#latest-number")).to_have_text("B-001")
    expect(tv.locator("#latest-counter")).to_have_text("Loket 2")
    tv.wait_for_function("window.AntreanTV.spoken.length === 2", timeout=20000)
    assert spoken(tv) == [FIRST_CALL_AT_LOKET_1,
                          "Nomor antrean, B, satu, silakan menuju loket dua"]
    expect(tv.locator("#tv-recent li").first).to_contain_text("A-001")


def test_the_tv_says_terputus_and_rebuilds_after_the_server_comes_back(
        start_server: Callable[..., LiveServer], tv: Page) -> None:
    server = start_server()
    issue(server)
    open_tv(tv, server)
    expect(tv.locator("#tv-offline")).to_be_hidden()
    expect(tv.locator("#latest-number")).to_have_text("—")
    server.stop()
    expect(tv.locator("#tv-offline")).to_be_visible()
    expect(tv.locator("#tv-offline")).to_contain_text("terputus")
    screenshot(tv, "tv-offline")
    # While the server is down the queue moves on (another process on the same database):
    # nothing of it reaches the TV as an event, only through the snapshot after reconnecting.
    called = call_directly(server)
    server.start()
    expect(tv.locator("#tv-offline")).to_be_hidden(timeout=15000)
    expect(tv.locator("#latest-number")).to_have_text(called)
    expect(tv.locator("[data-counter='2'] .tv-counter-number")).to_have_text(called)
    expect(tv.locator("#tv-waiting li[data-service=KK] .tv-waiting-count")).to_have_text("1")


def call_directly(server: LiveServer) -> str:
    """Issue a KK ticket and call A-001 at loket 2 through the use cases, not the server."""
    engine = make_engine(server.database_url)
    try:
        office = Office(settings=load_settings(server.config),
                        sessions=make_session_factory(engine))
        issue_ticket(office, "KK")
        view = calling.call_next(office, 2, None)
        assert view is not None
        return str(view["number"])
    finally:
        engine.dispose()


def test_the_tv_at_1080p(start_server: Callable[..., LiveServer], tv: Page,
                         tmp_path: Path) -> None:
    """The demo office mid-morning, for the screenshot: several loket busy, people waiting."""
    demo = tmp_path / "demo"
    demo.mkdir()
    shutil.copy(REPO_ROOT / "config.toml", demo / "config.toml")
    server = start_server(config_dir=demo)
    server.create_user("siti", PASSWORD, "petugas")
    auth = server.login("siti", PASSWORD)
    for service, count in (("KTP", 9), ("KK", 5), ("AKTA", 3), ("SKET", 4)):
        for _ in range(count):
            issue(server, service)
    open_tv(tv, server)
    for counter in (1, 3, 2, 1, 2):
        requests.post(f"{server.url}/api/v1/counters/{counter}/call-next", headers=auth,
                      timeout=10).raise_for_status()
    requests.post(f"{server.url}/api/v1/counters/4/state", json={"state": "break"},
                  headers=auth, timeout=10).raise_for_status()
    expect(tv.locator("#latest-counter")).to_have_text("Loket 2")
    expect(tv.locator("[data-counter='4'] .tv-counter-note")).to_have_text("Istirahat")
    expect(tv.locator("#tv-zone")).to_have_text("WITA")
    expect(tv.locator("#tv-marquee")).to_contain_text("Selamat datang di Kantor Kecamatan")
    tv.evaluate("""document.querySelectorAll('.tv-flash, .tv-flash-counter').forEach(
        node => node.classList.remove('tv-flash', 'tv-flash-counter'))""")
    path = screenshot(tv, "tv")
    assert path.exists()


@pytest.mark.parametrize(("timezone", "label"), [("Asia/Jakarta", "WIB"),
                                                 ("Asia/Jayapura", "WIT")])
def test_the_clock_shows_the_offices_zone_not_the_tvs(
        start_server: Callable[..., LiveServer], tv: Page, timezone: str, label: str) -> None:
    """The TV's own zone is Asia/Makassar (WITA); the office's zone wins."""
    server = start_server(timezone=timezone)
    pair_browser(tv, server, "display")
    expect(tv.locator("#tv-zone")).to_have_text(label)
    office_hour = datetime.now(ZoneInfo(timezone)).hour
    shown = tv.locator("#tv-time").inner_text()
    # Compare the hour only, either side of a possible turn of the hour during the check.
    assert int(shown.split(".")[0]) in (office_hour, (office_hour + 1) % 24)
    expect(tv.locator("#tv-date")).to_have_text(format_long_date(
        datetime.fromisoformat(tv.evaluate("window.AntreanTV.snapshot.server_time"))
        .astimezone(ZoneInfo(timezone)).date()))


def test_an_office_that_reads_digits_hears_every_digit(
        start_server: Callable[..., LiveServer], tv: Page, tmp_path: Path) -> None:
    office = tmp_path / "digits"
    office.mkdir()
    config = (REPO_ROOT / "config.toml").read_text(encoding="utf-8")
    (office / "config.toml").write_text(
        config.replace('number_reading = "cardinal"', 'number_reading = "digits"')
        .replace('async_mode = "eventlet"', 'async_mode = "threading"'), encoding="utf-8")
    server = start_server(config_dir=office)
    server.create_user("siti", PASSWORD, "petugas")
    issue(server)
    open_tv(tv, server)
    requests.post(f"{server.url}/api/v1/counters/4/call-next",
                  headers=server.login("siti", PASSWORD), timeout=10).raise_for_status()
    tv.wait_for_function("window.AntreanTV.spoken.length === 1")
    assert spoken(tv) == ["Nomor antrean, A, nol, nol, satu, silakan menuju loket empat"]
    expect(tv.locator("#latest-counter")).to_have_text("Loket Prioritas")


def test_ten_loket_fit_on_the_screen(start_server: Callable[..., LiveServer], tv: Page) -> None:
    extra = "".join(f'\n[[counters]]\nnumber = {n}\nname = "Loket {n}"\nservices = ["KTP"]\n'
                    for n in range(4, 11))
    server = start_server(extra_tables=extra)
    server.create_user("siti", PASSWORD, "petugas")
    auth = server.login("siti", PASSWORD)
    for counter in range(1, 11):
        issue(server, "AKTA" if counter == 3 else "KTP")  # loket 3 serves AKTA only
        requests.post(f"{server.url}/api/v1/counters/{counter}/call-next", headers=auth,
                      timeout=10).raise_for_status()
    open_tv(tv, server)
    expect(tv.locator("[data-counter='10'] .tv-counter-number")).to_have_text("A-009")
    spilled = tv.evaluate("""[...document.querySelectorAll('.tv-counter, #tv-counters')]
        .filter(n => n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1)
        .map(n => n.dataset.counter || n.id)""")
    assert spilled == []
    screenshot(tv, "tv-ten-counters")

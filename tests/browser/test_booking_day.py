"""The day of a booking in Chromium, on a real server and the real clock: a phone books a
session starting soon, the kiosk checks it in by the typed code, the petugas calls, the TV
shows the number, and the phone is told "giliran Anda sudah dekat" and then the call; the
office's gateway hears the same. Screenshots of each page."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import issue, sign_in
from tests.support.booking import AKTA_BOOKING
from tests.support.browser import screenshot, wait_for
from tests.support.configs import write_config
from tests.support.gateway import Gateway, notify_table, running_gateway
from tests.support.live_server import PASSWORD, LiveServer
from tests.support.pairing import pair_browser

ZONES = ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura")
POLL_BOOKED, POLL_QUEUE = "00:10", "00:05"  # booking_live.js: checked in yet? / the queue moves
# What the phone's browser was asked to tell: vibrations and notifications, recorded.
RECORD_TELLING = """
window.__told = [];
navigator.vibrate = function (pattern) { window.__told.push("vibrate"); return true; };
window.Notification = function (title, options) { window.__told.push(title); };
window.Notification.permission = "granted";
window.Notification.requestPermission = function () { return Promise.resolve("granted"); };
"""


def session_starting_soon() -> tuple[str, str]:
    """(zone, "HH:MM-HH:MM"): a session starting in 30 minutes, whose check-in is open now,
    in the first office zone where it still fits in today."""
    for zone in ZONES:
        start = (datetime.now(ZoneInfo(zone)) + timedelta(minutes=30)).replace(second=0)
        end = start + timedelta(hours=1)
        if end.date() == datetime.now(ZoneInfo(zone)).date():
            return zone, f"{start:%H:%M}-{end:%H:%M}"
    raise AssertionError("one of three zones two hours apart always fits")


def office_open_every_day(directory: Path, gateway_url: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    zone, session = session_starting_soon()
    service = AKTA_BOOKING.replace(
        'sessions = ["08:00-10:00", "10:00-12:00", "13:00-15:00"]',
        f'sessions = ["{session}"]').replace("online_quota = 12", "online_quota = 5")
    config = write_config(directory, timezone=zone, extra_service=service,
                          extra_tables=notify_table(gateway_url))
    text = config.read_text().replace(
        "[office]\n", '[office]\nworking_days = ["senin", "selasa", "rabu", "kamis", "jumat", '
                      '"sabtu", "minggu"]\n', 1)
    config.write_text(text)
    return directory


@pytest.fixture
def browser(full_browser: Browser) -> Browser:
    """This day is walked in the full chromium the kiosks and TVs run (the other browser
    tests use its headless shell: tests/support/browser.py)."""
    return full_browser


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, locale="id-ID")
    context.add_init_script(RECORD_TELLING)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def kiosk(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1080, "height": 1920}, locale="id-ID",
                                  has_touch=True)
    page = context.new_page()
    yield page
    context.close()


def gateway_events(gateway: Gateway, count: int) -> list[str]:
    deadline = time.monotonic() + 40  # the server's sender wakes at once; its sweep each 30 s
    while len(gateway.received) < count and time.monotonic() < deadline:
        time.sleep(0.1)
    return [json.loads(r.body)["event"] for r in gateway.received]


def test_a_phone_books_the_kiosk_checks_in_the_tv_calls_and_the_phone_is_told(
        start_server: Callable[..., LiveServer], tmp_path: Path, phone: Page, kiosk: Page,
        page: Page, browser: Browser) -> None:
    with running_gateway() as gateway:
        office = office_open_every_day(tmp_path / "office", gateway.url)
        server = start_server(config_dir=office)
        server.create_user("siti", PASSWORD, "petugas")
        staff = server.login("siti", PASSWORD)

        # The phone's clock is under test control: its polls run when the test moves it on.
        phone.clock.install()
        phone.goto(f"{server.url}/ambil")
        phone.get_by_role("link", name="Akta Kelahiran").click()
        phone.locator("a.b-choice").first.click()  # today: its session starts in 30 minutes
        phone.fill("#f-name", "Siti Aminah")
        phone.fill("#f-phone", "0812 3456 7001")
        phone.locator(".b-session:not(.b-closed) input").first.check()
        phone.get_by_role("button", name="Booking Sekarang").click()
        expect(phone.locator("#b-status")).to_have_text("Terdaftar")
        code = phone.locator("#b-code").inner_text()

        walk_ins = [issue(server, "AKTA") for _ in range(3)]  # came before the session start

        pair_browser(kiosk, server, "kiosk")
        expect(kiosk.locator("#link-state")).to_have_attribute("data-state", "online")
        # A USB scanner types a QR's URL on the start screen and presses Enter: a wrong code
        # opens the check-in with the refusal and what to do.
        kiosk.keyboard.type(f"{server.url}/b/ZZZZ-ZZZZ\n")
        expect(kiosk.locator("#checkin-error")).to_contain_text("tidak ditemukan")
        screenshot(kiosk, "booking-day-1-kiosk-unknown-code")
        kiosk.get_by_role("button", name="Batal").click()
        kiosk.get_by_role("button", name="Sudah punya booking?").click()
        expect(kiosk.get_by_role("heading", name="Check-in booking")).to_be_visible()
        for letter in code.replace("-", ""):
            kiosk.locator("#checkin-keys button", has_text=letter).first.click()
        expect(kiosk.locator("#checkin-code")).to_have_value(code.replace("-", ""))
        screenshot(kiosk, "booking-day-2-kiosk-typed-code")
        kiosk.get_by_role("button", name="Check-in", exact=True).click()
        expect(kiosk.locator("#t-number")).to_have_text("C-004")
        expect(kiosk.locator("#t-ahead")).to_have_text("3 orang")
        screenshot(kiosk, "booking-day-3-kiosk-ticket")

        # The phone's page notices the check-in by itself, at its next poll, and follows the
        # ticket.
        phone.clock.fast_forward(POLL_BOOKED)
        expect(phone.locator("#b-number")).to_have_text("C-004", timeout=10_000)
        expect(phone.locator("#b-ahead")).to_have_text("3 orang")
        phone.get_by_role("button", name="Aktifkan pemberitahuan, suara & getar").click()
        screenshot(phone, "booking-day-4-phone-checked-in")

        # The petugas sees who booked today and who has checked in, on the console and monitor.
        desk = browser.new_context(viewport={"width": 1440, "height": 900}, locale="id-ID")
        console = desk.new_page()
        sign_in(console, server, "siti")
        console.click("button[name=counter][value='3']")
        expect(console.locator("#booking-arrivals")).to_contain_text("Check-in · C-004")
        expect(console.locator("#booking-arrivals")).to_contain_text("1 dari 1 sudah check-in")
        screenshot(console, "booking-day-console-arrivals")
        console.goto(f"{server.url}/monitor")
        expect(console.locator("#booking-arrivals")).to_contain_text("Siti Aminah")
        screenshot(console, "booking-day-monitor-arrivals")
        desk.close()

        pair_browser(page, server, "display")
        page.get_by_role("button", name="Aktifkan Suara").click()
        wait_for(page, "window.AntreanTV.connected")

        def call_next() -> str:
            called = requests.post(f"{server.url}/api/v1/counters/3/call-next", headers=staff,
                                   timeout=10)
            assert called.status_code == 200, called.text
            return str(called.json()["number"])

        assert call_next() == walk_ins[0]["number"]
        phone.clock.fast_forward(POLL_QUEUE)
        expect(phone.locator("#b-alert")).to_contain_text("Giliran Anda sudah dekat",
                                                          timeout=10_000)
        expect(phone.locator("#b-ahead")).to_have_text("2 orang")
        assert "Giliran Anda sudah dekat" in phone.evaluate("window.__told")
        screenshot(phone, "booking-day-5-phone-near")

        assert [call_next() for _ in range(3)][-1] == "C-004"
        expect(page.locator("#latest-number")).to_have_text("C-004")
        expect(page.locator("#latest-counter")).to_have_text("Loket 3")
        screenshot(page, "booking-day-6-tv-calls")
        phone.clock.fast_forward(POLL_QUEUE)
        expect(phone.locator("#b-alert")).to_contain_text("Silakan menuju Loket 3",
                                                          timeout=10_000)
        told = phone.evaluate("window.__told")
        assert told.index("Giliran Anda sudah dekat") < told.index("Nomor Anda dipanggil")
        assert told.count("Giliran Anda sudah dekat") == 1  # polled many times, told once
        screenshot(phone, "booking-day-7-phone-called")

        assert gateway_events(gateway, 3) == ["booking.made", "booking.turn_near",
                                              "booking.called"]

"""A phone books a place in Chromium and sees its booking; the office's gateway hears of it
from the server's background sender; the admin sees the day. Screenshots of each page."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import sign_in
from tests.support.booking import AKTA_BOOKING
from tests.support.browser import screenshot
from tests.support.gateway import Gateway, notify_table, running_gateway
from tests.support.live_server import LiveServer


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


def wait_for(gateway: Gateway, count: int) -> list[dict[str, object]]:
    deadline = time.monotonic() + 10
    while len(gateway.received) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return [json.loads(r.body) for r in gateway.received]


def test_a_phone_books_sees_its_booking_and_cancels_it(
        start_server: Callable[..., LiveServer], phone: Page, page: Page) -> None:
    with running_gateway() as gateway:
        server = start_server(extra_service=AKTA_BOOKING,
                              extra_tables=notify_table(gateway.url)).with_users(kepala="admin")
        phone.goto(f"{server.url}/ambil")
        expect(phone.get_by_role("heading", name="Ambil Antrean Online")).to_be_visible()
        screenshot(phone, "booking-1-services")
        phone.get_by_role("link", name="Akta Kelahiran").click()
        screenshot(phone, "booking-2-days")
        phone.locator("a.b-choice").first.click()
        expect(phone.locator(".b-session").first).to_be_visible()
        phone.fill("#f-name", "Siti Aminah")
        phone.fill("#f-phone", "0812 345")
        phone.locator(".b-session:not(.b-closed) input").first.check()
        phone.get_by_role("button", name="Booking Sekarang").click()
        expect(phone.locator("#b-error")).to_contain_text("Nomor HP (WhatsApp) tidak valid")
        expect(phone.locator("#f-name")).to_have_value("Siti Aminah")
        screenshot(phone, "booking-3-form-error")
        phone.fill("#f-phone", "0812 3456 7001")
        phone.get_by_role("button", name="Booking Sekarang").click()

        expect(phone.locator("#b-status")).to_have_text("Terdaftar")
        code = phone.locator("#b-code").inner_text()
        assert len(code) == 9 and code[4] == "-"
        expect(phone.get_by_text("Booking berhasil")).to_be_visible()
        phone.wait_for_load_state("load")  # the QR image is in, drawn or broken
        assert phone.locator(".b-qr").evaluate("img => img.complete && img.naturalWidth > 0")
        expect(phone.locator("#b-arrive")).to_contain_text("WITA")
        screenshot(phone, "booking-4-booked")
        [made] = wait_for(gateway, 1)  # sent by the server's background sender
        assert made["event"] == "booking.made" and code in str(made["text"])

        page.set_viewport_size({"width": 1280, "height": 800})
        sign_in(page, server, "kepala", path="/admin/booking")
        page.goto(f"{server.url}/admin/booking?tanggal={made['booking']['date']}")  # type: ignore[index]
        expect(page.locator("table.bookings")).to_contain_text("Siti Aminah")
        screenshot(page, "booking-admin")

        phone.locator("#b-cancel").click()
        expect(phone.get_by_role("heading", name="Batalkan booking?")).to_be_visible()
        screenshot(phone, "booking-5-cancel")
        phone.locator("#b-confirm-cancel").click()
        expect(phone.locator("#b-status")).to_have_text("Dibatalkan")
        expect(phone.locator("#b-cancel")).to_have_count(0)
        screenshot(phone, "booking-6-cancelled")
        events = [m["event"] for m in wait_for(gateway, 2)]
        assert events == ["booking.made", "booking.cancelled"]

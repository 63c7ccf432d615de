"""The ticket kiosk in headless Chromium against a real server: tap, ticket, QR, refusals."""

import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from antrean.core.hours import WEEKDAY_KEYS
from kiosk.qr import qr_svg
from tests.support.browser import screenshot
from tests.support.fake_printers import printer_at, printer_config
from tests.support.live_server import LiveServer, free_port
from tests.support.pairing import pair_browser

PORTRAIT = {"width": 1080, "height": 1920}
LANDSCAPE = {"width": 1920, "height": 1080}


@pytest.fixture
def kiosk_page(browser: Browser) -> Iterator[Page]:
    """A 1080p portrait touch screen, as most kiosk cabinets stand."""
    context = browser.new_context(viewport=PORTRAIT, locale="id-ID", has_touch=True,
                                  timezone_id="Asia/Makassar")
    page = context.new_page()
    yield page
    context.close()


def kiosk_config(reset_seconds: int = 30, extra: str = "") -> str:
    return f"\n[kiosk]\nreset_seconds = {reset_seconds}\n{extra}"


def service_card(page: Page, code: str):  # type: ignore[no-untyped-def]
    return page.locator(f'.k-service[data-code="{code}"]')


def issued_today(server: LiveServer, code: str) -> int:
    services = requests.get(f"{server.url}/api/v1/services", timeout=10).json()
    return int(next(s for s in services if s["code"] == code)["issued_today"])


def issue_by_api(server: LiveServer, code: str) -> dict:  # type: ignore[type-arg]
    response = requests.post(f"{server.url}/api/v1/tickets", json={"service": code}, timeout=10)
    assert response.status_code == 201
    return response.json()


def open_kiosk(page: Page, server: LiveServer) -> None:
    """Open the kiosk as a paired kiosk device and wait until it hears from the server (live
    feed, or polling when the feed is cut)."""
    pair_browser(page, server, "kiosk", public_url=server.url)
    expect(page.locator("#link-state")).to_have_attribute("data-state",
                                                          re.compile("online|polling"))


def without_live_feed(page: Page) -> None:
    """As a kiosk whose live feed is cut: no Socket.IO at all, only HTTP."""
    page.route_web_socket("**/socket.io/**", lambda ws: ws.close())
    page.route("**/socket.io/**", lambda route: route.abort())


def test_tapping_a_service_shows_number_people_ahead_and_qr(
        start_server: Callable[..., LiveServer], kiosk_page: Page) -> None:
    server = start_server(extra_tables=kiosk_config(reset_seconds=4))
    issue_by_api(server, "KTP")
    issue_by_api(server, "KTP")
    open_kiosk(kiosk_page, server)
    expect(service_card(kiosk_page, "KTP")).to_contain_text("2 orang menunggu")
    screenshot(kiosk_page, "kiosk-start-portrait")

    service_card(kiosk_page, "KTP").locator("button.k-take").tap()
    ticket = kiosk_page.locator("#ticket")
    expect(ticket).to_be_visible()
    expect(kiosk_page.locator("#t-number")).to_have_text("A-003")
    expect(kiosk_page.locator("#t-service")).to_have_text("KTP-el")
    expect(kiosk_page.locator("#t-ahead")).to_have_text("2 orang")
    expect(kiosk_page.locator("#t-wait")).to_contain_text("menit")
    qr = kiosk_page.locator("#t-qr")
    expect(qr).to_have_js_property("complete", True)
    assert qr.evaluate("img => img.naturalWidth") > 0
    screenshot(kiosk_page, "kiosk-ticket")

    # The QR code carries the tracking page of exactly this ticket.
    ticket_id = qr.get_attribute("src").split("/")[-1].removesuffix(".svg")  # type: ignore[union-attr]
    svg = kiosk_page.request.get(f"{server.url}/kiosk/qr/{ticket_id}.svg")  # as the kiosk
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text() == qr_svg(f"{server.url}/t/{ticket_id}")
    assert kiosk_page.request.get(f"{server.url}/kiosk/qr/tidak-ada.svg").status == 404

    # It returns to the start by itself after the configured seconds, counting down.
    expect(kiosk_page.locator("#t-seconds")).to_have_text("1", timeout=6000)
    expect(ticket).to_be_hidden(timeout=6000)
    expect(service_card(kiosk_page, "KTP")).to_contain_text("3 orang menunggu")


def test_a_double_tap_issues_one_ticket(start_server: Callable[..., LiveServer],
                                        kiosk_page: Page) -> None:
    server = start_server(extra_tables=kiosk_config())
    open_kiosk(kiosk_page, server)
    button = service_card(kiosk_page, "KK").locator("button.k-take")
    with kiosk_page.expect_request("**/api/v1/tickets") as sent:
        button.dblclick()
    expect(kiosk_page.locator("#t-number")).to_have_text("B-001")
    body = sent.value.post_data_json
    assert body["channel"] == "kiosk" and len(body["request_key"]) == 36
    # Two synthetic taps in one task, before the page could even repaint.
    kiosk_page.locator("#t-done").click()
    kiosk_page.evaluate("""() => {
        const button = document.querySelector('.k-service[data-code="KK"] button.k-take');
        button.click(); button.click();
    }""")
    expect(kiosk_page.locator("#t-number")).to_have_text("B-002")
    expect(kiosk_page.locator("#t-ahead")).to_have_text("1 orang")
    assert issued_today(server, "KK") == 2


def test_full_quota_and_closed_hours_show_why(start_server: Callable[..., LiveServer],
                                              kiosk_page: Page) -> None:
    tomorrow = datetime.now(ZoneInfo("Asia/Makassar")) + timedelta(days=1)
    akta_hours = f'issuing_hours = {{ {WEEKDAY_KEYS[tomorrow.weekday()]} = "08:00-12:00" }}'
    server = start_server(quota=2, extra_service=akta_hours, extra_tables=kiosk_config())
    issue_by_api(server, "KTP")
    open_kiosk(kiosk_page, server)
    expect(service_card(kiosk_page, "KTP")).to_contain_text("sisa kuota 1")
    expect(service_card(kiosk_page, "AKTA")).to_contain_text(
        "Tidak dibuka hari ini. Buka kembali besok pukul 08.00")
    expect(service_card(kiosk_page, "AKTA").locator("button.k-take")).to_have_count(0)

    issue_by_api(server, "KTP")  # another channel takes the last number: the kiosk is told
    ktp = service_card(kiosk_page, "KTP")
    expect(ktp).to_contain_text("Kuota hari ini habis", timeout=10000)
    expect(ktp.locator("button.k-take")).to_have_count(0)
    screenshot(kiosk_page, "kiosk-quota-full")

    ktp.locator("button.k-info").tap()
    expect(kiosk_page.locator("#info-closed")).to_have_text("Kuota layanan hari ini sudah habis.")
    expect(kiosk_page.locator("#info-take")).to_be_hidden()


def test_the_server_refusal_is_shown_in_indonesian(start_server: Callable[..., LiveServer],
                                                   kiosk_page: Page) -> None:
    server = start_server(quota=1, extra_tables=kiosk_config())
    # No updates for this kiosk, so its button is still there when the quota runs out.
    without_live_feed(kiosk_page)
    open_kiosk(kiosk_page, server)
    expect(service_card(kiosk_page, "KTP")).to_contain_text("sisa kuota 1")
    kiosk_page.route("**/api/v1/services", lambda route: route.abort())
    issue_by_api(server, "KTP")
    service_card(kiosk_page, "KTP").locator("button.k-take").tap()
    expect(kiosk_page.locator("#error-message")).to_have_text("Kuota layanan hari ini sudah habis.")
    expect(kiosk_page.locator("#error-retry")).to_be_hidden()
    screenshot(kiosk_page, "kiosk-refused")
    kiosk_page.unroute("**/api/v1/services")
    kiosk_page.locator("#error-close").tap()
    expect(service_card(kiosk_page, "KTP")).to_contain_text("Kuota hari ini habis")
    assert issued_today(server, "KTP") == 1


def test_priority_path_issues_a_priority_ticket(start_server: Callable[..., LiveServer],
                                                kiosk_page: Page) -> None:
    server = start_server(extra_tables=kiosk_config())
    issue_by_api(server, "KK")
    open_kiosk(kiosk_page, server)
    kiosk_page.locator("#priority-open").tap()
    expect(kiosk_page.locator("#priority-categories button")).to_have_count(6)
    screenshot(kiosk_page, "kiosk-priority-categories")
    kiosk_page.get_by_role("button", name="Ibu hamil", exact=True).tap()
    expect(kiosk_page.locator("#priority-banner")).to_contain_text("Ibu hamil")
    screenshot(kiosk_page, "kiosk-priority-choose-service")
    service_card(kiosk_page, "KK").locator("button.k-take").tap()
    expect(kiosk_page.locator("#t-priority")).to_have_text("PRIORITAS · Ibu hamil")
    expect(kiosk_page.locator("#t-ahead")).to_have_text("Tidak ada")  # ahead of the regular one
    ticket_id = kiosk_page.locator("#t-qr").get_attribute("src").split("/")[-1][:-4]  # type: ignore[union-attr]
    ticket = requests.get(f"{server.url}/api/v1/tickets/{ticket_id}", timeout=10).json()
    assert (ticket["priority"], ticket["channel"], ticket["number"]) == ("ibu_hamil", "kiosk",
                                                                        "B-002")
    screenshot(kiosk_page, "kiosk-priority-ticket")
    kiosk_page.locator("#t-done").tap()
    expect(kiosk_page.locator("#priority-banner")).to_be_hidden()


def test_the_service_standard_can_be_read_before_taking_a_number(
        start_server: Callable[..., LiveServer], browser: Browser) -> None:
    server = start_server(extra_tables=kiosk_config())
    context = browser.new_context(viewport=LANDSCAPE, locale="id-ID", has_touch=True)
    page = context.new_page()
    try:
        open_kiosk(page, server)
        screenshot(page, "kiosk-start-landscape")
        service_card(page, "KTP").locator("button.k-info").tap()
        panel = page.locator("#info-panel")
        expect(panel).to_contain_text("Fotokopi Kartu Keluarga")
        # The test office sets no cost, so none is published.
        expect(page.locator("#info-cost")).to_have_text("Belum diumumkan")
        screenshot(page, "kiosk-info")
        page.locator("#info-take").tap()
        expect(page.locator("#t-number")).to_have_text("A-001")
    finally:
        context.close()


@pytest.mark.parametrize("live_feed", [True, False], ids=["live-feed", "polling"])
def test_a_failed_print_tells_the_citizen_to_note_the_number(
        start_server: Callable[..., LiveServer], kiosk_page: Page, live_feed: bool) -> None:
    dead_port = free_port()  # nothing listens: the printer is off
    server = start_server(extra_tables=kiosk_config() + printer_config(dead_port))
    if not live_feed:
        without_live_feed(kiosk_page)
    open_kiosk(kiosk_page, server)
    service_card(kiosk_page, "KTP").locator("button.k-take").tap()
    expect(kiosk_page.locator("#t-number")).to_have_text("A-001")
    expect(kiosk_page.locator("#t-print")).to_have_text(
        "Tiket gagal dicetak, silakan catat/foto nomor Anda.")
    screenshot(kiosk_page, "kiosk-print-failed")
    ticket_id = kiosk_page.locator("#t-qr").get_attribute("src").split("/")[-1][:-4]  # type: ignore[union-attr]
    polled = requests.get(f"{server.url}/kiosk/print-status/{ticket_id}", timeout=10).json()
    assert set(polled["print_status"]) == {"job", "status", "message"}  # no printer details


def test_a_lost_connection_says_so_and_a_retry_issues_one_ticket(
        start_server: Callable[..., LiveServer], kiosk_page: Page) -> None:
    server = start_server(extra_tables=kiosk_config())
    open_kiosk(kiosk_page, server)
    server.stop()
    service_card(kiosk_page, "KTP").locator("button.k-take").tap()
    expect(kiosk_page.locator("#error-message")).to_have_text(
        "Tidak dapat terhubung ke server, coba lagi.")
    screenshot(kiosk_page, "kiosk-network-error")
    server.start()
    kiosk_page.locator("#error-retry").tap()
    expect(kiosk_page.locator("#t-number")).to_have_text("A-001")
    kiosk_page.locator("#t-done").tap()
    assert issued_today(server, "KTP") == 1


def test_a_lost_answer_is_retried_with_the_same_key_and_issues_one_ticket(
        start_server: Callable[..., LiveServer], kiosk_page: Page) -> None:
    server = start_server(extra_tables=kiosk_config())
    open_kiosk(kiosk_page, server)
    keys: list[str] = []

    def lose_the_answer(route):  # type: ignore[no-untyped-def]
        keys.append(route.request.post_data_json["request_key"])
        route.fetch()  # the server issues the ticket...
        route.abort()  # ...and the answer never reaches the kiosk

    kiosk_page.route("**/api/v1/tickets", lose_the_answer)
    service_card(kiosk_page, "AKTA").locator("button.k-take").tap()
    expect(kiosk_page.locator("#error-message")).to_have_text(
        "Tidak dapat terhubung ke server, coba lagi.")
    kiosk_page.unroute("**/api/v1/tickets")
    with kiosk_page.expect_request("**/api/v1/tickets") as retry:
        kiosk_page.locator("#error-retry").tap()
    expect(kiosk_page.locator("#t-number")).to_have_text("C-001")
    assert retry.value.post_data_json["request_key"] == keys[0]
    assert issued_today(server, "AKTA") == 1


def test_a_printed_ticket_says_where_to_take_it(start_server: Callable[..., LiveServer],
                                                kiosk_page: Page) -> None:
    port = free_port()
    server = start_server(extra_tables=kiosk_config() + printer_config(port))
    with printer_at(port) as printer:
        open_kiosk(kiosk_page, server)
        service_card(kiosk_page, "KTP").locator("button.k-take").tap()
        expect(kiosk_page.locator("#t-print")).to_have_text(
            "Tiket sudah dicetak. Silakan ambil tiket Anda di bawah layar.")
        assert len(printer.wait_for_jobs(1)) == 1
    screenshot(kiosk_page, "kiosk-printed")

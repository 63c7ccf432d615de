"""The admin pages in Chromium: users, running text, services as configured, failed prints."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import PASSWORD, issue, sign_in
from tests.support.browser import screenshot, wait_for
from tests.support.live_server import LiveServer, free_port
from tests.support.pairing import pair_browser


@pytest.fixture(scope="module")
def server(start_shared_server: Callable[..., LiveServer]) -> LiveServer:
    """One server for this module's admin pages: each test makes its own users and reads only
    what it made (the overview is the one test that issues tickets)."""
    return start_shared_server().with_users(kepala="admin")


@pytest.fixture
def second_page(browser: Browser) -> Iterator[Page]:
    """Another person's browser: its own cookies."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID")
    yield context.new_page()
    context.close()


def test_the_overview_and_the_services_as_config_says(server: LiveServer, page: Page) -> None:
    issue(server)
    issue(server, "KK")
    sign_in(page, server, "kepala", path="/admin/")
    expect(page.get_by_role("heading", name="Ringkasan")).to_be_visible()
    expect(page.locator("#total-issued")).to_have_text("2")
    for path in ("/admin/ikm", "/admin/pengaduan", "/monitor", "/laporan"):
        expect(page.locator(f".admin-nav a[href='{path}']")).to_have_count(1)
    screenshot(page, "admin-overview")
    page.click(".admin-nav >> text=Layanan & Loket")
    expect(page.locator(".notice")).to_contain_text("langsung berlaku")  # no restart (issue 16)
    ktp = page.locator("#services-table tr[data-service=KTP]")
    expect(ktp).to_contain_text("KTP-el")
    expect(ktp.locator("td.prefix")).to_have_text("A")
    expect(ktp).to_contain_text("30 menit")
    expect(ktp).to_contain_text("Sepanjang hari")
    expect(ktp.locator("td.num").nth(2)).to_have_text("1")  # issued today
    expect(page.locator("#counters-table tr[data-counter='2']")).to_contain_text(
        "KTP-el, Kartu Keluarga, Akta Kelahiran")
    screenshot(page, "admin-services")


def test_an_admin_creates_a_petugas_who_can_then_sign_in(server: LiveServer, page: Page,
                                                          second_page: Page) -> None:
    sign_in(page, server, "kepala", path="/admin/pengguna")
    page.fill("#username", "budi")
    page.fill("#display_name", "Budi Santoso")
    page.select_option("#role", "petugas")
    page.fill("#password", "pendek")
    # The browser's own minlength check would stop the form; the server's message is the test.
    page.evaluate("document.getElementById('password').removeAttribute('minlength')")
    page.click("#new-user button[type=submit]")
    expect(page.locator(".error")).to_have_text("Kata sandi paling sedikit 8 karakter.")
    expect(page.locator("#username")).to_have_value("budi")  # what was typed is kept
    expect(page.locator("#display_name")).to_have_value("Budi Santoso")
    page.fill("#password", "budi-rahasia-1")
    page.click("#new-user button[type=submit]")
    expect(page.locator(".success")).to_contain_text("Pengguna budi dibuat")
    row = page.locator("#users-table tr[data-username=budi]")
    expect(row).to_contain_text("Petugas")
    expect(row).to_contain_text("Aktif")
    screenshot(page, "admin-users")

    sign_in(second_page, server, "budi", "budi-rahasia-1")
    expect(second_page.get_by_role("heading", name="Pilih loket Anda")).to_be_visible()

    page.once("dialog", lambda dialog: dialog.accept())
    row.get_by_role("button", name="Nonaktifkan").click()
    expect(page.locator(".success")).to_contain_text("budi dinonaktifkan")
    expect(row).to_contain_text("Nonaktif")
    # Deactivation ends the session already open as well as future sign-ins.
    second_page.reload()
    expect(second_page.get_by_role("heading", name="Masuk Petugas")).to_be_visible()
    refused = requests.post(f"{server.url}/api/v1/auth/login", timeout=10,
                            json={"username": "budi", "password": "budi-rahasia-1"})
    assert refused.status_code == 401


def test_running_text_set_in_admin_appears_on_the_tv(server: LiveServer, page: Page,
                                                     second_page: Page) -> None:
    tv = second_page
    pair_browser(tv, server, "display")
    wait_for(tv, "window.AntreanTV.connected")
    sign_in(page, server, "kepala", path="/admin/teks-berjalan")
    text = "Hari ini layanan KTP-el buka sampai pukul 14.00 WITA. Layanan ini GRATIS."
    page.fill("#text", text)
    page.get_by_role("button", name="Simpan").click()
    expect(page.locator(".success")).to_contain_text("Teks berjalan disimpan")
    expect(page.locator("#text")).to_have_value(text)
    expect(tv.locator("#tv-marquee")).to_have_text(text)
    screenshot(page, "admin-running-text")


def test_a_petugas_may_not_open_the_admin_pages(server: LiveServer, page: Page) -> None:
    server.create_user("siti", PASSWORD, "petugas")
    sign_in(page, server, "siti")
    response = page.goto(server.url + "/admin/")
    assert response is not None and response.status == 403
    expect(page.get_by_role("heading", name="Akses ditolak")).to_be_visible()


def test_failed_prints_are_listed_and_can_be_reprinted(
        start_server: Callable[..., LiveServer], page: Page) -> None:
    # A network printer on a port where nothing listens: every job fails quickly.
    server = start_server(extra_tables=(
        f'\n[printer]\nkind = "network"\nhost = "127.0.0.1"\nport = {free_port()}\n'
        "timeout_seconds = 1\n"))
    server.create_user("kepala", PASSWORD, "admin")
    kiosk = {"Authorization": f"Bearer {server.create_device('kiosk')}"}
    ticket = requests.post(f"{server.url}/api/v1/tickets", headers=kiosk, timeout=10,
                           json={"service": "KTP", "channel": "kiosk"}).json()
    sign_in(page, server, "kepala", path="/admin/")
    row = page.locator(f"#print-jobs tr[data-ticket='{ticket['id']}']")
    for _ in range(50):  # the job fails in the background, within the printer timeout
        page.goto(server.url + "/admin/cetak")
        if row.count():
            break
        page.wait_for_timeout(200)
    expect(row).to_contain_text(ticket["number"])
    row.get_by_role("button", name="Cetak Ulang").click()
    expect(page.locator("#print-message")).to_have_text(
        f"Tiket {ticket['number']} dikirim ulang ke printer.")
    screenshot(page, "admin-print-jobs")

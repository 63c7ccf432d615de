"""The kepala runs the office from /admin in Chromium; the kiosk and the TV follow without a
reload. Screenshots of the admin pages under test-artifacts/screens/."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import issue, sign_in
from tests.browser.test_kiosk import PORTRAIT, open_kiosk, service_card
from tests.support.browser import screenshot
from tests.support.live_server import PASSWORD, LiveServer
from tests.support.pairing import pair_browser


def test_the_kepala_raises_a_quota_and_closes_a_service_and_the_kiosk_follows_live(
        start_server: Callable[..., LiveServer], browser: Browser, page: Page) -> None:
    server = start_server(quota=5)
    server.create_user("kepala", PASSWORD, "admin")
    for _ in range(2):
        issue(server, "KTP")
    kiosk_context = browser.new_context(viewport=PORTRAIT, locale="id-ID", has_touch=True,
                                        timezone_id="Asia/Makassar")
    tv_context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID",
                                     timezone_id="Asia/Makassar")
    try:
        kiosk, tv = kiosk_context.new_page(), tv_context.new_page()
        open_kiosk(kiosk, server)
        pair_browser(tv, server, "display")
        expect(service_card(kiosk, "KTP")).to_contain_text("sisa kuota 3")
        kiosk.evaluate("window.__notReloaded = true")

        page.set_viewport_size({"width": 1500, "height": 900})
        sign_in(page, server, "kepala", path="/admin/layanan")
        row = page.locator('tr[data-service="KTP"]')
        row.locator("summary", has_text="Tambah kuota hari ini").click()
        row.locator('input[name="amount"]').fill("4")
        row.locator("button", has_text="Tambah kuota").click()
        expect(page.locator(".success")).to_contain_text("Kuota hari ini menjadi 9")
        expect(service_card(kiosk, "KTP")).to_contain_text("sisa kuota 7")
        assert kiosk.evaluate("window.__notReloaded") is True

        row = page.locator('tr[data-service="KK"]')
        row.locator("summary", has_text="Tutup layanan sementara").click()
        row.locator('input[name="reason"]').fill("Jaringan SIAK pusat gangguan")
        row.locator("button", has_text="Tutup sementara").click()
        expect(service_card(kiosk, "KK")).to_contain_text(
            "Tutup sementara: Jaringan SIAK pusat gangguan")
        expect(tv.locator('#tv-waiting li[data-service="KK"]')).to_contain_text(
            "Jaringan SIAK pusat gangguan")
        row = page.locator('tr[data-service="AKTA"]')
        row.locator("summary", has_text="Tutup layanan sementara").click()
        screenshot(page, "admin-setup-services")
        screenshot(kiosk, "admin-setup-kiosk-paused")
        screenshot(tv, "admin-setup-tv-paused")
    finally:
        kiosk_context.close()
        tv_context.close()


def test_the_edit_forms_show_the_configs_message_and_keep_what_was_typed(
        start_server: Callable[..., LiveServer], page: Page) -> None:
    server = start_server()
    server.create_user("kepala", PASSWORD, "admin")
    page.set_viewport_size({"width": 1300, "height": 900})
    sign_in(page, server, "kepala", path="/admin/layanan/KTP/ubah")
    page.fill("#prefix", "a1")
    page.fill("#daily_quota", "80")
    page.click("form.setup-form button[type=submit]")
    expect(page.locator("#form-error")).to_have_text(
        "Prefiks: satu sampai tiga huruf kapital, misalnya 'A'")
    expect(page.locator("#daily_quota")).to_have_value("80")
    screenshot(page, "admin-setup-service-form-error")
    page.fill("#prefix", "D")
    page.click("form.setup-form button[type=submit]")
    expect(page.locator(".success")).to_contain_text("Prefiks D berlaku mulai")
    page.goto(server.url + "/admin/loket/2/ubah")
    page.uncheck('input[value="AKTA"]')
    screenshot(page, "admin-setup-counter-form")
    page.click("form.setup-form button[type=submit]")
    expect(page.locator('tr[data-counter="2"]')).to_contain_text("KTP-el, Kartu Keluarga")
    page.goto(server.url + "/admin/kantor")
    page.fill("#counter_word", "gerai")
    screenshot(page, "admin-setup-office")
    page.click("form.setup-form button[type=submit]")
    expect(page.locator(".success")).to_contain_text("Data kantor disimpan")

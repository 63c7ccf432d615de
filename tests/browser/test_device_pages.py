"""An admin pairs a TV from the admin pages, revokes it, and reads the audit log."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import PASSWORD, sign_in
from tests.support.browser import screenshot, wait_for
from tests.support.live_server import LiveServer


def test_an_admin_pairs_a_tv_revokes_it_and_sees_the_audit_log(
        start_server: Callable[..., LiveServer], page: Page, browser: Browser) -> None:
    server = start_server()
    server.create_user("kepala", PASSWORD, "admin")
    sign_in(page, server, "kepala", path="/admin/perangkat")
    page.fill("#name", "TV <Lobi> Utama")
    page.select_option("#role", "display")
    page.get_by_role("button", name="Buat perangkat").click()
    expect(page.locator("#pairing")).to_contain_text('Layar TV "TV <Lobi> Utama" dibuat')
    pair_url = page.locator("#pair-url").input_value()
    screenshot(page, "admin-devices-created")
    tv_context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="id-ID")
    try:
        tv = tv_context.new_page()
        tv.goto(pair_url)
        assert tv.url == server.url + "/display/"
        wait_for(tv, "window.AntreanTV.connected")
        page.goto(server.url + "/admin/perangkat")
        page.get_by_role("button", name="Cabut").click()
        expect(page.locator(".success")).to_contain_text("dicabut")
        expect(page.locator("#devices-table")).to_contain_text("Dicabut")
        tv.reload()
        assert "/console/login" in tv.url  # the TV is no longer paired
    finally:
        tv_context.close()
    page.goto(server.url + "/admin/audit")
    rows = page.locator("#audit-table tbody tr")
    expect(rows.nth(0)).to_contain_text("Perangkat dicabut")
    expect(rows.nth(1)).to_contain_text("Perangkat dibuat")
    expect(rows.nth(1)).to_contain_text("kepala")
    expect(rows.nth(1)).to_contain_text("display TV <Lobi> Utama")
    screenshot(page, "admin-audit-log")

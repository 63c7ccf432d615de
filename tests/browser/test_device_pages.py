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
    page.get_by_role("button", name="Pasangkan layar TV").click()
    expect(page.locator("#pairing")).to_contain_text('Layar TV "TV <Lobi> Utama"')
    pair_url = page.locator("#pair-url").get_attribute("href")
    assert pair_url is not None
    screenshot(page, "admin-devices-created")
    tv_context = browser.new_context(viewport={"width": 1280, "height": 720}, locale="id-ID")
    try:
        tv = tv_context.new_page()
        tv.goto(pair_url)
        tv.get_by_role("button", name="Pasangkan perangkat ini").click()
        expect(tv).to_have_url(server.url + "/display/")
        wait_for(tv, "window.AntreanTV.connected")
        page.goto(server.url + "/admin/perangkat")
        page.get_by_role("button", name="Cabut").click()
        expect(page.locator(".success")).to_contain_text("dicabut")
        expect(page.locator("#devices-table")).to_contain_text("Dicabut")
        tv.reload()
        expect(tv.locator("#unpaired")).to_be_visible()  # the TV is no longer paired
    finally:
        tv_context.close()
    page.goto(server.url + "/admin/audit")
    rows = page.locator("#audit-table tbody tr")
    expect(rows.nth(0)).to_contain_text("Perangkat dicabut")
    expect(rows.nth(1)).to_contain_text("Perangkat dibuat")
    expect(rows.nth(1)).to_contain_text("kepala")  # who made the link the TV used
    expect(rows.nth(1)).to_contain_text("display TV <Lobi> Utama")
    expect(rows.nth(2)).to_contain_text("Tautan pemasangan dibuat")
    screenshot(page, "admin-audit-log")

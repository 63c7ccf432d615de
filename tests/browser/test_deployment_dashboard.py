"""The deployment's admin in Chromium: every office's queue on one live dashboard, a new
office added from the register, and one office's admin pages reached from the dashboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from antrean.core.access import Role
from tests.browser.test_report_screens import served
from tests.support.app import AppFactory
from tests.support.browser import screenshot
from tests.support.deployment import OFFICES
from tests.support.live_server import PASSWORD

pytestmark = pytest.mark.browser


def test_the_dashboard_follows_every_office_live(make_app: AppFactory, page: Page) -> None:
    root = make_app(extra_tables=OFFICES)
    root.add_user("bupati", Role.ADMIN)
    api = root.client()
    with served(root.app) as url:
        page.goto(f"{url}/kantor")
        page.fill("#username", "bupati")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("Semua Kantor")
        expect(page.locator("#deployment-live")).to_have_text("Langsung")
        rows = page.locator("#deployment-table tbody tr")
        expect(rows).to_have_count(3)
        astambul = page.locator('tr[data-office="astambul"]')
        for _ in range(2):
            api.post("/kantor/astambul/api/v1/tickets", json={"service": "KTP"})
        # Pushed: the page was not reloaded.
        expect(astambul.locator('[data-field="waiting"]')).to_have_text("2")
        expect(page.locator('[data-total="waiting"]')).to_have_text("2")
        root.clock.advance(minutes=31)  # past KTP's 30-minute target
        api.post("/kantor/astambul/api/v1/tickets", json={"service": "KK"})
        expect(astambul.locator('[data-field="overdue"]')).to_have_text("2")
        expect(astambul).to_have_class("breach")
        expect(astambul.locator('[data-field="longest_wait_label"]')).to_have_text("31 menit")
        expect(page.locator('tr[data-office="gambut"] [data-field="waiting"]')).to_have_text("0")
        screenshot(page, "kantor-dasbor")

        page.click('a:has-text("Daftar Kantor")')
        page.fill("#code", "aluh-aluh")
        page.fill("#name", "Kecamatan Aluh-Aluh")
        page.select_option("#timezone", "Asia/Makassar")
        page.click("#office-form button[type=submit]")
        expect(page.locator('#offices-table tr[data-office="aluh-aluh"]')).to_be_visible()
        page.fill("#code", "aluh-aluh")
        page.fill("#name", "Lagi")
        page.click("#office-form button[type=submit]")
        expect(page.locator("#office-error")).to_contain_text("sudah terdaftar")
        screenshot(page, "kantor-daftar")

        page.goto(f"{url}/kantor")
        expect(rows).to_have_count(4)
        page.click('tr[data-office="astambul"] a')
        expect(page.locator(".topbar strong")).to_have_text("Kecamatan Astambul")
        expect(page.locator("#deployment-home")).to_be_visible()
        screenshot(page, "kantor-admin-astambul")

"""Issue 14's mended pages in Chromium: citizen cancel, priority check at the console, the
complaint recap, and the public standards; each screenshotted to look at."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import issue, sign_in
from tests.support.browser import screenshot
from tests.support.live_server import PASSWORD, LiveServer

PRIORITY_COUNTER = """
[[counters]]
number = 4
name = "Loket Prioritas"
services = ["KTP"]
"""


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True, locale="id-ID")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def server(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server(extra_tables=PRIORITY_COUNTER).with_users(
        petugas1="petugas", kepala="admin")


def test_a_citizen_cancels_from_the_phone_after_confirming(server: LiveServer,
                                                          phone: Page) -> None:
    ticket = issue(server)
    phone.goto(f"{server.url}/t/{ticket['id']}")
    expect(phone.locator("#t-live")).to_have_attribute("data-state", "online")
    screenshot(phone, "tracking-with-cancel")
    phone.get_by_role("link", name="Batalkan nomor").click()
    expect(phone.get_by_role("heading", name=f"Batalkan nomor {ticket['number']}?")).to_be_visible()
    screenshot(phone, "tracking-cancel-confirm")
    phone.get_by_role("button", name="Ya, batalkan nomor").click()
    expect(phone.locator("#t-status")).to_have_text("Dibatalkan")
    expect(phone.locator("#t-cancel")).to_be_hidden()
    screenshot(phone, "tracking-cancelled")


def test_the_calling_petugas_removes_a_priority_with_a_reason(server: LiveServer,
                                                              page: Page) -> None:
    claimed = issue(server, priority="lansia")
    sign_in(page, server, "petugas1")
    page.locator("form.counter-choices button[value='4']").click()
    page.get_by_role("button", name="Panggil P").click()
    expect(page.locator("#current-number")).to_have_text(claimed["number"])
    remove = page.get_by_role("button", name="Cabut Prioritas")
    expect(remove).to_be_visible()
    screenshot(page, "console-priority-check")
    remove.click()
    page.fill("#remove-priority-reason", "Pemohon belum berusia 60 tahun")
    screenshot(page, "console-priority-remove-dialog")
    page.locator("#remove-priority-confirm").click()
    expect(page.locator("#console-message")).to_contain_text("dicabut")
    expect(page.locator("#current-number")).to_have_text("—")
    status = requests.get(f"{server.url}/api/v1/tickets/{claimed['id']}", timeout=10).json()
    assert (status["status"], status["priority_check"]) == ("waiting", "removed")


def test_complaint_recap_and_the_lapor_form(server: LiveServer, page: Page) -> None:
    sign_in(page, server, "kepala", PASSWORD, path="/admin/pengaduan")
    page.get_by_role("link", name="Catat pengaduan dari saluran lain").click()
    page.select_option("#channel", "lapor")
    page.fill("#lapor_number", "LPR-2611-001")
    page.select_option("#category", "biaya")
    page.fill("#message", "Dimintai uang saat mengurus KK.")
    screenshot(page, "admin-complaint-record")
    page.get_by_role("button", name="Simpan pengaduan").click()
    expect(page.locator("body")).to_contain_text("LPR-2611-001")
    page.goto(f"{server.url}/admin/pengaduan")
    expect(page.locator("#complaints")).to_contain_text("SP4N-LAPOR!")
    screenshot(page, "admin-complaint-list")
    page.get_by_role("link", name="Rekap bulanan").click()
    expect(page.locator("#recap-total")).to_have_text("1")
    screenshot(page, "admin-complaint-recap")


def test_standards_say_not_announced_and_admin_lists_incomplete(server: LiveServer,
                                                                page: Page) -> None:
    page.goto(f"{server.url}/layanan")
    expect(page.locator("#cost-note")).to_be_visible()
    expect(page.get_by_text("Belum diumumkan").first).to_be_visible()
    screenshot(page, "layanan-cost-not-announced")
    sign_in(page, server, "kepala", PASSWORD, path="/admin/")
    expect(page.locator("#incomplete-standards")).to_contain_text("Biaya/tarif")
    screenshot(page, "admin-incomplete-standards")

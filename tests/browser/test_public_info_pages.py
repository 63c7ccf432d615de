"""Service standards and complaints as a citizen sees them, in Chromium."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect

from tests.support.browser import screenshot
from tests.support.feedback import demo_config_dir
from tests.support.live_server import LiveServer


def test_service_standards_read_and_print(start_server: Callable[..., LiveServer], page: Page,
                                          tmp_path: Path) -> None:
    server = start_server(config_dir=demo_config_dir(tmp_path))
    page.goto(f"{server.url}/layanan")
    expect(page.get_by_role("heading", name="Standar Pelayanan")).to_be_visible()
    screenshot(page, "layanan")
    page.get_by_role("link", name="KTP-el").click()
    expect(page.get_by_role("heading", name="KTP-el", exact=True)).to_be_visible()
    expect(page.get_by_text("Rp0 (Gratis)")).to_be_visible()
    screenshot(page, "layanan-ktp")
    page.emulate_media(media="print")
    expect(page.locator(".topbar")).to_be_hidden()
    expect(page.locator(".print-office")).to_be_visible()
    screenshot(page, "layanan-ktp-print")

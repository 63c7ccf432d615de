"""The first run as a new user meets it: `make run`'s demo office on a fresh database, the
set-up code read from the server's console, the first admin, a kiosk paired with one click."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Browser, Page, expect

from tests.support.browser import screenshot
from tests.support.first_run import setup_code_from_console
from tests.support.live_server import PASSWORD, REPO_ROOT, LiveServer


def test_a_new_office_from_the_first_page_to_a_paired_kiosk(
        start_server: Callable[..., LiveServer], page: Page, browser: Browser,
        tmp_path: Path) -> None:
    office_dir = tmp_path / "kantor"
    office_dir.mkdir()
    shutil.copy(REPO_ROOT / "config.toml", office_dir)  # the demo office `make run` serves
    server = start_server(config_dir=office_dir, forked=False)  # all a start prints
    code = setup_code_from_console(server)
    assert "Deprecat" not in server.read_log()  # stdout and stderr of run.py

    page.goto(server.url + "/")
    expect(page).to_have_url(server.url + "/setup")
    expect(page.locator("h1")).to_have_text("Penyiapan awal: buat akun admin")
    screenshot(page, "first-run-setup")
    page.fill("#setup_code", code.lower())
    page.fill("#username", "kepala")
    page.fill("#display_name", "Ibu Kepala Kecamatan")
    page.fill("#password", PASSWORD)
    page.fill("#password_again", PASSWORD)
    page.get_by_role("button", name="Buat admin dan masuk").click()
    expect(page).to_have_url(server.url + "/admin/perangkat")
    expect(page.locator(".success")).to_contain_text("Admin pertama dibuat")

    page.get_by_role("button", name="Pasangkan kios").click()
    expect(page.locator("#pairing")).to_contain_text('Kios "Kios 1"')
    expect(page.locator("#pairing svg")).to_be_visible()
    screenshot(page, "first-run-pairing")
    pair_url = page.locator("#pair-url").get_attribute("href")
    assert pair_url is not None and re.fullmatch(re.escape(server.url) + r"/p/[A-Z0-9-]{9}",
                                                 pair_url)

    kiosk_context = browser.new_context(viewport={"width": 1080, "height": 1920},
                                        locale="id-ID", timezone_id="Asia/Makassar")
    try:
        kiosk = kiosk_context.new_page()
        kiosk.goto(server.url + "/kiosk/")
        expect(kiosk.locator("h1")).to_contain_text("belum dipasangkan sebagai kios tiket")
        screenshot(kiosk, "first-run-kiosk-unpaired")
        kiosk.goto(pair_url)
        screenshot(kiosk, "first-run-pair-confirm")
        kiosk.get_by_role("button", name="Pasangkan perangkat ini").click()
        expect(kiosk).to_have_url(server.url + "/kiosk/")
        expect(kiosk.locator('.k-service[data-code="KTP"]')).to_be_visible()
        expect(kiosk.locator("#link-state")).to_have_attribute("data-state", "online")
        screenshot(kiosk, "first-run-kiosk-paired")
    finally:
        kiosk_context.close()

    page.goto(server.url + "/admin/perangkat")
    expect(page.locator("#devices-table")).to_contain_text("Kios 1")
    page.goto(server.url + "/")
    expect(page.locator("h1")).to_have_text("Selamat datang di Kecamatan Martapura")
    screenshot(page, "first-run-landing")
    page.goto(server.url + "/tidak-ada")
    expect(page.locator("h1")).to_have_text("Halaman tidak ditemukan")
    screenshot(page, "first-run-not-found")
    assert "Deprecat" not in server.read_log()

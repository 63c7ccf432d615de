"""Service standards and complaints as a citizen sees them, in Chromium."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.support.browser import screenshot
from tests.support.feedback import demo_config_dir
from tests.support.live_server import LiveServer, csrf_from


@pytest.fixture(scope="module")
def server(start_shared_server: Callable[..., LiveServer],
           tmp_path_factory: pytest.TempPathFactory) -> LiveServer:
    """The demo office, shared: the standards are read-only and complaints are the other
    test's alone."""
    return start_shared_server(config_dir=demo_config_dir(tmp_path_factory.mktemp("demo")))


def test_service_standards_read_and_print(server: LiveServer, page: Page) -> None:
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


def test_a_complaint_from_form_to_answer(server: LiveServer, page: Page,
                                         browser: Browser) -> None:
    server.create_user("kepala", "rahasia-123", "admin")
    phone = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID",
                                device_scale_factor=2, is_mobile=True, has_touch=True)
    mobile = phone.new_page()
    mobile.goto(f"{server.url}/pengaduan")
    mobile.select_option("#category", "antrean")
    mobile.fill("#message", "Saya datang pukul 08.00 dengan nomor A-014, tetapi loket 2 "
                            "tutup sampai pukul 10.00 tanpa pengumuman.")
    mobile.fill("#ticket_number", "A-014")
    screenshot(mobile, "pengaduan-form")
    mobile.get_by_role("button", name="Kirim Pengaduan").click()
    code = mobile.locator("#tracking-code").inner_text()
    assert code.startswith("PGD-")
    screenshot(mobile, "pengaduan-sent")
    phone.close()

    others = [("sarana", "Toilet di ruang tunggu tidak ada air sejak kemarin."),
              ("biaya", "Ada orang di parkiran menawarkan jasa percepatan KTP dengan bayaran.")]
    for category, message in others:
        web = requests.Session()
        token = csrf_from(web.get(f"{server.url}/pengaduan", timeout=10).text)
        web.post(f"{server.url}/pengaduan", timeout=10,
                 data={"csrf_token": token, "category": category, "message": message})
    page.goto(f"{server.url}/console/login?next=/admin/pengaduan")
    page.fill("#username", "kepala")
    page.fill("#password", "rahasia-123")
    page.get_by_role("button", name="Masuk").click()
    expect(page.locator("#complaints")).to_contain_text(code)
    screenshot(page, "pengaduan-admin-list")
    page.get_by_role("link", name=code).click()
    page.fill("#body", "Mohon maaf atas ketidaknyamanannya. Petugas loket 2 sedang mengikuti "
                       "rapat; mulai besok loket pengganti dibuka dan diumumkan di layar.")
    page.select_option("#status", "selesai")
    page.get_by_role("button", name="Kirim Tanggapan").click()
    expect(page.get_by_role("status")).to_contain_text("Tanggapan terkirim")
    screenshot(page, "pengaduan-admin-reply")

    page.goto(f"{server.url}/pengaduan/cek")
    page.fill("#kode", code.lower())
    page.get_by_role("button", name="Cek").click()
    expect(page.locator("#complaint-status")).to_have_text("Selesai")
    expect(page.locator("#complaint")).to_contain_text("loket pengganti dibuka")
    screenshot(page, "pengaduan-status")

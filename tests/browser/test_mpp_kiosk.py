"""The kiosk of a Mal Pelayanan Publik with twelve agencies, in headless Chromium against
run.py started on examples/mpp.toml as shipped: choose an agency, search, take a ticket."""

import io
import shutil
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw
from playwright.sync_api import Browser, expect

from tests.support.browser import screenshot, wait_for
from tests.support.live_server import LiveServer
from tests.support.mpp import EXAMPLE
from tests.support.pairing import pair_browser


def _logo() -> bytes:
    image = Image.new("RGBA", (96, 96), (0, 0, 0, 0))
    ImageDraw.Draw(image).ellipse((4, 4, 92, 92), fill=(11, 83, 148, 255))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


LOGO = _logo()


def test_the_mpp_kiosk_goes_from_agency_or_search_to_a_ticket(
        start_server: Callable[..., LiveServer], browser: Browser, tmp_path: Path) -> None:
    shutil.copy(EXAMPLE, tmp_path / "config.toml")  # the example as is (eventlet)
    server = start_server(config_dir=tmp_path)
    context = browser.new_context(viewport={"width": 1080, "height": 1920}, locale="id-ID",
                                  has_touch=True, timezone_id="Asia/Makassar")
    page = context.new_page()
    try:
        # Logos come from the media store (another part of the app): one stands in for all.
        page.route("**/media/*.png", lambda route: route.fulfill(
            status=200, content_type="image/png", body=LOGO))
        pair_browser(page, server, "kiosk")
        agencies = page.locator(".k-agency")
        expect(agencies).to_have_count(12)
        expect(page.locator("#lead")).to_have_text("Sentuh instansi yang Anda tuju")
        expect(page.locator(".k-service")).to_have_count(0)
        expect(agencies.first.locator("img")).to_have_attribute("src", "/media/dukcapil.png")
        screenshot(page, "mpp-kiosk-agencies")

        page.locator('.k-agency[data-code="imigrasi"]').tap()  # an agency: its services
        expect(page.locator("#agency-title")).to_have_text("Imigrasi")
        expect(page.locator(".k-service .k-name")).to_have_text(
            ["Paspor Baru", "Penggantian Paspor"])
        expect(agencies).to_have_count(0)
        screenshot(page, "mpp-kiosk-imigrasi")
        page.locator("#agency-back").tap()
        expect(agencies).to_have_count(12)

        page.locator("#agency-search").tap()  # a touch screen types on the letters shown
        for letter in "KTP":
            page.locator("#agency-search-keys button", has_text=letter).first.tap()
        expect(page.locator("#agency-search")).to_have_value("KTP")
        found = page.locator('.k-service[data-code="KTP"]')
        expect(page.locator(".k-service")).to_have_count(1)
        expect(found.locator(".k-agency-tag")).to_have_text("Disdukcapil")
        screenshot(page, "mpp-kiosk-search")

        found.locator("button.k-take").tap()
        expect(page.locator("#t-number")).to_have_text("A-001")
        expect(page.locator("#t-service")).to_have_text(
            "Disdukcapil — KTP-el (perekaman dan cetak)")
        screenshot(page, "mpp-kiosk-ticket")

        page.locator("#t-done").tap()  # the next person starts from the agencies, read aloud
        expect(agencies).to_have_count(12)
        page.locator("#access-read").tap()
        wait_for(page, "() => window.AntreanKioskAccess.said.length > 0")
        said = page.evaluate("window.AntreanKioskAccess.said[0]")
        assert said.startswith("Pilih instansi yang Anda tuju.")
        assert "Disdukcapil. Samsat. BPJS Kesehatan" in said
        page.locator('.k-agency[data-code="pdam"]').focus()
        wait_for(page, "() => window.AntreanKioskAccess.said.slice(-1)[0] === 'PDAM'")
    finally:
        context.close()

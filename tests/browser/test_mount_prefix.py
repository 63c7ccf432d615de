"""The office's app mounted under a path prefix (/kantor/<code>, as one kabupaten-wide server
mounts each office) in Chromium: the TV and the console load every script under the prefix,
their Socket.IO connects there (no "terputus" banner), and a call from the console reaches
the TV. Served by run.py, as one office of a deployment (tests.support.office_server)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.helpers import PASSWORD, issue, sign_in
from tests.support.browser import wait_for
from tests.support.configs import write_config
from tests.support.office_server import OfficeServer, office_table
from tests.support.pairing import pair_browser

PREFIX = "/kantor/uji"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OfficeServer]:
    write_config(tmp_path, async_mode="threading", extra_tables=office_table("uji"))
    mounted = OfficeServer(config=tmp_path / "config.toml",
                           database_url=f"sqlite:///{tmp_path / 'antrean.sqlite3'}", code="uji")
    try:
        yield mounted.start()
    finally:
        mounted.stop()


def outside_prefix(page: Page) -> list[str]:
    """Every request the page makes; the test keeps those that left the prefix."""
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url))
    return asked


def test_tv_and_console_work_under_a_prefix_and_a_call_reaches_the_tv(
        server: OfficeServer, page: Page) -> None:
    tv = page.context.browser.new_page()  # type: ignore[union-attr]
    tv_requests, console_requests = outside_prefix(tv), outside_prefix(page)
    server.create_user("siti", PASSWORD, "petugas")
    ticket = issue(server)

    pair_browser(tv, server, "display")
    expect(tv).to_have_url(f"{server.url}/display/")
    wait_for(tv, "window.AntreanTV && window.AntreanTV.connected")
    assert tv.evaluate("document.documentElement.dataset.root") == PREFIX
    expect(tv.locator("#tv-waiting li[data-service=KTP] .tv-waiting-count")).to_have_text("1")

    sign_in(page, server, "siti")
    page.click("button[name=counter][value='1']")
    wait_for(page, "window.AntreanConsole !== undefined")
    expect(page.locator("#link-state")).to_have_attribute("data-state", "online")
    page.get_by_role("button", name="Panggil P").click()
    expect(tv.locator("#latest-number")).to_have_text(ticket["number"])
    expect(tv.locator("#latest-counter")).to_have_text("Loket 1")
    expect(tv.locator("#tv-offline")).to_have_attribute("data-state", "online")
    expect(tv.locator("#tv-offline")).to_be_hidden()
    expect(page.locator("#link-state")).to_be_hidden()

    origin = server.url.removesuffix(PREFIX)
    strays = [url for url in tv_requests + console_requests
              if url.startswith(origin) and not url.startswith(server.url + "/")]
    assert strays == [], strays
    assert any("/socket.io/" in url for url in tv_requests)
    tv.close()


def test_kiosk_under_a_prefix_issues_a_ticket_whose_qr_leads_to_its_page(
        server: OfficeServer, page: Page) -> None:
    asked = outside_prefix(page)
    pair_browser(page, server, "kiosk", public_url=server.url)
    expect(page).to_have_url(f"{server.url}/kiosk/")
    expect(page.locator("#link-state")).to_have_attribute("data-state", "online")
    page.locator('.k-service[data-code="KTP"] button.k-take').click()
    expect(page.locator("#t-number")).to_have_text("A-001")
    qr = page.locator("#t-qr")
    expect(qr).to_have_js_property("complete", True)
    assert qr.evaluate("img => img.naturalWidth") > 0
    assert (qr.get_attribute("src") or "").startswith(f"{PREFIX}/kiosk/qr/")

    origin = server.url.removesuffix(PREFIX)
    strays = [url for url in asked
              if url.startswith(origin) and not url.startswith(server.url + "/")]
    assert strays == [], strays

"""A lobby TV bound to a zone, in Chromium: it shows its zone's name and loket, and shows
and speaks only the calls made at them."""

from __future__ import annotations

from collections.abc import Callable

import requests
from playwright.sync_api import Page, expect

from antrean.usecases.access.devices import set_device_zone
from antrean.usecases.screens.running_text import set_running_text
from tests.browser.helpers import PASSWORD, issue
from tests.support.browser import screenshot, wait_for
from tests.support.live_server import LiveServer
from tests.support.zones import ZONES


def test_a_zoned_tv_shows_and_speaks_only_its_zones_calls(
        start_server: Callable[..., LiveServer], page: Page) -> None:
    server = start_server(extra_tables=ZONES)
    server.create_user("siti", PASSWORD, "petugas")
    set_running_text(server.office, "Ruang Tengah: loket 2 dan 3 melayani KTP, KK dan akta.")
    token = server.create_device("display")
    set_device_zone(server.office, 1, "tengah")
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.goto(server.pair_url(token))
    page.get_by_role("button", name="Aktifkan Suara").click()
    wait_for(page, "window.AntreanTV.connected")
    assert page.evaluate("document.body.dataset.zone") == "tengah"
    expect(page.locator("#tv-zone-name")).to_have_text("Ruang Tengah")
    expect(page.locator(".tv-counter")).to_have_count(2)  # loket 2 and 3, not loket 1
    for service in ("KTP", "KTP", "AKTA"):
        issue(server, service)
    staff = server.login("siti", PASSWORD)
    for counter in (1, 3, 2):
        requests.post(f"{server.url}/api/v1/counters/{counter}/call-next", headers=staff,
                      timeout=10)
    expect(page.locator("#tv-recent li")).to_have_count(1)
    expect(page.locator("#latest-number")).to_have_text("A-002")
    announced = page.evaluate("window.AntreanTV.announced.map(c => [c.number, c.counter])")
    assert announced == [["C-001", 3], ["A-002", 2]]  # A-001 at loket 1 is another zone's
    expect(page.locator("#tv-marquee")).to_contain_text("Ruang Tengah: loket 2 dan 3")
    expect(page.locator("#tv-waiting li")).to_have_count(3)
    screenshot(page, "zoned_tv")

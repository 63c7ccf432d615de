"""Text people type (running text, names) is shown as text on every screen, never run."""

from __future__ import annotations

from collections.abc import Callable

import requests
from playwright.sync_api import Page, expect

from tests.support.browser import screenshot, wait_for
from tests.support.live_server import PASSWORD, LiveServer
from tests.support.pairing import pair_browser

HOSTILE = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> & <b>tebal</b>'


def test_running_text_with_markup_is_shown_as_text_on_the_tv(
        start_server: Callable[..., LiveServer], page: Page) -> None:
    server = start_server()
    server.create_user("kepala", PASSWORD, "admin")
    admin = server.login("kepala", PASSWORD)
    url = f"{server.url}/api/v1/running-text"
    assert requests.put(url, json={"text": HOSTILE}, headers=admin, timeout=10).ok
    pair_browser(page, server, "display")
    expect(page.locator("#tv-marquee")).to_have_text(HOSTILE)  # first paint, from the server
    wait_for(page, "window.AntreanTV.connected")
    changed = HOSTILE.replace("tebal", "baru")
    assert requests.put(url, json={"text": changed}, headers=admin, timeout=10).ok
    expect(page.locator("#tv-marquee")).to_have_text(changed)  # live, from the socket
    assert page.evaluate("window.__xss") is None
    assert page.locator("#tv-marquee b, #tv-marquee img, #tv-marquee script").count() == 0
    screenshot(page, "tv-running-text-escaped")

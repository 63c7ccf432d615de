from collections.abc import Callable

from playwright.sync_api import Page

from tests.support.browser import screenshot
from tests.support.live_server import LiveServer
from tests.support.pairing import pair_browser


def test_pages_are_served_by_the_app_itself(start_server: Callable[..., LiveServer],
                                            page: Page) -> None:
    server = start_server()
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url)
            if not r.url.startswith(server.url) and not r.url.startswith("data:") else None)
    for role in ("kiosk", "display"):
        pair_browser(page, server, role)
        assert page.title()
    screenshot(page, "smoke-display")
    assert external == []

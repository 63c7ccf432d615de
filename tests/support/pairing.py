"""Pair a browser as a lobby TV or a kiosk, as an installer does with the link from the admin."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.support.live_server import LiveServer


def pair_browser(page: Page, server: LiveServer, role: str = "display",
                 public_url: str = "") -> str:
    """Create a device with `role` ("display" or "kiosk", with `public_url` for its QR codes),
    open its pairing link in `page` (the cookie now identifies the device; the page lands on
    /display/ or /kiosk/) and return the token."""
    token = server.create_device(role, public_url=public_url)
    page.goto(server.pair_url(token))
    return token

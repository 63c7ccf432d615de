"""Pair a browser as a lobby TV or a kiosk, as an installer does with the link from the admin."""

from __future__ import annotations

from playwright.sync_api import Page

from tests.support.live_server import LiveServer


def pair_browser(page: Page, server: LiveServer, role: str = "display") -> str:
    """Create a device with `role` ("display" or "kiosk"), open its pairing link in `page`
    (the cookie now identifies the device; the page lands on /display/ or /kiosk/) and
    return the token."""
    token = server.create_device(role)
    page.goto(server.pair_url(token))
    return token

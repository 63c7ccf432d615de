"""Steps the browser tests share: sign in through the form, issue tickets through the API."""

from __future__ import annotations

from typing import Any

import requests
from playwright.sync_api import Page

from tests.support.browser import wait_for
from tests.support.live_server import PASSWORD, LiveServer


def sign_in(page: Page, server: LiveServer, username: str, password: str = PASSWORD,
            path: str = "/console/") -> None:
    """Open a staff page, get sent to the login form, fill it in as a person would."""
    page.goto(server.url + path)
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")
    page.wait_for_url(server.url + path + "*")


def issue(server: LiveServer, service: str = "KTP", **extra: Any) -> dict[str, Any]:
    response = requests.post(f"{server.url}/api/v1/tickets", json={"service": service, **extra},
                             timeout=10)
    response.raise_for_status()
    body: dict[str, Any] = response.json()
    return body


def press_shortcut(page: Page, key: str) -> None:
    """Press a console key once its button is shown and enabled, as a petugas would: while an
    action is under way every button is disabled and a key press is ignored on purpose."""
    wait_for(page, """key => Array.from(document.querySelectorAll(`[data-key="${key}"]`))
             .some(button => !button.hidden && !button.disabled)""", arg=key)
    page.keyboard.press(key)

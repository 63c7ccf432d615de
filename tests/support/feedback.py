"""Helpers for the survey tests: a ticket taken through the queue, answer sheets."""

from __future__ import annotations

from pathlib import Path

import requests
from flask.testing import FlaskClient
from playwright.sync_api import Page
from werkzeug.test import TestResponse

from tests.support.browser import ARTIFACTS
from tests.support.live_server import REPO_ROOT, LiveServer, csrf_from

# Ten answer sheets whose element means are the worked example of PermenPANRB 14/2017 as
# summarised in domain.md: NRR 3,20 3,10 2,90 4,00 3,30 3,40 3,50 3,00 3,10 -> IKM 81,94 (B).
WORKED_EXAMPLE = {
    "U1": (0, 2, 4, 4), "U2": (0, 2, 5, 3), "U3": (0, 3, 5, 2), "U4": (0, 0, 0, 10),
    "U5": (0, 1, 5, 4), "U6": (0, 1, 4, 5), "U7": (0, 0, 5, 5), "U8": (0, 2, 6, 2),
    "U9": (0, 2, 5, 3),
}
WORKED_NRR = ["3,20", "3,10", "2,90", "4,00", "3,30", "3,40", "3,50", "3,00", "3,10"]


def worked_example_sheets() -> list[dict[str, int]]:
    """The counts spread over ten sheets, highest answers first."""
    sheets: list[dict[str, int]] = [{} for _ in range(10)]
    for code, counts in WORKED_EXAMPLE.items():
        values = [v for v, n in zip((4, 3, 2, 1), counts[::-1], strict=True) for _ in range(n)]
        for sheet, value in zip(sheets, values, strict=True):
            sheet[code] = value
    return sheets


def served_ticket(server: LiveServer, staff: dict[str, str], counter: int = 1,
                  service: str = "KTP", finish: bool = True) -> str:
    """On a live server: issue through the public API; the petugas calls, starts and finishes
    it (in-process: AppUnderTest.served_ticket)."""
    ticket = requests.post(f"{server.url}/api/v1/tickets", json={"service": service},
                           timeout=10).json()
    called = requests.post(f"{server.url}/api/v1/counters/{counter}/call-next", headers=staff,
                           timeout=10)
    assert called.json()["id"] == ticket["id"], called.text
    for action in ("start", "finish") if finish else ("start",):
        requests.post(f"{server.url}/api/v1/tickets/{ticket['id']}/{action}", headers=staff,
                      timeout=10).raise_for_status()
    return str(ticket["id"])


def answer_by_form(browser: FlaskClient, ticket_id: str, sheet: dict[str, int],
                   profile: dict[str, str]) -> TestResponse:
    """Open the survey page the ticket's QR code leads to and send the form, in-process."""
    token = csrf_from(browser.get(f"/survei/{ticket_id}").text)
    return browser.post(f"/survei/{ticket_id}", data={
        **{code: str(value) for code, value in sheet.items()}, **profile, "csrf_token": token})


def demo_config_dir(directory: Path) -> Path:
    """The repository's demo config.toml in a scratch directory, on the threading server."""
    text = (REPO_ROOT / "config.toml").read_text(encoding="utf-8")
    (directory / "config.toml").write_text(
        text.replace('async_mode = "eventlet"', 'async_mode = "threading"'), encoding="utf-8")
    return directory


def visible_screen(page: Page, name: str) -> Path:
    """What the screen shows, not the full page: a full-page capture smears sticky bars."""
    path = ARTIFACTS / "screens" / f"{name}.png"
    path.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(path))
    return path

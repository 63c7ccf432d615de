"""The kepala's screens in Chromium: the report with a month of data, and the live monitor."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

import pytest
import requests
from flask import Flask
from playwright.sync_api import Page, Route, expect
from werkzeug.serving import make_server

from antrean.config import load_settings
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.usecases.context import Office
from tests.support.app import AppFactory
from tests.support.browser import screenshot
from tests.support.live_server import PASSWORD, LiveServer
from tests.support.year_of_tickets import load, write_config

pytestmark = pytest.mark.browser


def sign_in(page: Page, server: LiveServer, path: str, username: str) -> None:
    page.goto(server.url + path)
    page.fill("#username", username)
    page.fill("#password", PASSWORD)
    page.click("button[type=submit]")


def month_of_data(tmp_path: Path) -> tuple[str, list[date]]:
    """Four weeks of a busy office before today, bulk-loaded as the benchmark does."""
    write_config(tmp_path, async_mode="threading")
    url = f"sqlite:///{tmp_path / 'antrean.sqlite3'}"
    engine = make_engine(url)
    create_schema(engine)
    office = Office(settings=load_settings(tmp_path / "config.toml"),
                    sessions=make_session_factory(engine))
    today = date.today()
    days = [d for d in (today - timedelta(days=n) for n in range(28, 0, -1)) if d.weekday() < 5]
    load(office, 6_000, days)
    engine.dispose()
    return url, days


def test_report_page_with_a_month_of_data(start_server: Callable[..., LiveServer], page: Page,
                                          tmp_path: Path) -> None:
    url, days = month_of_data(tmp_path)
    server = start_server(url, config_dir=tmp_path)
    server.create_user("kepala", PASSWORD, "admin")
    sign_in(page, server, f"/laporan?from={days[0]}&to={days[-1]}", "kepala")
    expect(page.locator("h1")).to_have_text("Laporan Waktu Tunggu & Layanan")
    expect(page.locator("#kpi-issued")).to_have_text("6.000")
    assert page.locator("svg.chart").count() == 3
    screenshot(page, "laporan")
    page.select_option("#service", "KK")
    page.click("#filter button[type=submit]")
    expect(page.locator("table.figures").first.locator("tbody tr")).to_have_count(1)
    with page.expect_download() as download:
        page.click("#unduh-xlsx")
    assert download.value.suggested_filename.endswith("-KK.xlsx")


def test_monitor_page_shows_queues_and_lokets(start_server: Callable[..., LiveServer],
                                              page: Page) -> None:
    server = start_server()
    server.create_user("kepala", PASSWORD, "admin")
    server.create_user("siti", PASSWORD, "petugas")
    auth = server.login("siti", PASSWORD)
    for service in ["KTP", "KTP", "KK", "KTP", "AKTA", "KK", "KTP", "AKTA"]:
        requests.post(f"{server.url}/api/v1/tickets", json={"service": service}, timeout=10)
    for counter in (1, 2, 3):
        requests.post(f"{server.url}/api/v1/counters/{counter}/call-next", headers=auth,
                      timeout=10)
    sign_in(page, server, "/monitor", "siti")
    expect(page.locator("#live")).to_have_text("● langsung")
    expect(page.locator("#waiting-total")).to_have_text("5")
    expect(page.locator("#counters tr")).to_have_count(3)
    expect(page.locator("#alert")).to_be_hidden()
    screenshot(page, "monitor")


@contextmanager
def served(app: Flask) -> Iterator[str]:
    """Serve an in-process app (threading mode: HTTP and Socket.IO websockets) on 127.0.0.1 for
    Chromium, so the test keeps the app's hand-moved clock; yields the base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def test_monitor_alert_appears_live_when_a_ticket_passes_its_target(
        make_app: AppFactory, page: Page) -> None:
    """A minute passes on both clocks (the office's, the browser's) with nothing else happening:
    the page's own ageing clock raises the alert, before it asks the server again."""
    office = make_app(extra_service="target_wait_minutes = 1")  # AKTA: one minute
    office.add_user("siti")
    page.clock.install(time=office.clock.current)
    with served(office.app) as url:
        page.goto(url + "/monitor")
        page.fill("#username", "siti")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        expect(page.locator("#live")).to_have_text("● langsung")
        akta = page.locator('[data-service="AKTA"] .count')
        expect(akta).to_contain_text("0")
        ticket = office.client().post("/api/v1/tickets", json={"service": "AKTA"}).get_json()
        # The push arrives over Socket.IO; the page was not reloaded.
        expect(akta).to_contain_text("1")
        expect(page.locator("#alert")).to_be_hidden()

        held: list[Route] = []  # the page's next polls wait, so only its own clock can tell
        page.route("**/monitor/data.json", lambda route: held.append(route))
        office.clock.advance(seconds=61)
        page.clock.fast_forward(61_000)
        expect(page.locator("#alert")).to_be_visible()
        expect(page.locator("#alert-text")).to_contain_text(ticket["number"])
        expect(page.locator('[data-service="AKTA"]')).to_have_class("svc overdue")

        assert held, "the page did not poll meanwhile: nothing was held back"
        for route in held:  # the server, asked now, agrees: 61 s past a 60 s target
            route.continue_()
        page.unroute("**/monitor/data.json")
        page.clock.fast_forward(15_000)
        office.clock.advance(seconds=15)
        expect(page.locator('[data-service="AKTA"] .longest')).to_contain_text("1 mnt")
        expect(page.locator("#alert")).to_be_visible()
        # A minute in one jump outlasts Socket.IO's ping timeout: the page reconnects by itself.
        expect(page.locator("#live")).to_have_text("● langsung")
        screenshot(page, "monitor-overdue")

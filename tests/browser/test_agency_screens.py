"""An MPP's kepala in Chromium: agencies side by side, and the live monitor narrowed to one
agency, which keeps its choice through live updates and in the address."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from playwright.sync_api import Page, expect

from antrean.core.access import Role
from antrean.usecases.queue.issuing import issue_ticket
from tests.browser.test_report_screens import served
from tests.support.app import AppFactory
from tests.support.browser import screenshot, wait_for
from tests.support.live_server import PASSWORD
from tests.support.mpp_history import answer_survey, mpp_history, write_mpp_config

pytestmark = pytest.mark.browser
# A day of history, which runs past midnight; the monitor looks at the day after.
DAY, TODAY = date(2026, 11, 22), date(2026, 11, 24)


def test_agencies_side_by_side_and_the_monitor_of_one_agency(make_app: AppFactory,
                                                             page: Page, tmp_path: Path) -> None:
    write_mpp_config(tmp_path)
    office = make_app(config_dir=tmp_path)
    office.add_user("kepala", Role.ADMIN)
    mpp_history(office.office, office.clock, seed=8, days=[DAY], tickets_per_day=14)
    answer_survey(office.office, "dukcapil", 4)
    answer_survey(office.office, "samsat", 3)
    office.clock.set(datetime(TODAY.year, TODAY.month, TODAY.day, 9, 0,
                              tzinfo=ZoneInfo("Asia/Makassar")))
    for service in ["KTP", "PKB", "KK", "KTP", "PKB", "JKN"]:
        issue_ticket(office.office, service)
    office.clock.advance(minutes=16)  # Samsat's two are past its 15-minute target
    with served(office.app) as url:
        page.goto(f"{url}/laporan/instansi?from={DAY}&to={TODAY}")
        page.fill("#username", "kepala")
        page.fill("#password", PASSWORD)
        page.click("button[type=submit]")
        expect(page.locator("h1")).to_have_text("Perbandingan Instansi")
        expect(page.locator("#agencies tbody tr")).to_have_count(3)
        expect(page.locator('tr[data-agency="samsat"]')).to_contain_text("75,00")
        screenshot(page, "laporan-instansi")

        page.goto(f"{url}/monitor?instansi=samsat")
        expect(page.locator("#live")).to_have_text("● langsung")
        expect(page.locator("#waiting-total")).to_have_text("2")
        expect(page.locator("#counters tr")).to_have_count(1)
        expect(page.locator("#alert")).to_be_visible()
        page.select_option("#agency", "dukcapil")
        wait_for(page, "location.search === '?instansi=dukcapil'")
        expect(page.locator("#waiting-total")).to_have_text("3")
        expect(page.locator("#services article")).to_have_count(2)
        expect(page.locator("#alert")).to_be_hidden()
        client = office.client()
        client.post("/api/v1/tickets", json={"service": "PKB"})  # another agency's
        client.post("/api/v1/tickets", json={"service": "KK"})
        # Pushed over Socket.IO and fetched for the agency chosen: only Dukcapil's number.
        expect(page.locator('[data-service="KK"] .count')).to_contain_text("2")
        expect(page.locator("#waiting-total")).to_have_text("4")
        expect(page.locator('[data-service="PKB"]')).to_have_count(0)
        screenshot(page, "monitor-instansi")
        page.reload()
        expect(page.locator("#agency")).to_have_value("dukcapil")
        expect(page.locator("#waiting-total")).to_have_text("4")

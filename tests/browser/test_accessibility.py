"""Every public page passes axe-core (from npm, run in Chromium) with no serious or critical
violation. axe is handed to the page by the test only (Playwright add_script_tag): the app
never serves it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from playwright.sync_api import Browser, Page

from antrean.core.respondent import Respondent
from antrean.core.survey_period import PeriodKind, ended_periods
from antrean.usecases.access.accounts import create_user
from antrean.usecases.feedback.survey import submit_survey
from antrean.usecases.queue import calling, serving
from antrean.usecases.queue.issuing import issue_ticket
from tests.browser.helpers import sign_in
from tests.support.browser import screenshot
from tests.support.clock import ManualClock
from tests.support.feedback import demo_config_dir, worked_example_sheets
from tests.support.live_server import PASSWORD, REPO_ROOT, LiveServer, csrf_from
from tests.support.pairing import pair_browser

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """As tests.support.browser's page, but the test may hand axe to the page as an inline
    script, which the app's Content-Security-Policy rightly refuses (test_content_policy
    holds that line)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="id-ID",
                                  timezone_id="Asia/Makassar", bypass_csp=True)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def office(start_shared_server: Callable[..., LiveServer],
           tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The demo office with one of everything a public page shows: a served ticket, a
    booking, a complaint and a published SKM period."""
    server = start_shared_server(config_dir=demo_config_dir(tmp_path_factory.mktemp("axe")))
    server.with_users(kepala="admin", siti="petugas")
    staff = {"Authorization": "Bearer " + requests.post(
        f"{server.url}/api/v1/auth/login", json={"username": "siti", "password": PASSWORD},
        timeout=10).json()["token"]}
    served = _issue(server)
    for step in ("call-next", "start", "finish"):
        url = (f"{server.url}/api/v1/counters/1/call-next" if step == "call-next"
               else f"{server.url}/api/v1/tickets/{served}/{step}")
        requests.post(url, headers=staff, timeout=10).raise_for_status()
    _survey_last_quarter(server)
    return {"server": server, "served": served, "waiting": _issue(server),
            "booking": _book(server), "complaint": _complain(server), "skm": _publish(server)}


def _survey_last_quarter(server: LiveServer) -> None:
    """The worked example (IKM 81,94, B) answered on a day of the latest ended quarter,
    through the use cases on a clock set back to then, so /skm has a period to show."""
    office = server.office
    today = office.clock.local_day(office.now())
    quarter = next(p for p in ended_periods(today) if p.kind is PeriodKind.QUARTER)
    day = quarter.first_day + timedelta(days=9)
    clock = ManualClock(datetime(day.year, day.month, day.day, 9, 0,
                                 tzinfo=ZoneInfo(office.settings.office.timezone)))
    office.now = clock
    budi = create_user(office, "budi", PASSWORD, "petugas").user_id
    for sheet in worked_example_sheets():
        ticket = issue_ticket(office, "KK")["id"]
        calling.call_next(office, 2, budi)
        serving.start(office, ticket, budi)
        clock.advance(minutes=7)
        serving.finish(office, ticket, budi)
        submit_survey(office, ticket, sheet, Respondent("P", 34, "sma", "swasta",
                                                        "Nama petugasnya Budi"), "link")


def _issue(server: LiveServer) -> str:
    response = requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"},
                             timeout=10)
    response.raise_for_status()
    return str(response.json()["id"])


def _book(server: LiveServer) -> str:
    days = requests.get(f"{server.url}/api/v1/booking-days", params={"service": "KTP"},
                        timeout=10).json()
    day = next(d for d in days["days"] if d["open"] and d["date"] != days["days"][0]["date"])
    sessions = requests.get(f"{server.url}/api/v1/booking-sessions",
                            params={"service": "KTP", "date": day["date"]}, timeout=10).json()
    session = next(s for s in sessions["sessions"] if s["open"])
    response = requests.post(f"{server.url}/api/v1/bookings", json={
        "service": "KTP", "date": day["date"], "session": session["session"],
        "name": "Siti Aminah", "phone": "0812 3456 7001"}, timeout=10)
    assert response.status_code == 201, response.text
    return str(response.json()["code"])


def _complain(server: LiveServer) -> str:
    web = requests.Session()
    token = csrf_from(web.get(f"{server.url}/pengaduan", timeout=10).text)
    sent = web.post(f"{server.url}/pengaduan", data={
        "csrf_token": token, "category": "sarana",
        "message": "Kursi roda di pintu masuk rusak sejak minggu lalu."}, timeout=10)
    match = re.search(r"PGD-[A-Z0-9-]+", sent.text)
    assert match, sent.text
    return match.group(0)


def _publish(server: LiveServer) -> str:
    """Sign in as the kepala and publish the latest ended period."""
    web = requests.Session()
    login = web.get(f"{server.url}/console/login", timeout=10).text
    web.post(f"{server.url}/console/login", data={
        "csrf_token": csrf_from(login), "username": "kepala", "password": PASSWORD},
        timeout=10)
    page = web.get(f"{server.url}/admin/skm", timeout=10).text
    match = re.search(r'<option value="([^"]+)" selected', page)
    assert match, page
    published = web.post(f"{server.url}/admin/skm/terbitkan", data={
        "csrf_token": csrf_from(page), "periode": match.group(1)}, timeout=10)
    assert published.status_code == 200 and "sudah diterbitkan" in published.text
    return match.group(1)


def blocking_violations(page: Page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']} ({v['impact']}): {v['help']} at "
            f"{[n['target'] for n in v['nodes']][:3]}"
            for v in result["violations"] if v["impact"] in BLOCKING]


PUBLIC_PAGES = {
    "beranda": "/",
    "layanan": "/layanan",
    "layanan-detail": "/layanan/KTP",
    "maklumat": "/maklumat",
    "skm": "/skm",
    "pengaduan": "/pengaduan",
    "pengaduan-cek": "/pengaduan/cek?kode={complaint}",
    "ambil": "/ambil",
    "ambil-hari": "/ambil/KTP",
    "booking": "/b/{booking}",
    "booking-batal": "/b/{booking}/batal",
    "tracking": "/t/{waiting}",
    "survei": "/survei/{served}",
    "survei-loket": "/survei/loket/1",
    "masuk": "/console/login",
    "tidak-ditemukan": "/layanan/TIDAK-ADA",
}


@pytest.mark.parametrize("name", list(PUBLIC_PAGES))
def test_public_page_has_no_serious_axe_violation(office: dict[str, Any], page: Page,
                                                  name: str) -> None:
    server: LiveServer = office["server"]
    page.goto(server.url + PUBLIC_PAGES[name].format(**office))
    page.wait_for_load_state("networkidle")
    if name == "skm":  # the worked example, published without what the citizen wrote
        assert "81,94" in page.content() and "Budi" not in page.content()
    assert blocking_violations(page) == []
    screenshot(page, f"axe-{name}")


@pytest.mark.parametrize("role", ["kiosk", "display"])
def test_kiosk_and_tv_have_no_serious_axe_violation(office: dict[str, Any], page: Page,
                                                    role: str) -> None:
    server: LiveServer = office["server"]
    page.set_viewport_size({"width": 1920, "height": 1080})
    pair_browser(page, server, role)
    page.wait_for_selector(".k-service" if role == "kiosk" else "#tv-latest")
    assert blocking_violations(page) == []
    if role == "kiosk":
        page.click("#access-large")  # the large, high-contrast mode too
        assert blocking_violations(page) == []


def test_the_check_itself_catches_a_serious_violation(office: dict[str, Any],
                                                      page: Page) -> None:
    """So a clean result above means clean pages, not a check that never fires."""
    page.goto(office["server"].url + "/layanan")
    page.evaluate("""() => { const b = document.createElement('button');
                             document.querySelector('main').appendChild(b); }""")
    assert any(v.startswith("button-name") for v in blocking_violations(page))


def test_the_kepalas_pages_for_what_the_office_publishes(office: dict[str, Any],
                                                         page: Page) -> None:
    """Screenshots of the admin pages (standards and their versions, maklumat and
    facilities, SKM publication); they pass axe as well."""
    server: LiveServer = office["server"]
    sign_in(page, server, "kepala", path="/admin/standar")
    for name, path in (("standar", "/admin/standar"), ("standar-ktp", "/admin/standar/KTP"),
                       ("maklumat", "/admin/maklumat"),
                       ("skm", f"/admin/skm?periode={office['skm']}")):
        page.goto(server.url + path)
        assert blocking_violations(page) == [], name
        screenshot(page, f"admin-{name}")

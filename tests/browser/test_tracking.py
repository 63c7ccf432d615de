"""The phone tracking page in headless Chromium: live position, the call, the end."""

from collections.abc import Callable, Iterator

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from antrean.config import load_settings
from antrean.db.engine import make_engine, make_session_factory
from antrean.usecases.context import Office
from antrean.usecases.queue import calling
from tests.support.browser import screenshot, wait_for
from tests.support.live_server import PASSWORD, LiveServer

# Records vibration instead of shaking nothing: headless Chromium has no motor.
RECORD_VIBRATION = "window.__vibrations = []; navigator.vibrate = p => { " \
                   "window.__vibrations.push(p); return true; };"


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                                  is_mobile=True, has_touch=True, locale="id-ID")
    context.add_init_script(RECORD_VIBRATION)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def server(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server().with_users(petugas1="petugas")


def issue(server: LiveServer, service: str = "KTP") -> dict:  # type: ignore[type-arg]
    response = requests.post(f"{server.url}/api/v1/tickets",
                             json={"service": service, "channel": "kiosk"}, timeout=10)
    assert response.status_code == 201
    return response.json()


def post(server: LiveServer, path: str, auth: dict[str, str]) -> requests.Response:
    response = requests.post(f"{server.url}/api/v1{path}", headers=auth, timeout=10)
    assert response.status_code == 200, response.text
    return response


def follow(phone: Page, server: LiveServer, ticket_id: str) -> None:
    phone.goto(f"{server.url}/t/{ticket_id}")
    expect(phone.locator("#t-live")).to_have_attribute("data-state", "online")


def test_the_page_follows_the_ticket_until_it_is_called_and_served(
        server: LiveServer, phone: Page) -> None:
    first, mine = issue(server), issue(server)
    follow(phone, server, mine["id"])
    expect(phone.locator("#t-number")).to_have_text("A-002")
    expect(phone.locator("#t-ahead")).to_have_text("1 orang")
    expect(phone.locator("#t-standard")).to_have_attribute("href", "/layanan/KTP")
    expect(phone.locator(".t-issued")).to_contain_text("WITA")
    expect(phone.locator("body")).not_to_contain_text(first["number"])  # nobody else's number
    screenshot(phone, "tracking-waiting")

    auth = server.login("petugas1", PASSWORD)
    post(server, "/counters/1/call-next", auth)  # calls A-001: one step closer
    expect(phone.locator("#t-ahead")).to_have_text("Tidak ada")
    expect(phone.locator("#t-next")).to_be_visible()

    post(server, "/counters/1/call-next", auth)  # A-001 finished, A-002 called
    expect(phone.locator("#t-alert-text")).to_have_text(
        "Nomor Anda dipanggil, silakan menuju loket 1.")
    expect(phone.locator("#t-status")).to_have_text("Dipanggil")
    assert phone.evaluate("window.__vibrations.length") == 1
    screenshot(phone, "tracking-called")

    post(server, "/counters/1/recall", auth)  # called again: the phone buzzes again
    wait_for(phone, "window.__vibrations.length === 2")

    post(server, f"/tickets/{mine['id']}/start", auth)
    expect(phone.locator("#t-alert-text")).to_have_text("Anda sedang dilayani di loket 1.")
    post(server, f"/tickets/{mine['id']}/finish", auth)
    survey = phone.locator("#t-survey")
    expect(survey).to_be_visible()
    expect(survey).to_have_attribute("href", f"/survei/{mine['id']}")
    expect(phone.locator("#t-waiting")).to_be_hidden()
    screenshot(phone, "tracking-done")


def test_the_page_catches_up_after_the_server_comes_back(server: LiveServer,
                                                         phone: Page) -> None:
    issue(server)
    mine = issue(server)
    follow(phone, server, mine["id"])
    expect(phone.locator("#t-ahead")).to_have_text("1 orang")
    server.stop()
    expect(phone.locator("#t-live")).to_have_attribute("data-state", "offline")
    screenshot(phone, "tracking-offline")
    # While the server is down the queue moves on (another process on the same database):
    # the phone can learn it only by rebuilding itself when the connection comes back.
    assert call_twice_directly(server, counter=2) == mine["number"]
    server.start()
    expect(phone.locator("#t-live")).to_have_attribute("data-state", "online", timeout=15000)
    expect(phone.locator("#t-alert-text")).to_have_text(
        "Nomor Anda dipanggil, silakan menuju loket 2.")
    expect(phone.locator("#t-status")).to_have_text("Dipanggil")
    assert phone.evaluate("window.__vibrations.length") == 1  # told once, on catching up


def call_twice_directly(server: LiveServer, counter: int) -> str:
    """Call A-001 and then A-002 at `counter` through the use cases, not the server."""
    engine = make_engine(server.database_url)
    try:
        office = Office(settings=load_settings(server.config),
                        sessions=make_session_factory(engine))
        calling.call_next(office, counter, None)
        view = calling.call_next(office, counter, None)
        assert view is not None
        return str(view["number"])
    finally:
        engine.dispose()


def test_a_skipped_ticket_says_what_to_do(server: LiveServer, phone: Page) -> None:
    mine = issue(server, "KK")
    follow(phone, server, mine["id"])
    auth = server.login("petugas1", PASSWORD)
    post(server, "/counters/1/call-next", auth)
    post(server, f"/tickets/{mine['id']}/skip", auth)
    expect(phone.locator("#t-alert-title")).to_have_text("Nomor Anda dilewati")
    expect(phone.locator("#t-survey")).to_be_hidden()


def test_an_unknown_ticket_is_a_readable_404(server: LiveServer, phone: Page) -> None:
    response = phone.goto(f"{server.url}/t/tidak-ada-tiket")
    assert response is not None and response.status == 404
    expect(phone.locator("h1")).to_have_text("Tiket tidak ditemukan")
    screenshot(phone, "tracking-not-found")

"""No call goes unannounced: a TV or phone that missed a call (Redis down between the server
processes, or its own connection lost) announces it once it is back, if the ticket is still
called, and never twice."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from playwright.sync_api import Browser, Page, expect

from tests.browser.helpers import issue
from tests.support.browser import wait_for
from tests.support.live_server import PASSWORD, LiveServer
from tests.support.redis_server import RedisServer
from tests.support.socket_client import ScreenClient
from tests.support.tcp_proxy import TcpProxy

RECORD_VIBRATION = "window.__vibrations = []; navigator.vibrate = p => { " \
                   "window.__vibrations.push(p); return true; };"
CALLED_PATTERN = [400, 150, 400, 150, 400]  # tracking.js notifyCalled
RECOVERY_SECONDS = 5  # the promise: announced within 5 s of recovery


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


@pytest.fixture
def tv(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID",
                                  timezone_id="Asia/Makassar")
    yield context.new_page()
    context.close()


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True,
                                  locale="id-ID")
    context.add_init_script(RECORD_VIBRATION)
    yield context.new_page()
    context.close()


def open_tv(tv: Page, base_url: str, server: LiveServer) -> None:
    tv.goto(f"{base_url}/devices/pair?token={server.create_device('display')}")
    tv.get_by_role("button", name="Aktifkan Suara").click()
    wait_for(tv, "window.AntreanTV.connected")


def spoken(tv: Page) -> list[str]:
    result: list[str] = tv.evaluate("window.AntreanTV.spoken")
    return result


def call(server: LiveServer, auth: dict[str, str], path: str) -> None:
    requests.post(f"{server.url}/api/v1{path}", headers=auth, timeout=30).raise_for_status()


def wait_until(condition: Callable[[], bool], timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        time.sleep(0.1)


def test_calls_made_while_redis_was_down_are_announced_once_on_the_other_process(
        start_server: Callable[..., LiveServer], private_redis: RedisServer, tv: Page,
        phone: Page) -> None:
    channel = f"antrean-{uuid.uuid4().hex[:8]}"
    caller = start_server(message_queue=private_redis.url, channel=channel,
                          async_mode="eventlet")
    screens = start_server(config_dir=caller.config.parent)  # the TVs' process
    caller.create_user("siti", PASSWORD, "petugas")
    auth = caller.login("siti", PASSWORD)
    waiting, started = issue(caller), issue(caller, "KK")
    open_tv(tv, screens.url, screens)
    phone.goto(f"{screens.url}/t/{waiting['id']}")
    expect(phone.locator("#t-live")).to_have_attribute("data-state", "online")
    listener = ScreenClient(screens.url, token=screens.create_device("display"))
    try:
        listener.wait_for("snapshot")
        wait_until(lambda: private_redis.subscribers(channel) == 1)
        private_redis.stop()
        call(caller, auth, "/counters/1/call-next")  # still called when Redis is back
        call(caller, auth, "/counters/2/call-next")  # B-001: served already, so not announced
        call(caller, auth, f"/tickets/{started['id']}/start")
        time.sleep(1)
        assert spoken(tv) == [] and listener.received.empty()  # nothing got through
        assert "Traceback" not in caller.read_log()

        private_redis.start()
        back = time.monotonic()
        # Announced (shown and queued to speak) within 5 s; heard once the voice has played.
        wait_for(tv, "window.AntreanTV.announced.length === 1",
                             timeout=RECOVERY_SECONDS * 1000)
        wait_for(phone, "window.__vibrations.length === 1",
                                timeout=max(1, back + RECOVERY_SECONDS - time.monotonic()) * 1000)
        print(f"\nannounced {time.monotonic() - back:.1f} s after Redis came back")
        wait_for(tv, "window.AntreanTV.spoken.length === 1", timeout=20000)
        assert spoken(tv) == ["Nomor antrean, A, satu, silakan menuju loket satu"]
        assert phone.evaluate("window.__vibrations") == [CALLED_PATTERN]
        expect(phone.locator("#t-status")).to_have_text("Dipanggil")
        # The publishes that failed were kept and sent again (marked late), not dropped. (The
        # other process may hear them or not, depending on whether it listens again yet: its
        # own catch-up above is what makes the announcement certain.)
        wait_until(lambda: "kept event(s) resent" in caller.read_log(), timeout=10)
        time.sleep(1.5)  # time for any late copy to reach the TV and the phone too
        assert len(spoken(tv)) == 1 and phone.evaluate("window.__vibrations.length") == 1

        call(caller, auth, "/counters/1/recall")  # a live call: announced at once, once
        wait_for(tv, "window.AntreanTV.spoken.length === 2", timeout=20000)
        assert tv.evaluate("window.AntreanTV.announced.map(c => c.recall)") == [False, True]
    finally:
        listener.close()


def test_a_tv_cut_off_for_30_seconds_announces_each_missed_call_once(
        start_server: Callable[..., LiveServer], tv: Page) -> None:
    server = start_server(async_mode="eventlet")
    server.create_user("siti", PASSWORD, "petugas")
    auth = server.login("siti", PASSWORD)
    for service in ("KTP", "KTP", "AKTA"):
        issue(server, service)
    proxy = TcpProxy("127.0.0.1", server.port)  # the TV's network
    try:
        # The TV's own clock is under test control: 30 s of outage pass in an instant.
        tv.clock.install()
        open_tv(tv, f"http://127.0.0.1:{proxy.port}", server)
        proxy.cut()
        expect(tv.locator("#tv-offline")).to_be_visible()
        call(server, auth, "/counters/1/call-next")
        call(server, auth, "/counters/2/call-next")  # A-002, then called again
        call(server, auth, "/counters/2/recall")
        call(server, auth, "/counters/3/call-next")  # C-001, finished meanwhile
        call(server, auth, "/counters/3/call-next")
        tv.clock.fast_forward("00:30")  # reconnection attempts run and fail for 30 s
        assert spoken(tv) == []
        proxy.restore()
        # Announced (queued to speak) within 5 s; the second waits for the first to be said.
        wait_for(tv, "window.AntreanTV.announced.length === 2",
                             timeout=RECOVERY_SECONDS * 1000)
        wait_for(tv, "window.AntreanTV.spoken.length === 2", timeout=20000)
        expect(tv.locator("#tv-offline")).to_be_hidden()
        # Oldest first; A-002 once, for its latest call; C-001 no longer called.
        assert spoken(tv) == ["Nomor antrean, A, satu, silakan menuju loket satu",
                              "Nomor antrean, A, dua, silakan menuju loket dua"]
        requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"}, timeout=10)
        call(server, auth, "/counters/1/call-next")  # live again: A-003, spoken once
        wait_for(tv, "window.AntreanTV.spoken.length === 3", timeout=20000)
        tv.evaluate("window.AntreanTV.socket.emit('snapshot', null, () => {})")
        time.sleep(1)
        assert len(spoken(tv)) == 3
    finally:
        proxy.close()

"""The lobby TV in Chromium: calls shown and spoken, recalls replayed, outages survived."""

from __future__ import annotations

import io
import math
import shutil
import struct
import wave
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from playwright.sync_api import Browser, BrowserContext, Page, expect

from antrean.config import load_settings
from antrean.core.clock import format_long_date
from antrean.db.engine import make_engine, make_session_factory
from antrean.usecases.context import Office
from antrean.usecases.queue import calling
from antrean.usecases.queue.issuing import issue_ticket
from tests.browser.helpers import PASSWORD, issue, press_shortcut, sign_in
from tests.support.browser import CHROMIUM_ARGS, REPO_ROOT, chromium_path, screenshot, wait_for
from tests.support.live_server import LiveServer
from tests.support.pairing import pair_browser

FIRST_CALL_AT_LOKET_1 = "Nomor antrean, A, satu, silakan menuju loket satu"


# What the loudspeaker gets, recorded under the announcer (not by it): every buffer source the
# page starts, with the audio clock's state, its scheduled start and length, and when its
# "ended" really fired; and every non-empty sentence handed to speechSynthesis.
SOUND_PROBE = """
window.__sounds = [];
window.__speech = [];
(function () {
  var start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (when) {
    var context = this.context;
    var record = { state: context.state, start: Math.max(when || 0, context.currentTime),
                   duration: this.buffer ? this.buffer.duration : 0, ended: null };
    window.__sounds.push(record);
    this.addEventListener("ended", function () { record.ended = context.currentTime; });
    return start.apply(this, arguments);
  };
  if (window.speechSynthesis) {
    var speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
    window.speechSynthesis.speak = function (utterance) {
      if (utterance.text) window.__speech.push(utterance.text);
      return speak(utterance);
    };
  }
})();
"""


def tv_page(browser: Browser) -> tuple[BrowserContext, Page]:
    """A 1080p lobby screen in the office's zone, with the sound probe."""
    context = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="id-ID",
                                  timezone_id="Asia/Makassar")
    context.add_init_script(SOUND_PROBE)
    return context, context.new_page()


@pytest.fixture
def tv(browser: Browser) -> Iterator[Page]:
    """A TV whose browser lets pages play sound without a click (a kiosk-mode Chrome started
    with --autoplay-policy=no-user-gesture-required)."""
    context, page = tv_page(browser)
    yield page
    context.close()


@pytest.fixture(scope="module")
def strict_browser(browser: Browser) -> Iterator[Browser]:
    """Chromium with its default autoplay policy: silent until a click on the page."""
    args = [arg for arg in CHROMIUM_ARGS if not arg.startswith("--autoplay-policy")]
    strict = browser.browser_type.launch(executable_path=chromium_path(), headless=True,
                                         args=args)
    yield strict
    strict.close()


@pytest.fixture
def strict_tv(strict_browser: Browser) -> Iterator[Page]:
    context, page = tv_page(strict_browser)
    yield page
    context.close()


def short_tone(seconds: float = 0.12, rate: int = 8000) -> bytes:
    """A short 440 Hz WAV."""
    frames = b"".join(struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * n / rate)))
                      for n in range(int(seconds * rate)))
    out = io.BytesIO()
    with wave.open(out, "wb") as clip:
        clip.setnchannels(1)
        clip.setsampwidth(2)
        clip.setframerate(rate)
        clip.writeframes(frames)
    return out.getvalue()


def with_short_clips(tv: Page) -> None:
    """Every voice clip (the chime too) becomes a 0.12 s tone: calls play through the same
    clips path, in a second or two instead of five; the words are checked elsewhere."""
    tone = short_tone()
    tv.route("**/sounds/generated/*.wav",
             lambda route: route.fulfill(body=tone, content_type="audio/wav"))


def open_tv(tv: Page, server: LiveServer) -> None:
    pair_browser(tv, server, "display")
    tv.get_by_role("button", name="Aktifkan Suara").click()
    wait_for(tv, "window.AntreanTV.connected")


def spoken(tv: Page) -> list[str]:
    """Calls whose voice really played to the end, in order."""
    result: list[str] = tv.evaluate("window.AntreanTV.spoken")
    return result


def assert_sounds_never_overlap(tv: Page) -> list[dict[str, Any]]:
    """Every sound the page started really played (its "ended" fired) and none overlapped
    another; per call, each one started after the one before had ended. Returns the sounds."""
    sounds: list[dict[str, Any]] = tv.evaluate("window.__sounds")
    assert sounds and all(s["state"] == "running" and s["ended"] is not None for s in sounds)
    ordered = sorted(sounds, key=lambda s: s["start"])
    for before, after in zip(ordered, ordered[1:], strict=False):
        assert after["start"] >= before["start"] + before["duration"] - 1e-6, (before, after)
    played: list[dict[str, Any]] = tv.evaluate("window.AntreanTV.announcer.played")
    assert all(clip["end"] is not None for clip in played), played
    calls: dict[int, tuple[float, float]] = {}  # call -> (its first start, its last end)
    for clip in played:
        first, last = calls.get(clip["seq"], (clip["start"], clip["end"]))
        calls[clip["seq"]] = (min(first, clip["start"]), max(last, clip["end"]))
    spans = [calls[seq] for seq in sorted(calls)]
    for before, after in zip(spans, spans[1:], strict=False):
        assert after[0] >= before[1], ("a call began before the one before it ended",
                                       before, after)
    return sounds


def test_a_call_from_the_console_is_shown_and_spoken_and_a_recall_replays(
        start_server: Callable[..., LiveServer], tv: Page, page: Page) -> None:
    server = start_server()
    server.create_user("siti", PASSWORD, "petugas")
    ticket = issue(server)
    open_tv(tv, server)
    expect(tv.locator("#tv-waiting li[data-service=KTP] .tv-waiting-count")).to_have_text("1")
    sign_in(page, server, "siti")
    page.click("button[name=counter][value='1']")
    wait_for(page, "window.AntreanConsole !== undefined")
    page.get_by_role("button", name="Panggil P").click()
    expect(tv.locator("#latest-number")).to_have_text(ticket["number"])
    expect(tv.locator("#latest-counter")).to_have_text("Loket 1")
    expect(tv.locator("[data-counter='1'] .tv-counter-number")).to_have_text(ticket["number"])
    expect(tv.locator("#tv-waiting li[data-service=KTP] .tv-waiting-count")).to_have_text("0")
    wait_for(tv, "window.AntreanTV.announcer.lastSpoken !== null")
    assert tv.evaluate("window.AntreanTV.announcer.lastSpoken") == FIRST_CALL_AT_LOKET_1
    assert tv.evaluate("window.AntreanTV.announcer.lastSource") == "clips"

    press_shortcut(page, "u")  # Panggil Ulang
    wait_for(tv, "window.AntreanTV.spoken.length === 2", timeout=20000)
    assert spoken(tv) == [FIRST_CALL_AT_LOKET_1, FIRST_CALL_AT_LOKET_1]
    assert tv.evaluate("window.AntreanTV.announced.map(c => c.recall)") == [False, True]
    assert_sounds_never_overlap(tv)


def test_two_quick_calls_are_spoken_one_after_the_other(
        start_server: Callable[..., LiveServer], tv: Page) -> None:
    server = start_server()
    server.create_user("siti", PASSWORD, "petugas")
    issue(server)
    issue(server, "KK")
    with_short_clips(tv)
    open_tv(tv, server)
    auth = server.login("siti", PASSWORD)
    for counter in (1, 2):
        requests.post(f"{server.url}/api/v1/counters/{counter}/call-next", headers=auth,
                      timeout=10).raise_for_status()
    expect(tv.locator("#latest-number")).to_have_text("B-001")
    expect(tv.locator("#latest-counter")).to_have_text("Loket 2")
    wait_for(tv, "window.AntreanTV.spoken.length === 2", timeout=20000)
    assert spoken(tv) == [FIRST_CALL_AT_LOKET_1,
                          "Nomor antrean, B, satu, silakan menuju loket dua"]
    expect(tv.locator("#tv-recent li").first).to_contain_text("A-001")
    sounds = assert_sounds_never_overlap(tv)
    clips = [clip["clip"] for clip in tv.evaluate("window.AntreanTV.announcer.played")]
    assert clips.count("chime") == 2 and len(sounds) == len(clips)


def test_nothing_plays_before_aktifkan_suara_and_every_call_plays_after(
        start_server: Callable[..., LiveServer], strict_tv: Page) -> None:
    """Chromium's own autoplay policy, as on a TV nobody configured: the first call comes
    before anyone pressed "Aktifkan Suara" and is shown but not played; after the click,
    every call plays, one after the other."""
    server = start_server()
    server.create_user("siti", PASSWORD, "petugas")
    for _ in range(3):
        issue(server)
    auth = server.login("siti", PASSWORD)
    tv = strict_tv
    with_short_clips(tv)
    pair_browser(tv, server, "display")
    wait_for(tv, "window.AntreanTV.connected")
    assert tv.evaluate("window.AntreanTV.announcer.context.state") == "suspended"

    requests.post(f"{server.url}/api/v1/counters/1/call-next", headers=auth,
                  timeout=10).raise_for_status()
    expect(tv.locator("#latest-number")).to_have_text("A-001")
    wait_for(tv, """window.AntreanTV.announced.length === 1
        && !window.AntreanTV.announcer.busy && window.AntreanTV.announcer.pending === 0""")
    assert tv.evaluate("window.__sounds") == [] and tv.evaluate("window.__speech") == []
    assert tv.evaluate("window.AntreanTV.announcer.played") == []
    assert spoken(tv) == [] and tv.evaluate("window.AntreanTV.announcer.lastSpoken") is None
    assert tv.evaluate("window.AntreanTV.announcer.silenced") == [FIRST_CALL_AT_LOKET_1]

    tv.get_by_role("button", name="Aktifkan Suara").click()
    wait_for(tv, "window.AntreanTV.announcer.context.state === 'running'")
    for counter in (2, 1):
        requests.post(f"{server.url}/api/v1/counters/{counter}/call-next", headers=auth,
                      timeout=10).raise_for_status()
    wait_for(tv, "window.AntreanTV.spoken.length === 2", timeout=20000)
    assert spoken(tv) == ["Nomor antrean, A, dua, silakan menuju loket dua",
                          "Nomor antrean, A, tiga, silakan menuju loket satu"]
    assert tv.evaluate("window.AntreanTV.announcer.silenced") == [FIRST_CALL_AT_LOKET_1]
    played = tv.evaluate("window.AntreanTV.announcer.played")
    assert FIRST_CALL_AT_LOKET_1 not in {clip["call"] for clip in played}
    assert_sounds_never_overlap(tv)


def test_the_tv_says_terputus_and_rebuilds_after_the_server_comes_back(
        start_server: Callable[..., LiveServer], tv: Page) -> None:
    server = start_server()
    issue(server)
    open_tv(tv, server)
    expect(tv.locator("#tv-offline")).to_be_hidden()
    expect(tv.locator("#latest-number")).to_have_text("—")
    server.stop()
    expect(tv.locator("#tv-offline")).to_be_visible()
    expect(tv.locator("#tv-offline")).to_contain_text("terputus")
    screenshot(tv, "tv-offline")
    # While the server is down the queue moves on (another process on the same database):
    # nothing of it reaches the TV as an event, only through the snapshot after reconnecting.
    called = call_directly(server)
    server.start()
    expect(tv.locator("#tv-offline")).to_be_hidden(timeout=15000)
    expect(tv.locator("#latest-number")).to_have_text(called)
    expect(tv.locator("[data-counter='2'] .tv-counter-number")).to_have_text(called)
    expect(tv.locator("#tv-waiting li[data-service=KK] .tv-waiting-count")).to_have_text("1")


def call_directly(server: LiveServer) -> str:
    """Issue a KK ticket and call A-001 at loket 2 through the use cases, not the server."""
    engine = make_engine(server.database_url)
    try:
        office = Office(settings=load_settings(server.config),
                        sessions=make_session_factory(engine))
        issue_ticket(office, "KK")
        view = calling.call_next(office, 2, None)
        assert view is not None
        return str(view["number"])
    finally:
        engine.dispose()


def test_the_tv_at_1080p(start_server: Callable[..., LiveServer], tv: Page,
                         tmp_path: Path) -> None:
    """The demo office mid-morning, for the screenshot: several loket busy, people waiting."""
    demo = tmp_path / "demo"
    demo.mkdir()
    shutil.copy(REPO_ROOT / "config.toml", demo / "config.toml")
    server = start_server(config_dir=demo)
    server.create_user("siti", PASSWORD, "petugas")
    auth = server.login("siti", PASSWORD)
    for service, count in (("KTP", 9), ("KK", 5), ("AKTA", 3), ("SKET", 4)):
        for _ in range(count):
            issue(server, service)
    open_tv(tv, server)
    for counter in (1, 3, 2, 1, 2):
        requests.post(f"{server.url}/api/v1/counters/{counter}/call-next", headers=auth,
                      timeout=10).raise_for_status()
    requests.post(f"{server.url}/api/v1/counters/4/state", json={"state": "break"},
                  headers=auth, timeout=10).raise_for_status()
    expect(tv.locator("#latest-counter")).to_have_text("Loket 2")
    expect(tv.locator("[data-counter='4'] .tv-counter-note")).to_have_text("Istirahat")
    expect(tv.locator("#tv-zone")).to_have_text("WITA")
    expect(tv.locator("#tv-marquee")).to_contain_text("Selamat datang di Kantor Kecamatan")
    tv.evaluate("""document.querySelectorAll('.tv-flash, .tv-flash-counter').forEach(
        node => node.classList.remove('tv-flash', 'tv-flash-counter'))""")
    path = screenshot(tv, "tv")
    assert path.exists()


def seconds_apart(shown: str, moment: datetime) -> int:
    """Seconds between a shown "HH.MM.SS" and `moment`'s time of day, across midnight."""
    hours, minutes, seconds = (int(part) for part in shown.split("."))
    apart = abs(hours * 3600 + minutes * 60 + seconds
                - (moment.hour * 3600 + moment.minute * 60 + moment.second))
    return min(apart, 86400 - apart)


@pytest.mark.parametrize(("timezone", "label"), [("Asia/Jakarta", "WIB"),
                                                 ("Asia/Jayapura", "WIT")])
def test_the_clock_shows_the_offices_zone_not_the_tvs(
        start_server: Callable[..., LiveServer], tv: Page, timezone: str, label: str) -> None:
    """The TV's own zone is Asia/Makassar (WITA) and its own clock runs 2 h 17 min fast; the
    office's zone and the server's clock win, to the second."""
    server = start_server(timezone=timezone)
    tv.clock.install(time=datetime.now(UTC) + timedelta(hours=2, minutes=17))
    pair_browser(tv, server, "display")
    expect(tv.locator("#tv-zone")).to_have_text(label)
    wait_for(tv, "document.getElementById('tv-time').textContent.length === 8")
    shown = tv.locator("#tv-time").inner_text()
    office_now = datetime.now(ZoneInfo(timezone))
    # One tick (1 s) of lag, and a little for the snapshot's trip: never a whole hour.
    assert seconds_apart(shown, office_now) <= 3, (shown, office_now.time())
    expect(tv.locator("#tv-date")).to_have_text(format_long_date(office_now.date()))


def test_an_office_that_reads_digits_hears_every_digit(
        start_server: Callable[..., LiveServer], tv: Page, tmp_path: Path) -> None:
    office = tmp_path / "digits"
    office.mkdir()
    config = (REPO_ROOT / "config.toml").read_text(encoding="utf-8")
    (office / "config.toml").write_text(
        config.replace('number_reading = "cardinal"', 'number_reading = "digits"')
        .replace('async_mode = "eventlet"', 'async_mode = "threading"'), encoding="utf-8")
    server = start_server(config_dir=office)
    server.create_user("siti", PASSWORD, "petugas")
    issue(server)
    open_tv(tv, server)
    requests.post(f"{server.url}/api/v1/counters/4/call-next",
                  headers=server.login("siti", PASSWORD), timeout=10).raise_for_status()
    wait_for(tv, "window.AntreanTV.spoken.length === 1")
    assert spoken(tv) == ["Nomor antrean, A, nol, nol, satu, silakan menuju loket empat"]
    expect(tv.locator("#latest-counter")).to_have_text("Loket Prioritas")


def test_ten_loket_fit_on_the_screen(start_server: Callable[..., LiveServer], tv: Page) -> None:
    extra = "".join(f'\n[[counters]]\nnumber = {n}\nname = "Loket {n}"\nservices = ["KTP"]\n'
                    for n in range(4, 11))
    server = start_server(extra_tables=extra)
    server.create_user("siti", PASSWORD, "petugas")
    auth = server.login("siti", PASSWORD)
    for counter in range(1, 11):
        issue(server, "AKTA" if counter == 3 else "KTP")  # loket 3 serves AKTA only
        requests.post(f"{server.url}/api/v1/counters/{counter}/call-next", headers=auth,
                      timeout=10).raise_for_status()
    open_tv(tv, server)
    expect(tv.locator("[data-counter='10'] .tv-counter-number")).to_have_text("A-009")
    spilled = tv.evaluate("""[...document.querySelectorAll('.tv-counter, #tv-counters')]
        .filter(n => n.scrollHeight > n.clientHeight + 1 || n.scrollWidth > n.clientWidth + 1)
        .map(n => n.dataset.counter || n.id)""")
    assert spilled == []
    screenshot(tv, "tv-ten-counters")

"""How long from a petugas's call to the number on the lobby TV, in a real browser.

    .venv/bin/python -m bench.tv_call_latency [--calls 30] [--async-mode eventlet]

Starts run.py on a scratch SQLite database, opens /display/ in headless Chromium, issues a
ticket and calls it over the JSON API, and times until the TV page shows that number. The
request itself is included: that is what the person at the counter waits for.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import requests
from playwright.sync_api import sync_playwright

from tests.support.browser import CHROMIUM_ARGS, chromium_path
from tests.support.configs import write_config
from tests.support.live_server import PASSWORD, LiveServer


def measure(calls: int, async_mode: str) -> list[float]:
    with tempfile.TemporaryDirectory() as scratch:
        directory = Path(scratch)
        config = write_config(directory, async_mode=async_mode)
        server = LiveServer(config=config, database_url=f"sqlite:///{directory / 'b.sqlite3'}")
        server.start()
        try:
            server.create_user("bench", PASSWORD, "petugas")
            auth = server.login("bench", PASSWORD)
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium_path(),
                                                     headless=True, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": 1920, "height": 1080})
                page.goto(server.pair_url(server.create_device("display")))  # a paired TV
                page.wait_for_function("window.AntreanTV.connected")
                timings = [_one_call(server, page, auth) for _ in range(calls)]
                browser.close()
            return timings
        finally:
            server.stop()


def _one_call(server: LiveServer, page: object, auth: dict[str, str]) -> float:
    number = requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"},
                           timeout=10).json()["number"]
    started = time.perf_counter()
    requests.post(f"{server.url}/api/v1/counters/1/call-next", headers=auth, timeout=10)
    page.wait_for_function(  # type: ignore[attr-defined]
        "n => document.getElementById('latest-number').textContent === n", arg=number,
        polling="raf")
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=30)
    parser.add_argument("--async-mode", default="eventlet",
                        choices=["eventlet", "gevent", "threading"])
    args = parser.parse_args()
    timings = sorted(measure(args.calls, args.async_mode))
    p90 = timings[int(0.9 * (len(timings) - 1))]
    print(f"call -> number on the TV, {len(timings)} calls, {args.async_mode}: "
          f"median {statistics.median(timings):.0f} ms, p90 {p90:.0f} ms, "
          f"max {timings[-1]:.0f} ms")


if __name__ == "__main__":
    main()

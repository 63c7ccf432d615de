"""Chromium's CPU for the same browser work, in the full Debian `chromium` and in its headless
shell (`chromium-headless-shell`, the build the browser tests run in: tests/support/browser.py).

    python -m bench.browser_cpu [--calls 3]

Per program, in one run against one real server: launch the browser, open the lobby TV (1920x
1080) and the kiosk (1080x1920), press "Aktifkan Suara", take a ticket on the kiosk, make
`--calls` calls and wait until the TV has spoken each, then close. The figure is the CPU of
every process of that browser (sampled from /proc every 0.2 s, each process's last reading),
beside the same run's wall time. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from pathlib import Path

import requests
from playwright.sync_api import sync_playwright

from bench.proc_cpu import cpu_seconds
from tests.support.browser import CHROMIUM_ARGS, FULL_BROWSER, HEADLESS_SHELL, chromium_path
from tests.support.configs import write_config
from tests.support.databases import start_from_migrated
from tests.support.live_server import PASSWORD, LiveServer

DEBIAN_CHROMIUM_DIR = Path("/usr/lib/chromium")
"""Where Debian installs the binaries that /usr/bin/chromium and chromium-headless-shell run."""


class ProcessCpu:
    """CPU of every process running the `program` binary, while it runs."""

    def __init__(self, program: str) -> None:
        self.binary = str(DEBIAN_CHROMIUM_DIR / program)
        self.seen: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> ProcessCpu:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.is_set():
            for entry in Path("/proc").iterdir():
                if not entry.name.isdigit():
                    continue
                try:
                    if os.readlink(entry / "exe") == self.binary:
                        self.seen[int(entry.name)] = cpu_seconds(int(entry.name))
                except OSError:
                    continue  # gone meanwhile
            time.sleep(0.2)

    @property
    def total(self) -> float:
        return sum(self.seen.values())


def browse(server: LiveServer, program: str, calls: int) -> tuple[float, float, int]:
    path = chromium_path(program)
    staff = server.login("siti", PASSWORD)
    began = time.perf_counter()
    with ProcessCpu(program) as cpu, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True,
                                             args=CHROMIUM_ARGS)
        tv = browser.new_page(viewport={"width": 1920, "height": 1080})
        tv.goto(server.pair_url(server.create_device("display")))
        tv.get_by_role("button", name="Aktifkan Suara").click()
        kiosk = browser.new_page(viewport={"width": 1080, "height": 1920})
        kiosk.goto(server.pair_url(server.create_device("kiosk")))
        kiosk.locator('.k-service[data-code="KTP"]').click()
        kiosk.locator("#t-number").wait_for()
        spoken_before = tv.evaluate("window.AntreanTV.spoken.length")
        for _ in range(calls):
            requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"}, timeout=10)
        for call in range(calls):
            requests.post(f"{server.url}/api/v1/counters/1/call-next", headers=staff,
                          timeout=10).raise_for_status()
            deadline = time.monotonic() + 30
            while (tv.evaluate("window.AntreanTV.spoken.length") < spoken_before + call + 1
                   and time.monotonic() < deadline):
                time.sleep(0.1)
        browser.close()
    return time.perf_counter() - began, cpu.total, len(cpu.seen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=3)
    args = parser.parse_args()
    directory = Path(tempfile.mkdtemp(prefix="antrean-bench-"))
    config = write_config(directory)
    url = f"sqlite:///{directory / 'antrean.sqlite3'}"
    start_from_migrated(url)
    server = LiveServer(config=config, database_url=url).start().with_users(siti="petugas")
    try:
        print(f"{'browser':28} {'wall':>8} {'Chromium CPU':>13} {'processes':>10}")
        for program in (FULL_BROWSER, HEADLESS_SHELL, FULL_BROWSER, HEADLESS_SHELL):
            wall, cpu, processes = browse(server, program, args.calls)
            print(f"{program:28} {wall:7.1f}s {cpu:12.2f}s {processes:10d}")
    finally:
        server.stop()


if __name__ == "__main__":
    main()

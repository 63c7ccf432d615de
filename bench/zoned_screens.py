"""Call -> zoned lobby TVs: how fast a call reaches its zone's screens, that no other zone
hears it, and what a call costs the server, beside the same screens all unzoned.

    python -m bench.zoned_screens [--screens 400] [--zones 4] [--processes 4] [--calls 40]

One Antrean process (run.py, eventlet, SQLite) with 8 loket split over `--zones` zones. Every
call is made at loket 1 (the first zone). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import requests

from antrean.usecases.access.devices import create_device
from bench.hot_path import CONFIG, COUNTERS, percentile
from bench.proc_cpu import CpuMeter
from bench.screens import ScreenFleet
from tests.support.live_server import PASSWORD, LiveServer


def zones_toml(zones: int) -> str:
    if not zones:
        return ""
    per = COUNTERS // zones
    return "".join(f'\n[[zones]]\ncode = "z{z}"\nname = "Zona {z}"\n'
                   f"counters = {list(range(z * per + 1, (z + 1) * per + 1))}\n"
                   for z in range(zones))


def run(directory: Path, zones: int, screens: int, processes: int, calls: int) -> str:
    more = "".join(f'\n[[counters]]\nnumber = {n}\nname = "Loket {n}"\nservices = ["KK"]\n'
                   for n in range(2, COUNTERS + 1))
    config = directory / "config.toml"
    config.write_text(CONFIG.format(directory=directory, more_counters=more)
                      + zones_toml(zones), encoding="utf-8")
    server = LiveServer(config, f"sqlite:///{directory / 'antrean.sqlite3'}")
    server.create_user("siti", PASSWORD, "petugas")
    codes: list[str | None] = [f"z{z}" for z in range(zones)] or [None]
    tokens = [_tv(server, code) for code in codes]
    kiosk = {"Authorization": f"Bearer {server.create_device('kiosk', 'bench kiosk')}"}
    server.start()
    fleets = [ScreenFleet(server.port, token, screens // len(codes),
                          max(1, processes // len(codes))).start() for token in tokens]
    try:
        assert server.process is not None
        web = requests.Session()
        web.headers.update(server.login("siti", PASSWORD))
        for _ in range(calls):
            requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"},
                          headers=kiosk, timeout=30)  # a kiosk: no per-address limit
        deliveries, lasts = [], []
        meter = CpuMeter(server.process.pid).start()
        for _ in range(calls):
            sent = time.monotonic()
            number = str(web.post(f"{server.url}/api/v1/counters/1/call-next",
                                  timeout=30).json()["number"])
            arrivals = fleets[0].wait_for(number)
            deliveries += [(at - sent) * 1000 for at in arrivals]
            lasts.append((max(arrivals) - sent) * 1000 if arrivals else float("nan"))
            time.sleep(0.05)
        meter.stop()
        strays = 0
        for fleet in fleets[1:]:
            fleet.wait_for("-", timeout=1.0)  # drain what they heard
            strays += sum(len(at) for at in fleet.arrivals.values())
        heard = fleets[0].connected
        return (f"{sum(f.connected for f in fleets)} screens, {len(codes)} room(s), "
                f"{heard} hear loket 1: call -> screen p50 {percentile(deliveries, 0.5):5.1f} "
                f"ms, p99 {percentile(deliveries, 0.99):6.1f} ms; -> last p50 "
                f"{percentile(lasts, 0.5):6.1f} ms, p99 {percentile(lasts, 0.99):6.1f} ms; "
                f"{strays} calls heard in another zone; CPU {meter.ms_per(calls):5.1f} ms/call")
    finally:
        for fleet in fleets:
            fleet.close()
        server.stop()


def _tv(server: LiveServer, zone: str | None) -> str:
    _, token = create_device(server.office, f"TV {zone or 'kantor'}", "display", zone=zone)
    return token


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--screens", type=int, default=400)
    parser.add_argument("--zones", type=int, default=4)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--calls", type=int, default=40)
    args = parser.parse_args(argv)
    print(f"== call -> zoned TVs: 1 process, eventlet, SQLite, {COUNTERS} loket ==")
    for zones in (0, args.zones):
        with tempfile.TemporaryDirectory(prefix="antrean-bench-") as scratch:
            figures = run(Path(scratch), zones, args.screens, args.processes, args.calls)
            print(f"  {'unzoned' if zones == 0 else f'{zones} zones':<8} {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

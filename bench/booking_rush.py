"""The opening rush of online booking: many phones ask for the last places at once.

    python -m bench.booking_rush [--people 400] [--only sqlite|postgres]

Per database, a real server (run.py, eventlet, as production runs) with a service of two
sessions and an online quota of 150: `--people` distinct phone numbers POST /api/v1/bookings
for the same day from 32 threads. Prints bookings made (must equal the quota), refusals,
the request time (median, p90, max), throughput, and the server's CPU per request read from
/proc/<pid>/stat, beside the same figures for GET /api/v1/booking-services (a floor: no
database, the same app). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

from tests.support.configs import write_config
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import LiveServer

THREADS = 32
QUOTA = 150
RUSH_SERVICE = f"""
sessions = [{{ time = "08:00-10:00", capacity = 100 }}, {{ time = "10:00-12:00", capacity = 100 }}]
online_quota = {QUOTA}
"""
NO_LIMITS = "[booking]\nrequests_per_minute = 100000\nphone_requests_per_minute = 1000\n"


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(server: LiveServer, label: str, requests_: list[Callable[[], int]]) -> Counter[int]:
    assert server.process is not None
    spent: list[float] = []

    def timed(send: Callable[[], int]) -> int:
        started = time.perf_counter()
        status = send()
        spent.append(time.perf_counter() - started)
        return status

    cpu_before, wall_before = cpu_seconds(server.process.pid), time.perf_counter()
    with ThreadPoolExecutor(THREADS) as pool:
        statuses = Counter(pool.map(timed, requests_))
    wall = time.perf_counter() - wall_before
    cpu = cpu_seconds(server.process.pid) - cpu_before
    ms = sorted(s * 1000 for s in spent)
    print(f"  {label:<28} n={len(ms):<4} median {statistics.median(ms):7.1f} ms  "
          f"p90 {ms[int(len(ms) * 0.9) - 1]:7.1f} ms  max {ms[-1]:7.1f} ms  "
          f"{len(ms) / wall:6.0f} req/s  server CPU {cpu / len(ms) * 1000:5.2f} ms/req")
    return statuses


def bench(name: str, database_url: str, directory: Path, people: int) -> None:
    print(f"{name} ({people} phones, {THREADS} threads, {QUOTA} places):")
    write_config(directory, async_mode="eventlet", extra_service=RUSH_SERVICE,
                 extra_tables=NO_LIMITS)
    server = LiveServer(config=directory / "config.toml", database_url=database_url).start()
    try:
        days = requests.get(f"{server.url}/api/v1/booking-days?service=AKTA", timeout=10).json()
        day = next(d["date"] for d in days["days"][1:] if d["open"])
        session = requests.Session()

        def floor() -> int:
            return session.get(f"{server.url}/api/v1/booking-services", timeout=30).status_code

        def booking(n: int) -> Callable[[], int]:
            body = {"service": "AKTA", "date": day, "session": ("08:00", "10:00")[n % 2],
                    "name": f"Warga {n}", "phone": f"0813{n:08d}"}
            return lambda: requests.post(f"{server.url}/api/v1/bookings", json=body,
                                         timeout=30).status_code

        run(server, "floor: GET booking-services", [floor] * people)
        statuses = run(server, "rush: POST bookings", [booking(n) for n in range(people)])
        print(f"  bookings made: {statuses[201]} (quota {QUOTA}); refused (409): "
              f"{statuses[409]}; other: {sum(statuses.values()) - statuses[201] - statuses[409]}")
    finally:
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=400)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.only != "postgres":
            directory = Path(tmp) / "sqlite"
            directory.mkdir()
            bench("SQLite", f"sqlite:///{directory / 'rush.sqlite3'}", directory, args.people)
        if args.only != "sqlite":
            directory = Path(tmp) / "postgres"
            directory.mkdir()
            with fresh_postgres_database() as url:
                bench("PostgreSQL", url, directory, args.people)


if __name__ == "__main__":
    main()

"""Kiosk issuing with request_key, and how fast a phone hears that its number was called.

    python -m bench.kiosk_issue [--tickets 300] [--only sqlite|postgres]

1. Per database (a fresh SQLite file and a fresh PostgreSQL database): the time to issue a
   ticket without and with a request_key, and N keys each sent by 4 threads at once (the
   double tap / retry case): how many tickets came out and how long it took.
2. A real server (run.py, threading mode, SQLite): a python-socketio client follows a ticket on
   /track; a petugas calls it over HTTP; the time from sending the call to the phone's
   'ticket' event. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import requests
import socketio

from antrean.config import load_settings
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.usecases.context import Office
from antrean.usecases.queue.issuing_once import issue_once
from tests.support.configs import write_config
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import LiveServer

COPIES = 4


def figures(label: str, seconds: list[float]) -> None:
    ms = sorted(s * 1000 for s in seconds)
    p90 = ms[int(len(ms) * 0.9) - 1]
    print(f"  {label:<38} n={len(ms):<4} median {statistics.median(ms):7.2f} ms   "
          f"p90 {p90:7.2f} ms   max {ms[-1]:7.2f} ms")


def timed(action: Callable[[], object], times: int) -> list[float]:
    spent = []
    for _ in range(times):
        started = time.perf_counter()
        action()
        spent.append(time.perf_counter() - started)
    return spent


@contextmanager
def office_on(url: str, directory: Path) -> Iterator[Office]:
    engine = make_engine(url)
    create_schema(engine)
    settings = load_settings(write_config(directory, quota=100_000))
    try:
        yield Office(settings=settings, sessions=make_session_factory(engine))
    finally:
        engine.dispose()


def bench_database(name: str, url: str, directory: Path, tickets: int) -> None:
    print(f"{name}:")
    with office_on(url, directory) as office:
        figures("issue, no request_key", timed(lambda: issue_once(office, None, "KTP"), tickets))
        figures("issue, fresh request_key",
                timed(lambda: issue_once(office, str(uuid.uuid4()), "KK"), tickets))
        key = str(uuid.uuid4())
        issue_once(office, key, "AKTA")
        figures("repeat of a used request_key", timed(lambda: issue_once(office, key, "AKTA"),
                                                      tickets))
        keys = [str(uuid.uuid4()) for _ in range(tickets // 4)]
        started = time.perf_counter()
        with ThreadPoolExecutor(COPIES) as pool:
            created = sum(result.created for result in pool.map(
                lambda k: issue_once(office, k, "AKTA"), [k for k in keys for _ in range(COPIES)]))
        spent = time.perf_counter() - started
        print(f"  {len(keys)} keys x {COPIES} concurrent copies: {created} tickets issued "
              f"in {spent:.2f} s")


def bench_tracking_push(directory: Path, calls: int) -> None:
    print("tracking page push (run.py threading, SQLite):")
    server = LiveServer(config=write_config(directory, quota=100_000),
                        database_url=f"sqlite:///{directory / 'push.sqlite3'}").start()
    try:
        server.create_user("bench", "bench-rahasia", "petugas")
        auth = server.login("bench", "bench-rahasia")
        delays = []
        for _ in range(calls):
            ticket = requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"},
                                   timeout=10).json()
            delays.append(_push_delay(server, auth, ticket["id"]))
        figures("call-next sent -> phone told", delays)
    finally:
        server.stop()


def _push_delay(server: LiveServer, auth: dict[str, str], ticket_id: str) -> float:
    called = threading.Event()
    heard: list[float] = []
    phone = socketio.Client()

    @phone.on("ticket", namespace="/track")
    def _ticket(data: dict[str, str]) -> None:
        if data.get("status") == "called" and not called.is_set():
            heard.append(time.perf_counter())
            called.set()

    phone.connect(server.url, namespaces=["/track"], transports=["websocket"], wait_timeout=10)
    try:
        phone.call("follow", {"id": ticket_id}, namespace="/track", timeout=10)
        sent = time.perf_counter()
        requests.post(f"{server.url}/api/v1/counters/1/call-next", headers=auth, timeout=10)
        called.wait(timeout=10)
        return heard[0] - sent if heard else float("inf")
    finally:
        phone.disconnect()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tickets", type=int, default=300)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        if args.only != "postgres":
            bench_database("SQLite", f"sqlite:///{directory / 'bench.sqlite3'}", directory,
                           args.tickets)
        if args.only != "sqlite":
            with fresh_postgres_database() as url:
                bench_database("PostgreSQL", url, directory, args.tickets)
        bench_tracking_push(directory, calls=50)


if __name__ == "__main__":
    main()

"""What keeping the report roll-ups in step costs the queue's hot path.

    python -m bench.rollup_hot_path [--tickets 400] [--rounds 3] [--seconds 8]
                                    [--only sqlite|postgres|server]

Roll-ups follow the event log through a trigger on ticket_events (db/rollup_triggers.py):
each event inserts one small row. This prints the cost of that trigger, with it and without it
(dropped for the round), rounds alternating so the machine's noise falls on both alike:

1. Use cases in-process on SQLite and PostgreSQL: a ticket's life (issue; call-next, which
   also finishes the previous ticket: 4 events a ticket). CPU ms per ticket of this process
   and, on PostgreSQL, of the server backends (/proc/<pid>/stat), and wall ms per ticket.
   Then the trigger alone: one event row inserted and committed per transaction, µs each.
2. A real server (run.py, eventlet, SQLite) with 8 kiosk clients posting tickets over HTTP:
   server CPU ms per ticket from /proc/<pid>/stat utime+stime.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import requests
from sqlalchemy import Engine, insert, text

from antrean.config import load_settings
from antrean.db import rollup_triggers
from antrean.db.engine import create_schema, make_engine, make_session_factory
from antrean.db.models import TicketEvent
from antrean.usecases.context import Office
from antrean.usecases.queue import calling
from antrean.usecases.queue.issuing import issue_ticket
from tests.support.configs import write_config
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import LiveServer

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def set_trigger(engine: Engine, present: bool) -> None:
    with engine.begin() as connection:
        if present:
            rollup_triggers.install(connection)  # as on start: creates what is missing
        elif engine.dialect.name == "postgresql":
            connection.execute(text(f"DROP TRIGGER IF EXISTS {rollup_triggers.POSTGRES_TRIGGER}"
                                    " ON ticket_events"))
        else:
            for name in rollup_triggers.SQLITE_TRIGGERS:
                connection.execute(text(f"DROP TRIGGER IF EXISTS {name}"))


def backend_pids(engine: Engine) -> list[int]:
    if engine.dialect.name != "postgresql":
        return []
    with engine.connect() as connection:
        return list(connection.execute(text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database()")).scalars())


def lifecycle_round(office: Office, engine: Engine, tickets: int) -> tuple[float, float, float]:
    """(process CPU, backend CPU, wall) in ms per ticket."""
    pids = backend_pids(engine)
    backend_before = sum(cpu_seconds(pid) for pid in pids)
    cpu_before, wall_before = time.process_time(), time.perf_counter()
    for _ in range(tickets):
        issue_ticket(office, "KTP")
        calling.call_next(office, 1, None)
    cpu = time.process_time() - cpu_before
    wall = time.perf_counter() - wall_before
    backend = sum(cpu_seconds(pid) for pid in pids) - backend_before
    return cpu * 1000 / tickets, backend * 1000 / tickets, wall * 1000 / tickets


def insert_round(engine: Engine, events: int) -> tuple[float, float, float]:
    """(process CPU, backend CPU, wall) in µs per event row inserted and committed."""
    pids = backend_pids(engine)
    backend_before = sum(cpu_seconds(pid) for pid in pids)
    cpu_before, wall_before = time.process_time(), time.perf_counter()
    row = {"ticket_id": 1, "event": "recall", "at": datetime.now(UTC),
           "local_day": date(2020, 1, 1), "service_code": "KTP"}
    for _ in range(events):
        with engine.begin() as connection:
            connection.execute(insert(TicketEvent), row)
    cpu = time.process_time() - cpu_before
    wall = time.perf_counter() - wall_before
    backend = sum(cpu_seconds(pid) for pid in pids) - backend_before
    return cpu * 1e6 / events, backend * 1e6 / events, wall * 1e6 / events


def use_cases(label: str, url: str, directory: Path, tickets: int, rounds: int) -> None:
    engine = make_engine(url)
    create_schema(engine)
    settings = load_settings(write_config(directory, quota=1_000_000))
    office = Office(settings=settings, sessions=make_session_factory(engine))
    lifecycle_round(office, engine, 50)  # warm up: connections, statement caches
    figures: dict[bool, list[tuple[float, float, float]]] = {True: [], False: []}
    for _ in range(rounds):
        for present in (True, False):
            set_trigger(engine, present)
            figures[present].append(lifecycle_round(office, engine, tickets))
    set_trigger(engine, True)
    for present in (True, False):
        runs = figures[present]
        print(f"[{label}] use cases, trigger {'on ' if present else 'off'}: CPU "
              f"{median(r[0] for r in runs):.3f} ms/ticket (process) + "
              f"{median(r[1] for r in runs):.3f} ms/ticket (database server); wall "
              f"{median(r[2] for r in runs):.3f} ms/ticket; median of {rounds} rounds of "
              f"{tickets}", flush=True)
    inserts: dict[bool, list[tuple[float, float, float]]] = {True: [], False: []}
    for _ in range(rounds):
        for present in (True, False):
            set_trigger(engine, present)
            inserts[present].append(insert_round(engine, tickets * 5))
    set_trigger(engine, True)
    for present in (True, False):
        runs = inserts[present]
        print(f"[{label}] one event insert, trigger {'on ' if present else 'off'}: CPU "
              f"{median(r[0] for r in runs):.1f} µs (process) + {median(r[1] for r in runs):.1f}"
              f" µs (database server); wall {median(r[2] for r in runs):.1f} µs", flush=True)
    engine.dispose()


def median(values: Iterator[float]) -> float:
    return statistics.median(list(values))


def kiosks(url: str, token: str, seconds: float, clients: int = 8) -> int:
    issued = [0] * clients
    deadline = time.monotonic() + seconds

    def post(index: int) -> None:
        web = requests.Session()
        web.headers["Authorization"] = f"Bearer {token}"
        while time.monotonic() < deadline:
            if web.post(f"{url}/api/v1/tickets", json={"service": "KTP"},
                        timeout=30).status_code == 201:
                issued[index] += 1

    threads = [threading.Thread(target=post, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return sum(issued)


@contextmanager
def sqlite_file_connection(path: Path) -> Iterator[Callable[[bool], None]]:
    connection = sqlite3.connect(path, timeout=30, isolation_level=None)

    def toggle(present: bool) -> None:
        existing = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")}
        for name, statement in rollup_triggers.SQLITE_TRIGGERS.items():
            if present and name not in existing:
                connection.execute(statement)
            elif not present and name in existing:
                connection.execute(f"DROP TRIGGER {name}")

    try:
        yield toggle
    finally:
        connection.close()


def server(directory: Path, seconds: float, rounds: int) -> None:
    config = write_config(directory, async_mode="eventlet", quota=1_000_000)
    database = directory / "server.sqlite3"
    live = LiveServer(config, f"sqlite:///{database}")
    token = live.create_device("kiosk", "bench kiosk")
    live.start()
    assert live.process is not None
    figures: dict[bool, list[float]] = {True: [], False: []}
    try:
        kiosks(live.url, token, 2)  # warm up
        with sqlite_file_connection(database) as toggle:
            for _ in range(rounds):
                for present in (True, False):
                    toggle(present)  # the server installed them at start: drop, then restore
                    before = cpu_seconds(live.process.pid)
                    issued = kiosks(live.url, token, seconds)
                    spent = cpu_seconds(live.process.pid) - before
                    figures[present].append(spent * 1000 / max(issued, 1))
                    print(f"[server] trigger {'on ' if present else 'off'}: {issued} tickets, "
                          f"{figures[present][-1]:.2f} ms server CPU/ticket", flush=True)
    finally:
        live.stop()
    for present in (True, False):
        print(f"[server] SQLite, eventlet, 8 kiosks, trigger {'on ' if present else 'off'}: "
              f"median {statistics.median(figures[present]):.2f} ms server CPU per ticket "
              f"over {rounds} rounds of {seconds:.0f} s", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tickets", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--only", choices=["sqlite", "postgres", "server"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        directory = Path(folder)
        if args.only in (None, "sqlite"):
            use_cases("sqlite", f"sqlite:///{directory / 'bench.sqlite3'}", directory,
                      args.tickets, args.rounds)
        if args.only in (None, "postgres"):
            with fresh_postgres_database() as url:
                use_cases("postgresql", url, directory, args.tickets, args.rounds)
        if args.only in (None, "server"):
            server(directory, args.seconds, args.rounds)


if __name__ == "__main__":
    main()

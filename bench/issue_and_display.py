"""Ticket issues per second, call-to-display latency and memory of real server processes.

    python -m bench.issue_and_display                       # one process on SQLite
    python -m bench.issue_and_display --cluster             # two processes, PostgreSQL + Redis
      [--postgres URL] [--redis URL] [--kiosks 16] [--screens 1000] [--calls 40]

Kiosks are processes posting tickets with a paired kiosk token (so not rate limited). Screens
are python-socketio clients spread over a few processes, signed in as a paired TV; the latency
of a call is the time from the petugas' POST call-next until a screen receives the "called"
event (monotonic clock, shared by processes on one machine). All kiosks start at one instant
and the rate is measured over the wall-clock time until the last answer; failures (HTTP errors,
network errors, crashed workers, screens that never connected or never heard a call) are
counted and printed, and every wait has a limit. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import queue
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import requests

from tests.support.databases import fresh_postgres_database
from tests.support.live_server import PASSWORD, LiveServer

CONFIG = """
[office]
name = "Kecamatan Bench"
timezone = "Asia/Makassar"

[server]
async_mode = "eventlet"
message_queue = "{message_queue}"
message_queue_channel = "{channel}"
secret_key_file = "{directory}/secret_key"

[[services]]
code = "KTP"
name = "KTP-el"
prefix = "A"

[[counters]]
number = 1
name = "Loket 1"
services = ["KTP"]
"""


def rss_mib(server: LiveServer) -> float:
    assert server.process is not None
    for line in Path(f"/proc/{server.process.pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


# --- kiosks --------------------------------------------------------------------------------

@dataclass
class KioskResult:
    issued: int = 0
    failures: Counter[str] = field(default_factory=Counter)  # what went wrong, how often
    finished_at: float = 0.0  # monotonic time its last request came back
    crashed: str = ""


def kiosk(url: str, token: str, start: Any, seconds: float, results: Any) -> None:
    """Posts tickets from the common start until start + seconds; always reports, whatever
    happens (a worker that dies silently would leave the parent waiting)."""
    result = KioskResult()
    try:
        web = requests.Session()
        web.headers["Authorization"] = f"Bearer {token}"
        start.wait()
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                response = web.post(f"{url}/api/v1/tickets", timeout=30,
                                    json={"service": "KTP", "channel": "kiosk"})
            except requests.RequestException as error:
                result.failures[type(error).__name__] += 1
            else:
                if response.status_code == 201:
                    result.issued += 1
                else:
                    result.failures[f"HTTP {response.status_code}"] += 1
            result.finished_at = time.monotonic()
    except BaseException as error:  # noqa: BLE001 - reported to the parent, not lost
        result.crashed = repr(error)
    finally:
        results.put(result)


@dataclass
class Issuing:
    rate: float  # tickets per second over the measured wall-clock time
    issued: int
    wall_seconds: float
    failures: Counter[str]
    lost_workers: int


def measure_issuing(servers: list[LiveServer], token: str, kiosks: int,
                    seconds: float) -> Issuing:
    """Every kiosk starts at one common instant; the rate divides the tickets issued by the
    time from that instant until the last answer came back (requests still in flight at the
    deadline finish and are counted, and so is the time they took)."""
    results: Any = mp.Queue()
    start = mp.Event()
    workers = [mp.Process(target=kiosk, args=(servers[i % len(servers)].url, token, start,
                                              seconds, results)) for i in range(kiosks)]
    for worker in workers:
        worker.start()
    time.sleep(1.0)  # let every process import and connect before the start
    started = time.monotonic()
    start.set()
    collected = collect(results, workers, len(workers), timeout=seconds + 60)
    for worker in workers:
        worker.join(timeout=5)
        if worker.is_alive():
            worker.terminate()
    failures: Counter[str] = Counter()
    for result in collected:
        failures.update(result.failures)
        if result.crashed:
            failures[f"kiosk crashed: {result.crashed}"] += 1
    issued = sum(result.issued for result in collected)
    ended = max((result.finished_at for result in collected), default=started)
    wall = max(ended - started, 1e-9)
    return Issuing(issued / wall, issued, wall, failures, len(workers) - len(collected))


def collect(results: Any, workers: list[Any], expected: int, timeout: float) -> list[Any]:
    """`expected` results from the workers, or fewer if some died without a word; never waits
    forever."""
    collected: list[Any] = []
    deadline = time.monotonic() + timeout
    while len(collected) < expected and time.monotonic() < deadline:
        try:
            collected.append(results.get(timeout=0.5))
        except queue.Empty:
            if not any(worker.is_alive() for worker in workers) and results.empty():
                break
    return collected


# --- screens -------------------------------------------------------------------------------

def screens(urls: list[str], token: str, count: int, ready: Any, seen: Any, stop: Any) -> None:
    import socketio

    clients = []
    try:
        for i in range(count):
            client = socketio.Client(reconnection=False)

            def on_called(data: Any) -> None:
                seen.put((data["ticket"]["id"], time.monotonic()))

            client.on("called", on_called, namespace="/display")
            try:
                client.connect(urls[i % len(urls)], namespaces=["/display"],
                               transports=["websocket"], auth={"token": token}, wait_timeout=60)
            except Exception as error:  # noqa: BLE001 - counted by the parent
                ready.put(repr(error))
                continue
            clients.append(client)
            ready.put(None)
        stop.wait()
    finally:
        for client in clients:
            client.disconnect()


@dataclass
class Latency:
    screens: int
    connect_seconds: float
    connect_failures: Counter[str]
    latencies: list[float]
    missed: int  # (call, screen) pairs never heard within the wait
    rss_connected: list[float]


def measure_latency(servers: list[LiveServer], display_token: str, petugas: dict[str, str],
                    screen_count: int, processes: int, calls: int) -> Latency:
    ready, seen, stop = mp.Queue(), mp.Queue(), mp.Event()
    urls = [server.url for server in servers]
    per_process = screen_count // processes
    workers = [mp.Process(target=screens, args=(urls, display_token, per_process, ready, seen,
                                                stop)) for _ in range(processes)]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    answers = collect(ready, workers, per_process * processes, timeout=300)  # one per screen
    connect_seconds = time.monotonic() - started
    failures = Counter(answer for answer in answers if answer is not None)
    connected = len(answers) - sum(failures.values())
    rss_connected = [rss_mib(server) for server in servers]
    latencies: list[float] = []
    missed = 0
    try:
        for i in range(calls):
            heard, late = call_and_listen(servers[i % len(servers)], petugas, seen, connected)
            latencies.extend(heard)
            missed += late
            time.sleep(0.2)
    finally:
        stop.set()
        for worker in workers:
            worker.join(timeout=60)
            if worker.is_alive():
                worker.terminate()
    return Latency(connected, connect_seconds, failures, sorted(latencies), missed,
                   rss_connected)


def call_and_listen(caller: LiveServer, petugas: dict[str, str], seen: Any,
                    screens: int) -> tuple[list[float], int]:
    """The delays with which the connected screens heard one call, and how many never did."""
    sent = time.monotonic()
    try:
        answer = requests.post(f"{caller.url}/api/v1/counters/1/call-next", headers=petugas,
                               timeout=30)
        ticket_id = answer.json()["id"] if answer.status_code == 200 else None
    except requests.RequestException:
        ticket_id = None
    if ticket_id is None:
        return [], screens
    heard: list[float] = []
    deadline = sent + 30
    while len(heard) < screens and time.monotonic() < deadline:
        try:
            got, at = seen.get(timeout=max(0.01, deadline - time.monotonic()))
        except queue.Empty:
            break
        if got == ticket_id:
            heard.append(at - sent)
    return heard, screens - len(heard)


def percentile_ms(values: list[float], fraction: float) -> float:
    return values[max(0, math.ceil(len(values) * fraction) - 1)] * 1000 if values else math.nan


# --- the run -------------------------------------------------------------------------------

def run(args: argparse.Namespace, database_url: str, message_queue: str) -> None:
    directory = Path(tempfile.mkdtemp(prefix="antrean-bench-"))
    config = directory / "config.toml"
    config.write_text(CONFIG.format(message_queue=message_queue, directory=directory,
                                    channel=f"bench-{uuid.uuid4().hex[:6]}"), encoding="utf-8")
    servers = [LiveServer(config, database_url) for _ in range(args.processes)]
    servers[0].create_user("siti", PASSWORD, "petugas")
    tokens = {role: servers[0].create_device(role, f"bench {role}")
              for role in ("kiosk", "display")}
    try:
        for server in servers:
            server.start()
        rss_idle = [rss_mib(server) for server in servers]
        issuing = measure_issuing(servers, tokens["kiosk"], args.kiosks, args.seconds)
        petugas = servers[0].login("siti", PASSWORD)
        latency = measure_latency(servers, tokens["display"], petugas, args.screens,
                                  args.screen_processes, args.calls)
        rss_end = [rss_mib(server) for server in servers]
    finally:
        for server in servers:
            server.stop()
    report(args, servers, message_queue, issuing, latency, rss_idle, rss_end)


def report(args: argparse.Namespace, servers: list[LiveServer], message_queue: str,
           issuing: Issuing, latency: Latency, rss_idle: list[float],
           rss_end: list[float]) -> None:
    kind = "PostgreSQL + Redis" if message_queue else "SQLite"
    print(f"== {len(servers)} process(es), {kind}, eventlet; {os.cpu_count()} CPUs shared "
          "with the kiosk and screen clients ==")
    print(f"issuing: {issuing.rate:.1f} tickets/s with {args.kiosks} concurrent kiosks: "
          f"{issuing.issued} tickets in {issuing.wall_seconds:.2f} s measured from one common "
          f"start ({args.seconds:.0f} s window)")
    print(f"  failures: {sum(issuing.failures.values())}"
          + "".join(f"; {count} x {what}" for what, count in issuing.failures.most_common())
          + (f"; {issuing.lost_workers} kiosk process(es) never reported"
             if issuing.lost_workers else ""))
    values = latency.latencies
    print(f"call-to-display: {latency.screens} of {args.screens} screens connected in "
          f"{latency.connect_seconds:.1f} s"
          + "".join(f"; {count} x {what}" for what, count in
                    latency.connect_failures.most_common())
          + f"; {args.calls} calls: p50 {percentile_ms(values, 0.5):.0f} ms, "
          f"p99 {percentile_ms(values, 0.99):.0f} ms, max {percentile_ms(values, 1.0):.0f} ms; "
          f"{latency.missed} screen-calls never heard within 30 s")
    for i in range(len(servers)):
        print(f"server {i + 1} RSS: idle {rss_idle[i]:.0f} MiB, with screens "
              f"{latency.rss_connected[i]:.0f} MiB, at the end {rss_end[i]:.0f} MiB")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cluster", action="store_true",
                        help="two processes on PostgreSQL with Redis between them")
    parser.add_argument("--postgres", default=os.environ.get(
        "ANTREAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--redis", default=os.environ.get("ANTREAN_TEST_REDIS_URL",
                                                          "redis://127.0.0.1:6379/0"))
    parser.add_argument("--kiosks", type=int, default=16)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--screens", type=int, default=1000)
    parser.add_argument("--screen-processes", type=int, default=8)
    parser.add_argument("--calls", type=int, default=40)
    args = parser.parse_args(argv)
    args.processes = 2 if args.cluster else 1
    if args.cluster:
        with fresh_postgres_database(args.postgres) as url:
            run(args, url, args.redis)
    else:
        directory = Path(tempfile.mkdtemp(prefix="antrean-bench-db-"))
        run(args, f"sqlite:///{directory / 'antrean.sqlite3'}", "")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Ticket issues per second, call-to-display latency and memory of real server processes.

    python -m bench.issue_and_display                       # one process on SQLite
    python -m bench.issue_and_display --cluster             # two processes, PostgreSQL + Redis
      [--postgres URL] [--redis URL] [--kiosks 16] [--screens 1000] [--calls 40]

Kiosks are processes posting tickets with a paired kiosk token (so not rate limited). Screens
are python-socketio clients spread over a few processes, signed in as a paired TV; the latency
of a call is the time from the petugas' POST call-next until a screen receives the "called"
event (monotonic clock, shared by processes on one machine). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time
import uuid
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

def kiosk(url: str, token: str, seconds: float, results: Any) -> None:
    web = requests.Session()
    web.headers["Authorization"] = f"Bearer {token}"
    issued = failed = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        response = web.post(f"{url}/api/v1/tickets", json={"service": "KTP", "channel": "kiosk"},
                            timeout=30)
        if response.status_code == 201:
            issued += 1
        else:
            failed += 1
    results.put((issued, failed))


def measure_issuing(servers: list[LiveServer], token: str, kiosks: int,
                    seconds: float) -> tuple[float, int]:
    results: Any = mp.Queue()
    workers = [mp.Process(target=kiosk, args=(servers[i % len(servers)].url, token, seconds,
                                              results)) for i in range(kiosks)]
    for worker in workers:
        worker.start()
    totals = [results.get() for _ in workers]
    for worker in workers:
        worker.join()
    return sum(t[0] for t in totals) / seconds, sum(t[1] for t in totals)


# --- screens -------------------------------------------------------------------------------

def screens(urls: list[str], token: str, count: int, ready: Any, seen: Any, stop: Any) -> None:
    import socketio

    clients = []
    for i in range(count):
        client = socketio.Client(reconnection=False)

        def on_called(data: Any) -> None:
            seen.put((data["ticket"]["id"], time.monotonic()))

        client.on("called", on_called, namespace="/display")
        client.connect(urls[i % len(urls)], namespaces=["/display"], transports=["websocket"],
                       auth={"token": token}, wait_timeout=60)
        clients.append(client)
        ready.put(1)
    stop.wait()
    for client in clients:
        client.disconnect()


def measure_latency(servers: list[LiveServer], display_token: str, petugas: dict[str, str],
                    screen_count: int, processes: int, calls: int) -> dict[str, float]:
    ready, seen, stop = mp.Queue(), mp.Queue(), mp.Event()
    urls = [server.url for server in servers]
    per_process = screen_count // processes
    workers = [mp.Process(target=screens, args=(urls, display_token, per_process, ready, seen,
                                                stop)) for _ in range(processes)]
    started = time.monotonic()
    for worker in workers:
        worker.start()
    for _ in range(per_process * processes):
        ready.get(timeout=300)
    connect_seconds = time.monotonic() - started
    rss_connected = [rss_mib(server) for server in servers]
    latencies: list[float] = []
    for i in range(calls):
        caller = servers[i % len(servers)]
        sent = time.monotonic()
        ticket = requests.post(f"{caller.url}/api/v1/counters/1/call-next", headers=petugas,
                               timeout=30).json()
        received = 0
        while received < per_process * processes:
            ticket_id, at = seen.get(timeout=60)
            if ticket_id == ticket["id"]:
                latencies.append(at - sent)
                received += 1
        time.sleep(0.2)
    stop.set()
    for worker in workers:
        worker.join(timeout=60)
    latencies.sort()
    return {
        "screens": per_process * processes,
        "connect_seconds": connect_seconds,
        "p50_ms": statistics.median(latencies) * 1000,
        "p99_ms": latencies[int(len(latencies) * 0.99) - 1] * 1000,
        "max_ms": latencies[-1] * 1000,
        "rss_connected": rss_connected,  # type: ignore[dict-item]
    }


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
        rate, failed = measure_issuing(servers, tokens["kiosk"], args.kiosks, args.seconds)
        petugas = servers[0].login("siti", PASSWORD)
        latency = measure_latency(servers, tokens["display"], petugas, args.screens,
                                  args.screen_processes, args.calls)
        rss_end = [rss_mib(server) for server in servers]
    finally:
        for server in servers:
            server.stop()
    kind = "PostgreSQL + Redis" if message_queue else "SQLite"
    print(f"== {len(servers)} process(es), {kind}, eventlet; {os.cpu_count()} CPUs shared "
          "with the kiosk and screen clients ==")
    print(f"issuing: {rate:.1f} tickets/s with {args.kiosks} concurrent kiosks "
          f"over {args.seconds:.0f} s ({failed} failed)")
    print(f"call-to-display: {latency['screens']} screens (connected in "
          f"{latency['connect_seconds']:.1f} s), {args.calls} calls: p50 "
          f"{latency['p50_ms']:.0f} ms, p99 {latency['p99_ms']:.0f} ms, "
          f"max {latency['max_ms']:.0f} ms")
    for i in range(len(servers)):
        print(f"server {i + 1} RSS: idle {rss_idle[i]:.0f} MiB, with screens "
              f"{latency['rss_connected'][i]:.0f} MiB, "  # type: ignore[index]
              f"at the end {rss_end[i]:.0f} MiB")


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

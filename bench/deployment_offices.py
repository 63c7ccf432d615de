"""A deployment of many offices on two server processes: opening the offices, and calls on
every office's TVs, beside a bare Flask-SocketIO server with the same clients (`make
bench-deployment`).

    python -m bench.deployment_offices [--offices 100] [--screens-per-office 10]
        [--screen-processes 8] [--calls 100] [--hold SECONDS] [--postgres URL] [--redis URL]

Two Antrean processes (run.py, eventlet) on one fresh PostgreSQL database with Redis between
them; each office has 5 loket. The offices are registered after the processes started (as
/admin/daftar-kantor does), so the first request of each office on each process opens it:
that time is measured. Every office gets its TVs, half connected to each process at
/kantor/<code>/socket.io. Then the petugas of office after office call (every other call on
the other process); for each call: the time until each of the office's screens hears it
(monotonic clock), screens that never did, and any call a screen of another office heard
(must be 0). Server CPU per call from /proc/<pid>/stat (and, in brackets, how much of it the
process spends anyway, measured over 10 s with the screens connected and no calls), RSS of
each process. The floor: the
same screens on a bare Flask-SocketIO server (bench.floor_servers), one room per office.
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import requests

from antrean.cli import deployment_offices
from antrean.usecases.access.accounts import create_user
from antrean.usecases.access.devices import create_device
from antrean.usecases.setup.offices import register_office
from bench.hot_path import floor_server, percentile
from bench.proc_cpu import CpuMeter, rss_mib
from bench.screens import ScreenWorkers, Target
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import PASSWORD, LiveServer

LOKET = 5
CONFIG = """
[office]
name = "Kabupaten Bench (induk)"
timezone = "Asia/Makassar"

[server]
async_mode = "eventlet"
message_queue = "{message_queue}"
message_queue_channel = "{channel}"
secret_key_file = "{directory}/secret_key"
ticket_rate_limit_per_minute = 100000

[deployment]
name = "Pemerintah Kabupaten Bench"

[[services]]
code = "KTP"
name = "KTP-el"
prefix = "A"

[[services]]
code = "KK"
name = "Kartu Keluarga"
prefix = "B"
""" + "".join(f'\n[[counters]]\nnumber = {n}\nname = "Loket {n}"\nservices = ["KTP", "KK"]\n'
              for n in range(1, LOKET + 1))

IDLE_SECONDS = 10.0
Call = tuple[str, Callable[[], str]]  # the office calling, and what makes the call


@dataclass
class Opening:
    wall_seconds: float  # first request of every office, one after the other
    first: list[float]  # ms, each office's first request
    warm: list[float]  # ms, the same request again
    rss_before: float
    rss_after: float


@dataclass
class CallFigures:
    connected: int
    refused: int
    connect_seconds: float
    deliveries: list[float]  # ms, every (call, screen of the calling office)
    lasts: list[float]  # ms, until the calling office's last screen
    missed: int  # (call, screen of the calling office) never heard within the wait
    cross: int  # calls heard by a screen of another office (or twice)
    cpu_ms: list[float]  # per call, per server process
    idle_ms: list[float]  # of that, what the process spends per call's time with no calls
    idle_per_second: list[float]  # ms of CPU per second, screens connected and no calls
    rss: list[float]  # MiB per server process, screens connected

    def text(self) -> str:
        cpu = " + ".join(f"{ms:.1f} (idle {idle:.1f})"
                         for ms, idle in zip(self.cpu_ms, self.idle_ms, strict=True))
        rss = " + ".join(f"{mib:.0f}" for mib in self.rss)
        idle = " + ".join(f"{ms:.0f}" for ms in self.idle_per_second)
        return (f"{self.connected} screens ({self.refused} refused) in "
                f"{self.connect_seconds:.1f} s; call -> screen p50 "
                f"{percentile(self.deliveries, 0.5):.1f} ms, p99 "
                f"{percentile(self.deliveries, 0.99):.1f} ms; -> office's last screen p50 "
                f"{percentile(self.lasts, 0.5):.1f} ms, p99 {percentile(self.lasts, 0.99):.1f} "
                f"ms; {self.missed} missed; {self.cross} cross-office deliveries; CPU {cpu} "
                f"ms/call; idle CPU {idle} ms/s; RSS {rss} MiB")


def screen_targets(ports: list[int], offices: list[tuple[str, str, str]], per_office: int,
                   processes: int) -> list[list[Target]]:
    """Screens of every office (code, token, Socket.IO path), the office's screens alternately
    on each port, the screens dealt round the client processes."""
    counts: dict[tuple[int, int, int], int] = {}
    for o in range(len(offices)):
        for j in range(per_office):
            key = ((o * per_office + j) % processes, j % len(ports), o)
            counts[key] = counts.get(key, 0) + 1
    targets: list[list[Target]] = [[] for _ in range(processes)]
    for (worker, port, o), count in sorted(counts.items()):
        code, token, path = offices[o]
        targets[worker].append(Target(ports[port], token, count, path, code))
    return targets


def measure_calls(targets: list[list[Target]], pids: list[int], calls: list[Call],
                  per_office: int, hold: float = 0.0) -> CallFigures:
    fleet = ScreenWorkers()
    fleet.start_workers(targets)
    try:
        if hold > 0:  # screens connected and idle: time to attach a profiler (py-spy)
            print(f"holding {hold:.0f} s idle; server pids {' '.join(map(str, pids))}",
                  flush=True)
            time.sleep(hold)
        rss = [rss_mib(pid) for pid in pids]
        deliveries: list[float] = []
        lasts: list[float] = []
        missed = cross = 0
        idle = [CpuMeter(pid).start() for pid in pids]
        time.sleep(IDLE_SECONDS)  # screens connected, no calls: the processes' own work
        idle_per_second = [meter.stop() / IDLE_SECONDS for meter in idle]
        meters = [CpuMeter(pid).start() for pid in pids]
        started = time.monotonic()
        for code, call in calls:
            sent = time.monotonic()
            number = call()
            heard: list[float] = []
            deadline = sent + 10
            while len(heard) < per_office:
                batch = fleet.heard(deadline - time.monotonic())
                if batch is None:
                    break
                for label, got, at in batch:
                    if (label, got) == (code, number) and len(heard) < per_office:
                        heard.append((at - sent) * 1000)
                    else:
                        cross += 1
            deliveries += heard
            missed += per_office - len(heard)
            if heard:
                lasts.append(max(heard))
            time.sleep(0.05)
        for meter in meters:
            meter.stop()
        idle_ms = [cpu * (time.monotonic() - started) * 1000 / len(calls)
                   for cpu in idle_per_second]
        while (batch := fleet.heard(2.0)) is not None:  # anything late is heard by nobody
            cross += len(batch)
    finally:
        fleet.close()
    return CallFigures(fleet.connected, fleet.refused, fleet.connect_seconds, deliveries,
                       lasts, missed, cross, [meter.ms_per(len(calls)) for meter in meters],
                       idle_ms, [cpu * 1000 for cpu in idle_per_second], rss)


def open_offices(server: LiveServer, codes: list[str]) -> Opening:
    assert server.process is not None
    rss_before = rss_mib(server.process.pid)
    web = requests.Session()
    started = time.monotonic()
    first = [_timed_get(web, f"{server.url}/kantor/{code}/api/v1/services") for code in codes]
    wall = time.monotonic() - started
    warm = [_timed_get(web, f"{server.url}/kantor/{code}/api/v1/services") for code in codes]
    return Opening(wall, first, warm, rss_before, rss_mib(server.process.pid))


def _timed_get(web: requests.Session, url: str) -> float:
    sent = time.monotonic()
    web.get(url, timeout=60).raise_for_status()
    return (time.monotonic() - sent) * 1000


def antrean_calls(servers: list[LiveServer], codes: list[str], calls: int) -> list[Call]:
    """The petugas of office after office calls, every other call through the other process;
    each calling office has one ticket waiting per call it makes."""
    found: list[Call] = []
    for i in range(calls):
        code, server = codes[i % len(codes)], servers[i % len(servers)]
        base = f"{server.url}/kantor/{code}/api/v1"
        requests.post(f"{base}/tickets", json={"service": "KTP"}, timeout=30).raise_for_status()
        login = requests.post(f"{base}/auth/login", timeout=30,
                              json={"username": "petugas", "password": PASSWORD})
        web = requests.Session()
        web.headers["Authorization"] = f"Bearer {login.json()['token']}"

        def call(web: requests.Session = web, base: str = base) -> str:
            return str(web.post(f"{base}/counters/1/call-next", timeout=30).json()["number"])
        found.append((code, call))
    return found


def floor_calls(url: str, codes: list[str], calls: int) -> list[Call]:
    web = requests.Session()

    def call_in(code: str, i: int) -> Call:
        number = f"F-{i:04d}-{uuid.uuid4().hex[:4]}"
        return code, lambda: _broadcast(web, url, code, number)
    return [call_in(codes[i % len(codes)], i) for i in range(calls)]


def _broadcast(web: requests.Session, url: str, room: str, number: str) -> str:
    web.post(f"{url}/broadcast", json={"room": room, "ticket": {"number": number}}, timeout=30)
    return number


def run(args: argparse.Namespace, database_url: str, directory: Path) -> None:
    config = directory / "config.toml"
    config.write_text(CONFIG.format(message_queue=args.redis, directory=directory,
                                    channel=f"bench-{uuid.uuid4().hex[:6]}"), encoding="utf-8")
    servers = [LiveServer(config, database_url) for _ in range(2)]
    codes = [f"kantor-{i:03d}" for i in range(1, args.offices + 1)]
    try:
        for server in servers:
            server.start()
        root = servers[0].office
        for i, code in enumerate(codes, 1):  # as /admin/daftar-kantor registers an office
            register_office(root, {"code": code, "name": f"Kecamatan Bench {i}",
                                   "timezone": "Asia/Makassar"})
        openings = [open_offices(server, codes) for server in servers]
        tokens = {}
        for entry, office in deployment_offices(root):
            create_user(office, "petugas", PASSWORD, "petugas")
            tokens[entry.code] = create_device(office, "TV bench", "display")[1]
        pids = [server.process.pid for server in servers if server.process is not None]
        offices = [(code, tokens[code], f"/kantor/{code}/socket.io") for code in codes]
        targets = screen_targets([server.port for server in servers], offices,
                                 args.screens_per_office, args.screen_processes)
        antrean = measure_calls(targets, pids, antrean_calls(servers, codes, args.calls),
                                args.screens_per_office, args.hold)
        rss_end = [rss_mib(pid) for pid in pids]
    finally:
        for server in servers:
            server.stop()
    with floor_server() as floor:
        assert floor.process is not None
        rooms = [(code, code, "/socket.io") for code in codes]  # the token names the room
        floor_targets = screen_targets([floor.port], rooms, args.screens_per_office,
                                       args.screen_processes)
        bare = measure_calls(floor_targets, [floor.process.pid],
                             floor_calls(floor.url, codes, args.calls), args.screens_per_office)
    report(args, openings, antrean, rss_end, bare)


def report(args: argparse.Namespace, openings: list[Opening], antrean: CallFigures,
           rss_end: list[float], bare: CallFigures) -> None:
    print(f"== {args.offices} offices x {LOKET} loket x {args.screens_per_office} screens; "
          f"2 processes, eventlet, PostgreSQL + Redis; {os.cpu_count()} CPUs shared with "
          f"{args.screen_processes} screen client processes ==")
    for i, opening in enumerate(openings, 1):
        print(f"server {i}: opened {args.offices} offices in {opening.wall_seconds:.1f} s "
              f"(first request per office p50 {percentile(opening.first, 0.5):.0f} ms, max "
              f"{max(opening.first):.0f} ms; warm p50 {percentile(opening.warm, 0.5):.1f} ms); "
              f"RSS {opening.rss_before:.0f} -> {opening.rss_after:.0f} MiB "
              f"({(opening.rss_after - opening.rss_before) / args.offices:.2f} MiB/office)")
    print(f"{args.calls} calls, office after office, alternating processes:")
    print(f"  antrean: {antrean.text()}; RSS at the end "
          + " + ".join(f"{mib:.0f}" for mib in rss_end) + " MiB")
    print(f"  floor:   {bare.text()}  (one bare process, one room per office)")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--offices", type=int, default=100)
    parser.add_argument("--screens-per-office", type=int, default=10)
    parser.add_argument("--screen-processes", type=int, default=8)
    parser.add_argument("--calls", type=int, default=100)
    parser.add_argument("--hold", type=float, default=0.0,
                        help="seconds to keep the screens connected and idle before the "
                             "measures, printing the server pids (to attach py-spy)")
    parser.add_argument("--postgres", default=os.environ.get(
        "ANTREAN_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--redis", default=os.environ.get("ANTREAN_TEST_REDIS_URL",
                                                          "redis://127.0.0.1:6379/0"))
    args = parser.parse_args(argv)
    with fresh_postgres_database(args.postgres) as url, \
            tempfile.TemporaryDirectory(prefix="antrean-bench-") as scratch:
        run(args, url, Path(scratch))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

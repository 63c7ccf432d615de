"""The hot path, figure by figure, beside the stack's floor in the same run (`make bench`).

    python -m bench.hot_path [--only tickets,reads,screens,cluster-screens] [--seconds 8]
                             [--profile DIR]

One Antrean process (run.py, eventlet, SQLite) and one bare Flask-SocketIO server
(bench.floor_servers) are driven by the same clients: lean keep-alive HTTP clients, one
process each, and asyncio screen clients spread over several processes. For each figure it
prints the figure, the server's CPU per request (/proc/<pid>/stat utime+stime before and
after, divided by the requests) and the floor. With --profile, py-spy records the Antrean
process (`record -f raw`) while the kiosks issue. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import requests

from bench.http_load import Load, LoadResult, run_load
from bench.proc_cpu import CpuMeter, rss_mib
from bench.screens import ScreenFleet
from tests.support.live_server import PASSWORD, REPO_ROOT, LiveServer, free_port

CONFIG = """
[office]
name = "Kecamatan Bench"
timezone = "Asia/Makassar"

[server]
async_mode = "eventlet"
secret_key_file = "{directory}/secret_key"

[[services]]
code = "KTP"
name = "KTP-el"
prefix = "A"

[[services]]
code = "KK"
name = "Kartu Keluarga"
prefix = "B"

[[counters]]
number = 1
name = "Loket 1"
services = ["KTP"]
{more_counters}
"""

COUNTERS = 8  # loket in the bench office: the snapshot's cost must not grow with them


@dataclass
class Floor:
    port: int
    process: subprocess.Popen[bytes]

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@contextmanager
def floor_server() -> Iterator[Floor]:
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "bench.floor_servers", "--port", str(port)],
                               cwd=REPO_ROOT, stdout=subprocess.DEVNULL)
    floor = Floor(port, process)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if requests.get(f"{floor.url}/api/v1/services", timeout=1).ok:
                    break
            except requests.RequestException:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        yield floor
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def antrean_server(directory: Path) -> Iterator[tuple[LiveServer, dict[str, str]]]:
    more = "".join(f'\n[[counters]]\nnumber = {n}\nname = "Loket {n}"\nservices = ["KK"]\n'
                   for n in range(2, COUNTERS + 1))
    config = directory / "config.toml"
    config.write_text(CONFIG.format(directory=directory, more_counters=more), encoding="utf-8")
    server = LiveServer(config, f"sqlite:///{directory / 'antrean.sqlite3'}")
    server.create_user("siti", PASSWORD, "petugas")
    tokens = {role: server.create_device(role, f"bench {role}") for role in ("kiosk", "display")}
    server.start()
    try:
        tokens.update(server.login("siti", PASSWORD))
        yield server, tokens
    finally:
        server.stop()


def pid_of(server: LiveServer | Floor) -> int:
    assert server.process is not None
    return server.process.pid


@contextmanager
def profiled(pid: int, out: Path | None, name: str) -> Iterator[None]:
    if out is None:
        yield
        return
    out.mkdir(parents=True, exist_ok=True)
    py_spy = str(Path(sys.executable).with_name("py-spy"))  # pip install py-spy
    spy = subprocess.Popen([py_spy, "record", "-f", "raw", "-r", "200", "-p", str(pid),
                            "-o", str(out / f"{name}.txt")],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        yield
    finally:
        spy.send_signal(2)  # SIGINT: py-spy writes what it has and stops
        spy.wait(timeout=30)


def measured(pid: int, port: int, load: Load, clients: int,
             seconds: float) -> tuple[LoadResult, float]:
    meter = CpuMeter(pid).start()
    result = run_load(port, load, clients, seconds)
    meter.stop()
    return result, meter.ms_per(result.requests)


def line(label: str, result: LoadResult, cpu_ms: float) -> str:
    return (f"  {label:<34} {result.rate:8.0f}/s  p50 {result.percentile_ms(0.5):6.1f} ms  "
            f"p99 {result.percentile_ms(0.99):6.1f} ms  CPU {cpu_ms:5.2f} ms/req  "
            f"({result.requests} ok, {result.failures} failed, {result.wall_seconds:.1f} s)")


def bench_tickets(server: LiveServer, tokens: dict[str, str], floor: Floor,
                  args: argparse.Namespace) -> None:
    for lean, clients in ((False, "requests.Session clients, as the issue's table"),
                          (True, "lean keep-alive clients: the server's own ceiling")):
        print(f"POST /api/v1/tickets, {args.kiosks} kiosks (paired token, fresh request_key), "
              f"{clients}:")
        kiosk = Load("POST", "/api/v1/tickets", {"service": "KTP", "channel": "kiosk"},
                     (("Authorization", f"Bearer {tokens['kiosk']}"),),
                     fresh_request_key=True, lean=lean)
        with profiled(pid_of(server), args.profile if lean else None, "issue"):
            result, cpu = measured(pid_of(server), server.port, kiosk, args.kiosks,
                                   args.seconds)
        print(line("antrean", result, cpu))
        bare = Load("POST", "/api/v1/tickets", {"service": "KTP", "channel": "kiosk"},
                    (("Authorization", "Bearer x"),), fresh_request_key=True, lean=lean)
        floor_result, floor_cpu = measured(pid_of(floor), floor.port, bare, args.kiosks,
                                           args.seconds)
        print(line("floor (bare endpoint, 201)", floor_result, floor_cpu))
        print(f"  -> {100 * result.rate / floor_result.rate:.0f}% of the floor's rate")


def bench_reads(server: LiveServer, floor: Floor, args: argparse.Namespace) -> None:
    for path in ("/api/v1/services", "/api/v1/queue"):
        print(f"GET {path}, {args.kiosks} clients:")
        with profiled(pid_of(server), args.profile, path.rsplit("/", 1)[1]):
            result, cpu = measured(pid_of(server), server.port, Load("GET", path),
                                   args.kiosks, args.seconds)
        print(line("antrean", result, cpu))
        floor_result, floor_cpu = measured(pid_of(floor), floor.port, Load("GET", path),
                                           args.kiosks, args.seconds)
        print(line("floor (bare endpoint)", floor_result, floor_cpu))


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] if ordered else \
        float("nan")


@dataclass
class CallFigures:
    screens: int
    connect_seconds: float
    refused: int
    deliveries_p50: float
    deliveries_p99: float
    last_p50: float
    last_p99: float
    missing: int
    cpu_ms_per_call: float
    rss: float

    def text(self) -> str:
        return (f"connect {self.connect_seconds:5.2f} s ({self.refused} refused); call -> "
                f"screen p50 {self.deliveries_p50:5.1f} ms, p99 {self.deliveries_p99:6.1f} ms; "
                f"-> last screen p50 {self.last_p50:6.1f} ms, p99 {self.last_p99:6.1f} ms; "
                f"{self.missing} missed; CPU {self.cpu_ms_per_call:6.1f} ms/call; "
                f"RSS {self.rss:.0f} MiB")


def measure_calls(port: int, pid: int, token: str, screens: int, processes: int, calls: int,
                  call: Callable[[int], str]) -> CallFigures:
    fleet = ScreenFleet(port, token, screens, processes).start()
    try:
        rss = rss_mib(pid)
        deliveries: list[float] = []
        lasts: list[float] = []
        missing = 0
        meter = CpuMeter(pid).start()
        for i in range(calls):
            sent = time.monotonic()
            number = call(i)
            arrivals = fleet.wait_for(number)
            missing += fleet.connected - len(arrivals)
            deliveries += [(at - sent) * 1000 for at in arrivals]
            if arrivals:
                lasts.append((max(arrivals) - sent) * 1000)
            time.sleep(0.05)
        meter.stop()
    finally:
        fleet.close()
    return CallFigures(fleet.connected, fleet.connect_seconds, fleet.refused,
                       percentile(deliveries, 0.5), percentile(deliveries, 0.99),
                       percentile(lasts, 0.5), percentile(lasts, 0.99), missing,
                       meter.ms_per(calls), rss)


def antrean_caller(server: LiveServer, tokens: dict[str, str],
                   calls: int) -> Callable[[int], str]:
    for _ in range(calls):
        requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"},
                      headers={"Authorization": f"Bearer {tokens['kiosk']}"}, timeout=30)
    web = requests.Session()
    web.headers["Authorization"] = tokens["Authorization"]

    def call(_: int) -> str:
        answer = web.post(f"{server.url}/api/v1/counters/1/call-next", timeout=30)
        return str(answer.json()["number"])
    return call


def floor_caller(floor: Floor) -> Callable[[int], str]:
    web = requests.Session()

    def call(i: int) -> str:
        number = f"F-{i:04d}-{uuid.uuid4().hex[:4]}"
        web.post(f"{floor.url}/broadcast", json={"ticket": {"number": number}}, timeout=30)
        return number
    return call


def bench_screens(server: LiveServer, tokens: dict[str, str], floor: Floor,
                  args: argparse.Namespace, sizes: list[tuple[int, int]]) -> None:
    for screens, processes in sizes:
        print(f"call -> {screens} screens in {processes} client processes, {args.calls} calls:")
        with profiled(pid_of(server), args.profile, f"calls-{screens}"):
            figures = measure_calls(server.port, pid_of(server), tokens["display"], screens,
                                    processes, args.calls,
                                    antrean_caller(server, tokens, args.calls))
        print(f"  antrean: {figures.text()}")
        echo = measure_calls(floor.port, pid_of(floor), "x", screens, processes, args.calls,
                             floor_caller(floor))
        print(f"  echo:    {echo.text()}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="tickets,reads,screens,cluster-screens")
    parser.add_argument("--screens", default="48:4,500:8,1000:8",
                        help="screens:processes for the call figures")
    parser.add_argument("--kiosks", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--calls", type=int, default=40)
    parser.add_argument("--profile", type=Path, default=None,
                        help="write py-spy raw profiles of the server here")
    args = parser.parse_args(argv)
    only = set(args.only.split(","))
    print(f"== Antrean hot path: 1 process, eventlet, SQLite, {COUNTERS} loket; "
          f"{os.cpu_count()} CPUs shared with the clients ==")
    with tempfile.TemporaryDirectory(prefix="antrean-bench-") as scratch, \
            antrean_server(Path(scratch)) as (server, tokens), floor_server() as floor:
        print(f"server RSS idle: {rss_mib(pid_of(server)):.0f} MiB; floor "
              f"{rss_mib(pid_of(floor)):.0f} MiB")
        if "tickets" in only:
            bench_tickets(server, tokens, floor, args)
        if "reads" in only:
            bench_reads(server, floor, args)
        if "screens" in only:
            sizes = [tuple(int(n) for n in size.split(":")) for size in args.screens.split(",")]
            bench_screens(server, tokens, floor, args, sizes)  # type: ignore[arg-type]
        if "cluster-screens" in only:
            bench_screens(server, tokens, floor, args, [(200, 4)])
        print(f"server RSS at the end: {rss_mib(pid_of(server)):.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

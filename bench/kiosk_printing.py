"""How long printer failures take to be noticed, and what a printer costs the kiosk's answer.

    python -m bench.kiosk_printing [--repeats 5] [--tickets 100] [--async-mode eventlet]

1. Per failure kind (refused, silent, stalled, hang-up, trickle, unroutable), the time until
   the network printer raises, against its configured 1 s budget. The tests in
   tests/printing assert only the error; these are the figures.
2. A real server (run.py, SQLite): the round trip of POST /api/v1/tickets from a kiosk with a
   healthy printer, a refused one (dead) and one that accepts and never reads (stalled), next to
   the bare GET /api/v1/services floor, with the server's CPU per request from /proc/<pid>/stat.
   Printing runs after the answer, so the three should match. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import requests

from antrean.config import PrinterSettings
from antrean.printing import PrinterError, make_printer
from antrean.printing.network import NetworkTransport
from antrean.printing.sample import sample_slip
from tests.support.configs import write_config
from tests.support.fake_printers import (
    closed_port,
    hanging_up_printer,
    printer_at,
    printer_config,
    silent_printer,
    stalled_printer,
    trickling_printer,
)
from tests.support.live_server import LiveServer, free_port

BUDGET = 1.0
TICKS = os.sysconf("SC_CLK_TCK")


def figures(label: str, seconds: list[float], note: str = "") -> None:
    ms = sorted(s * 1000 for s in seconds)
    p90 = ms[max(0, int(len(ms) * 0.9) - 1)]
    print(f"  {label:<38} n={len(ms):<4} median {statistics.median(ms):8.1f} ms   "
          f"p90 {p90:8.1f} ms   max {ms[-1]:8.1f} ms{note}")


# --- 1. printer failures --------------------------------------------------------------------

def time_failure(action: Callable[[], None]) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        action()
    except PrinterError as error:
        return time.perf_counter() - started, error.code
    return time.perf_counter() - started, "no error"


def slip_to(port: int, host: str = "127.0.0.1") -> Callable[[], None]:
    printer = make_printer(PrinterSettings(kind="network", host=host, port=port,
                                           timeout_seconds=BUDGET))
    slip = sample_slip("Kecamatan Bench", "Asia/Makassar", ("Layanan ini GRATIS",),
                       "http://127.0.0.1:5000")
    return lambda: printer.print_slip(slip)


def bench_failures(repeats: int) -> None:
    print(f"printer failures, budget {BUDGET:g} s per job:")

    def repeat(label: str, run: Callable[[], tuple[float, str]]) -> None:
        results = [run() for _ in range(repeats)]
        codes = sorted({code for _, code in results})
        figures(label, [took for took, _ in results], f"   ({', '.join(codes)})")

    repeat("refused connection", lambda: time_failure(slip_to(closed_port())))

    def with_printer(fake: Callable[[], AbstractContextManager[int]],
                     job: Callable[[int], Callable[[], None]]) -> tuple[float, str]:
        with fake() as port:
            return time_failure(job(port))

    repeat("silent (never reads)", lambda: with_printer(silent_printer, slip_to))
    repeat("stalls mid-ticket", lambda: with_printer(stalled_printer, slip_to))
    repeat("hangs up mid-ticket", lambda: with_printer(hanging_up_printer, slip_to))

    def big_job(port: int) -> Callable[[], None]:
        transport = NetworkTransport("127.0.0.1", port, BUDGET, confirm_status=False)
        return lambda: transport.send(b"x" * 32_000_000)

    repeat("trickle, 32 MB job", lambda: with_printer(trickling_printer, big_job))
    repeat("unroutable 192.0.2.1", lambda: time_failure(slip_to(9100, "192.0.2.1")))


# --- 2. the kiosk's answer ------------------------------------------------------------------

def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def measured(server: LiveServer, label: str, request: Callable[[], requests.Response],
             count: int) -> None:
    assert server.process is not None
    cpu_before = cpu_seconds(server.process.pid)
    spent, failed = [], 0
    for _ in range(count):
        started = time.perf_counter()
        response = request()
        spent.append(time.perf_counter() - started)
        failed += not response.ok
    cpu = cpu_seconds(server.process.pid) - cpu_before
    figures(label, spent, f"   server CPU {1000 * cpu / count:5.2f} ms/request"
            + (f", {failed} failed" if failed else ""))


def bench_kiosk(directory: Path, tickets: int, async_mode: str) -> None:
    print(f"kiosk answer with a printer (run.py {async_mode}, SQLite; printing after the "
          "answer):")
    cases: list[tuple[str, Callable[[int], AbstractContextManager[object]]]] = [
        ("healthy printer", printer_at),
        ("dead printer (refused)", lambda port: _nothing()),
        ("stalled printer", _stalled_at),
    ]
    for label, make_printer_at in cases:
        case_dir = directory / label.split()[0]
        case_dir.mkdir()
        bench_case(label, make_printer_at, case_dir, tickets, async_mode)


def bench_case(label: str, make_printer_at: Callable[[int], AbstractContextManager[object]],
               directory: Path, tickets: int, async_mode: str) -> None:
    port = free_port()
    config = write_config(directory, async_mode=async_mode, quota=100_000,
                          extra_tables=printer_config(port))
    with make_printer_at(port):
        server = LiveServer(config, f"sqlite:///{directory / 'antrean.sqlite3'}").start()
        web = requests.Session()  # a paired kiosk: anonymous requests never print
        web.headers["Authorization"] = f"Bearer {server.create_device('kiosk')}"
        try:
            if label == "healthy printer":
                measured(server, "GET /api/v1/services (floor)",
                         lambda: web.get(f"{server.url}/api/v1/services", timeout=30), tickets)
            measured(server, f"POST /tickets, {label}",
                     lambda: web.post(f"{server.url}/api/v1/tickets", timeout=30,
                                      json={"service": "KTP", "channel": "kiosk"}), tickets)
        finally:
            web.close()
            server.stop()


@contextmanager
def _nothing() -> Iterator[None]:
    yield None


@contextmanager
def _stalled_at(port: int) -> Iterator[None]:
    with socket.create_server(("127.0.0.1", port), backlog=128):
        yield None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--tickets", type=int, default=100)
    parser.add_argument("--async-mode", default="eventlet",
                        choices=["eventlet", "gevent", "threading"])
    args = parser.parse_args()
    bench_failures(args.repeats)
    with tempfile.TemporaryDirectory() as tmp:
        bench_kiosk(Path(tmp), args.tickets, args.async_mode)


if __name__ == "__main__":
    main()

"""What a live test's server costs to start: `python run.py` as a new process, against the same
run.py forked from a process that imported Antrean once (tests/support/server_fork.py), and
the floor of a new process: a Python interpreter importing only what the stack imports first
(Flask, SQLAlchemy, Flask-SocketIO).

    python -m bench.server_start [--starts 10]

Each server starts on a copy of the migrated template (as in the tests), per async mode.
Figures: wall time until /api/v1/services answers, and the server's own CPU by then
(/proc/<pid>/stat), medians. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench.proc_cpu import cpu_seconds
from tests.support.configs import write_config
from tests.support.databases import start_from_migrated
from tests.support.live_server import LiveServer

FLOOR_IMPORTS = "import flask, sqlalchemy, flask_socketio"


def server_starts(async_mode: str, forked: bool, starts: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(starts + 1):  # the first forked start also starts the zygote
        directory = Path(tempfile.mkdtemp(prefix="antrean-bench-"))
        config = write_config(directory, async_mode=async_mode)
        url = f"sqlite:///{directory / 'antrean.sqlite3'}"
        start_from_migrated(url)
        server = LiveServer(config=config, database_url=url, forked=forked)
        began = time.perf_counter()
        server.start()
        walls.append(time.perf_counter() - began)
        assert server.process is not None
        cpus.append(cpu_seconds(server.process.pid))
        server.stop()
    return statistics.median(walls[1:]), statistics.median(cpus[1:])


def floor_starts(starts: int) -> tuple[float, float]:
    walls, cpus = [], []
    for _ in range(starts):
        began = time.perf_counter()
        pid = os.posix_spawn(sys.executable, [sys.executable, "-c", FLOOR_IMPORTS], os.environ)
        _, _, usage = os.wait4(pid, 0)
        walls.append(time.perf_counter() - began)
        cpus.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=10)
    args = parser.parse_args()
    print(f"{'start':58} {'wall to ready':>14} {'CPU':>8}")
    wall, cpu = floor_starts(args.starts)
    print(f"{'floor: python -c ' + repr(FLOOR_IMPORTS):58} {wall * 1000:11.0f} ms "
          f"{cpu * 1000:5.0f} ms")
    for async_mode in ("threading", "eventlet"):
        for forked in (False, True):
            wall, cpu = server_starts(async_mode, forked, args.starts)
            label = f"{async_mode}: " + ("forked from the zygote" if forked
                                         else "python run.py, a new process")
            print(f"{label:58} {wall * 1000:11.0f} ms {cpu * 1000:5.0f} ms")


if __name__ == "__main__":
    main()

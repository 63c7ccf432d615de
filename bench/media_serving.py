"""Lobby media: uploading a video, and what a TV playing it costs the server.

    python -m bench.media_serving [--megabytes 50] [--only sqlite|postgres]

Per database (a fresh SQLite file, a fresh PostgreSQL database), a real server (run.py,
threading mode): an admin uploads an MP4 of N MB through /admin/media; then the first
GET /media/<name> (the process copies the bytes from the database to its disk), the 1 MB
Range requests a browser makes while a video plays, a revalidation (304) and the TV's
playlist. Wall time per request and server CPU per request (/proc/<pid>/stat). Prints
figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import requests

from bench.proc_cpu import CpuMeter, rss_mib
from tests.support.configs import write_config
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import PASSWORD, LiveServer
from tests.support.media_samples import MP4_HEAD

CHUNK = 1024 * 1024
RANGES = 60


def measure(server: LiveServer, label: str, action: Callable[[], object],
            times: int = 1) -> None:
    assert server.process is not None
    meter = CpuMeter(server.process.pid).start()
    walls = []
    for _ in range(times):
        started = time.perf_counter()
        action()
        walls.append(time.perf_counter() - started)
    cpu_ms = meter.stop() * 1000 / times
    print(f"  {label:<44} n={times:<3} wall median {statistics.median(walls) * 1000:8.1f} ms"
          f"   server CPU {cpu_ms:7.1f} ms/request")


@contextmanager
def server_on(url: str | None, directory: Path) -> Iterator[LiveServer]:
    config = write_config(directory)
    server = LiveServer(config, url or f"sqlite:///{directory / 'antrean.sqlite3'}").start()
    try:
        server.create_user("kepala", PASSWORD, "admin")
        yield server
    finally:
        server.stop()


def bench(name: str, url: str | None, megabytes: int) -> None:
    video = MP4_HEAD + os.urandom(megabytes * CHUNK - len(MP4_HEAD))
    print(f"{name}: a {megabytes} MB MP4")
    with tempfile.TemporaryDirectory() as folder, server_on(url, Path(folder)) as server:
        admin = server.web_session("kepala", PASSWORD)

        def upload() -> None:
            sent = admin.post(f"{server.url}/admin/media", allow_redirects=False, timeout=300,
                              files={"file": ("promo.mp4", video, "video/mp4")},
                              data={"active": "1"})
            assert sent.status_code == 302, sent.text[:300]

        measure(server, "upload through /admin/media", upload)
        media = f"{server.url}/media/promo.mp4"
        tv = requests.Session()
        measure(server, "first GET (database -> process's disk copy)",
                lambda: tv.get(media, headers={"Range": "bytes=0-1048575"}, timeout=300))
        offsets = [(i * 7919 % megabytes) * CHUNK for i in range(RANGES)]
        ranges = iter(offsets)

        def next_range() -> None:
            start = next(ranges)
            got = tv.get(media, headers={"Range": f"bytes={start}-{start + CHUNK - 1}"},
                         timeout=60)
            assert got.status_code == 206 and len(got.content) == CHUNK

        measure(server, "1 MB Range request while playing", next_range, RANGES)
        etag = tv.head(media, timeout=10).headers["ETag"]
        measure(server, "revalidation (If-None-Match -> 304)",
                lambda: tv.get(media, headers={"If-None-Match": etag}, timeout=10), 50)
        measure(server, "GET /api/v1/media/playlist",
                lambda: tv.get(f"{server.url}/api/v1/media/playlist", timeout=10), 50)
        assert server.process is not None
        print(f"  server RSS after: {rss_mib(server.process.pid):.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=50)
    parser.add_argument("--only", choices=("sqlite", "postgres"))
    args = parser.parse_args()
    if args.only != "postgres":
        bench("SQLite", None, args.megabytes)
    if args.only != "sqlite":
        with fresh_postgres_database() as url:
            bench("PostgreSQL", url, args.megabytes)


if __name__ == "__main__":
    main()

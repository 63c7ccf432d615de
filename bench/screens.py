"""Screen clients for the benches: lean Socket.IO-over-websocket clients on asyncio.

Each process holds many screens (no thread per client), signs in with a device token, counts
a screen as connected once its first "snapshot" has arrived, and records when each "called"
event reaches each screen (time.monotonic is one clock for every process of the machine).
The same clients connect to Antrean and to the bare echo server of bench.floor_servers.
"""

from __future__ import annotations

import asyncio
import json
import multiprocessing as mp
import queue
import time
from dataclasses import dataclass, field
from typing import Any

from wsproto import ConnectionType, WSConnection
from wsproto.events import (
    AcceptConnection,
    CloseConnection,
    Ping,
    RejectConnection,
    Request,
    TextMessage,
)

NAMESPACE = "/display"
CONNECTS_AT_ONCE = 50  # per process, like TVs coming back after a power cut, but bounded


@dataclass(frozen=True)
class Target:
    """`count` screens on 127.0.0.1:`port`, Socket.IO at `path` ("/kantor/<code>/socket.io"
    for an office of a deployment), signed in with `token`; their calls are recorded under
    `label` (the office they watch)."""

    port: int
    token: str
    count: int
    path: str = "/socket.io"
    label: str = ""


class _Screen:
    def __init__(self, target: Target, calls: Any) -> None:
        self.target, self.calls = target, calls
        self.ws = WSConnection(ConnectionType.CLIENT)
        self.ready = asyncio.get_running_loop().create_future()
        self.partial = ""
        self.writer: asyncio.StreamWriter | None = None

    async def run(self) -> None:
        port = self.target.port
        reader, self.writer = await asyncio.open_connection("127.0.0.1", port)
        self._send(Request(host=f"127.0.0.1:{port}",
                           target=f"{self.target.path}/?EIO=4&transport=websocket"))
        while True:
            data = await reader.read(65536)
            if not data:
                break
            self.ws.receive_data(data)
            for event in self.ws.events():
                if not self._on(event):
                    return
        if not self.ready.done():
            self.ready.set_exception(ConnectionError("closed before the snapshot"))

    def _send(self, event: Any) -> None:
        assert self.writer is not None
        self.writer.write(self.ws.send(event))

    def _on(self, event: Any) -> bool:
        if isinstance(event, AcceptConnection):
            return True
        if isinstance(event, RejectConnection | CloseConnection):
            if not self.ready.done():
                self.ready.set_exception(ConnectionError(f"refused: {event}"))
            return False
        if isinstance(event, Ping):
            self._send(event.response())
        elif isinstance(event, TextMessage):
            self.partial += event.data
            if event.message_finished:
                message, self.partial = self.partial, ""
                self._on_packet(message)
        return True

    def _on_packet(self, packet: str) -> None:
        if packet.startswith("0"):  # engine.io open: join the namespace with the token
            auth = json.dumps({"token": self.target.token})
            self._send(TextMessage(data=f"40{NAMESPACE},{auth}"))
        elif packet == "2":  # engine.io ping
            self._send(TextMessage(data="3"))
        elif packet.startswith(f"44{NAMESPACE},"):
            if not self.ready.done():
                self.ready.set_exception(ConnectionError(packet))
        elif packet.startswith(f"42{NAMESPACE},"):
            body = packet[len(NAMESPACE) + 3:]
            if body.startswith('["called"'):
                at = time.monotonic()
                number = json.loads(body)[1]["ticket"]["number"]
                self.calls.append((self.target.label, number, at))
            elif body.startswith('["snapshot"') and not self.ready.done():
                self.ready.set_result(time.monotonic())


async def _hold(targets: list[Target], start_at: float, report: Any, stop: Any) -> None:
    calls: list[tuple[str, str, float]] = []
    while time.monotonic() < start_at:
        await asyncio.sleep(0.001)
    gate = asyncio.Semaphore(CONNECTS_AT_ONCE)
    tasks = []

    async def connect_one(target: Target) -> float:
        async with gate:
            screen = _Screen(target, calls)
            tasks.append(asyncio.create_task(screen.run()))
            return float(await asyncio.wait_for(screen.ready, timeout=60))

    ready = await asyncio.gather(*(connect_one(target) for target in targets
                                   for _ in range(target.count)), return_exceptions=True)
    connected = [t for t in ready if isinstance(t, float)]
    report.put(("ready", len(connected), len(ready) - len(connected),
                max(connected) if connected else float("nan")))
    while not stop.is_set():
        await asyncio.sleep(0.02)
        if calls:
            report.put(("calls", calls[:]))
            calls.clear()
    for task in tasks:
        task.cancel()


def _process(targets: list[Target], start_at: float, report: Any, stop: Any) -> None:
    asyncio.run(_hold(targets, start_at, report, stop))


@dataclass(kw_only=True)
class ScreenWorkers:
    """Screen processes, one per list of targets, connected from one common start; the
    "called" events they hear arrive as (label, ticket number, monotonic time)."""

    report: Any = field(default_factory=mp.Queue)
    stop: Any = field(default_factory=mp.Event)
    workers: list[Any] = field(default_factory=list)
    connected: int = 0
    refused: int = 0
    connect_seconds: float = float("nan")

    def start_workers(self, per_process: list[list[Target]]) -> None:
        start_at = time.monotonic() + 1.5
        self.workers = [mp.Process(target=_process, daemon=True, args=(
            targets, start_at, self.report, self.stop)) for targets in per_process]
        for worker in self.workers:
            worker.start()
        last = start_at
        for _ in self.workers:
            kind, *rest = self._next(timeout=120)
            while kind != "ready":
                kind, *rest = self._next(timeout=120)
            connected, refused, at = rest
            self.connected += connected
            self.refused += refused
            if connected:
                last = max(last, at)
        self.connect_seconds = last - start_at

    def _next(self, timeout: float) -> Any:
        try:
            return self.report.get(timeout=timeout)
        except queue.Empty as exc:
            raise TimeoutError("screen processes stopped reporting") from exc

    def heard(self, timeout: float) -> list[tuple[str, str, float]] | None:
        """The next batch of calls heard, or None when none came within `timeout`."""
        try:
            kind, *rest = self.report.get(timeout=max(0.0, timeout))
        except queue.Empty:
            return None
        return list(rest[0]) if kind == "calls" else []

    def close(self) -> None:
        self.stop.set()
        for worker in self.workers:
            worker.join(timeout=10)
            if worker.is_alive():
                worker.kill()


@dataclass
class ScreenFleet(ScreenWorkers):
    """`screens` screens of one token on one port over `processes` processes."""

    port: int
    token: str
    screens: int
    processes: int
    arrivals: dict[str, list[float]] = field(default_factory=dict)

    def start(self) -> ScreenFleet:
        shares = [self.screens // self.processes + (i < self.screens % self.processes)
                  for i in range(self.processes)]
        self.start_workers([[Target(self.port, self.token, share)] for share in shares])
        return self

    def wait_for(self, number: str, timeout: float = 10.0) -> list[float]:
        """Arrival times of the "called" event for `number` at every screen (or by timeout)."""
        deadline = time.monotonic() + timeout
        while len(self.arrivals.get(number, [])) < self.connected:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            batch = self.heard(left)
            if batch is None:
                break
            for _, key, at in batch:
                self.arrivals.setdefault(key, []).append(at)
        return self.arrivals.get(number, [])

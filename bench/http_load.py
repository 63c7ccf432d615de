"""A lean HTTP/1.1 keep-alive load client: a few processes, one connection each.

Every client starts at one common moment, runs for a measured wall-clock time, counts
failures (a non-2xx answer, a dropped connection) and never waits on a socket longer than its
timeout, so a run always ends.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import queue
import socket
import time
import uuid
from dataclasses import dataclass
from typing import Any

TIMEOUT = 10.0


@dataclass(frozen=True)
class Load:
    method: str
    path: str
    body: dict[str, Any] | None = None
    headers: tuple[tuple[str, str], ...] = ()
    fresh_request_key: bool = False  # a kiosk sends a new request_key on every tap
    lean: bool = True  # raw keep-alive socket; False: a requests.Session, as most clients are


@dataclass
class LoadResult:
    requests: int
    failures: int
    wall_seconds: float
    latencies: list[float]

    @property
    def rate(self) -> float:
        return self.requests / self.wall_seconds if self.wall_seconds else 0.0

    def percentile_ms(self, fraction: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * fraction))] * 1000


def _request_bytes(load: Load, port: int) -> bytes:
    body = b""
    if load.body is not None:
        payload = dict(load.body)
        if load.fresh_request_key:
            payload["request_key"] = uuid.uuid4().hex
        body = json.dumps(payload).encode()
    lines = [f"{load.method} {load.path} HTTP/1.1", f"Host: 127.0.0.1:{port}",
             "Connection: keep-alive", "Accept: application/json"]
    lines += [f"{name}: {value}" for name, value in load.headers]
    if load.body is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + body


class _Connection:
    def __init__(self, port: int) -> None:
        self.port = port
        self.sock: socket.socket | None = None
        self.buffer = b""

    def exchange(self, request: bytes) -> int:
        """Send one request, read the whole answer; returns the status code."""
        if self.sock is None:
            self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=TIMEOUT)
            self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self.buffer = b""
        self.sock.sendall(request)
        while b"\r\n\r\n" not in self.buffer:
            self._read()
        head, _, rest = self.buffer.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        close = False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"connection" and value.strip().lower() == b"close":
                close = True
        while len(rest) < length:
            rest += self._recv()
        self.buffer = rest[length:]
        if close:
            self.close()
        return status

    def _read(self) -> None:
        self.buffer += self._recv()

    def _recv(self) -> bytes:
        assert self.sock is not None
        chunk = self.sock.recv(65536)
        if not chunk:
            raise ConnectionError("server closed the connection")
        return chunk

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
        self.sock = None


class _RequestsConnection:
    """The same requests through requests.Session (the issue's harness: heavier per call)."""

    def __init__(self, port: int, load: Load) -> None:
        import requests

        self.web = requests.Session()
        self.web.headers.update(dict(load.headers))
        self.url = f"http://127.0.0.1:{port}{load.path}"
        self.load = load

    def exchange(self, _request: bytes) -> int:
        body = None
        if self.load.body is not None:
            body = dict(self.load.body)
            if self.load.fresh_request_key:
                body["request_key"] = uuid.uuid4().hex
        answer = self.web.request(self.load.method, self.url, json=body, timeout=TIMEOUT)
        return int(answer.status_code)

    def close(self) -> None:
        pass


def _client(port: int, load: Load, start_at: float, seconds: float, results: Any) -> None:
    connection: Any = _Connection(port) if load.lean else _RequestsConnection(port, load)
    latencies: list[float] = []
    failures = 0
    request = _request_bytes(load, port)
    while time.monotonic() < start_at:
        time.sleep(0.001)
    deadline = start_at + seconds
    while time.monotonic() < deadline:
        if load.fresh_request_key:
            request = _request_bytes(load, port)
        sent = time.monotonic()
        try:
            status = connection.exchange(request)
        except Exception:  # noqa: BLE001 - any failure is counted, the client goes on
            connection.close()
            failures += 1
            continue
        if 200 <= status < 300:
            latencies.append(time.monotonic() - sent)
        else:
            failures += 1
    connection.close()
    results.put((latencies, failures, time.monotonic()))


def run_load(port: int, load: Load, clients: int, seconds: float) -> LoadResult:
    """`clients` processes hammer one endpoint from one common start for `seconds`."""
    results: Any = mp.Queue()
    start_at = time.monotonic() + 1.0  # time for every process to be up
    workers = [mp.Process(target=_client, args=(port, load, start_at, seconds, results),
                          daemon=True) for _ in range(clients)]
    for worker in workers:
        worker.start()
    latencies: list[float] = []
    failures = 0
    ended = start_at
    for _ in workers:
        try:
            got, failed, finished = results.get(timeout=seconds + TIMEOUT + 30)
        except queue.Empty:
            failures += 1  # a client that never reported counts as failed
            continue
        latencies += got
        failures += failed
        ended = max(ended, finished)
    for worker in workers:
        worker.join(timeout=5)
        if worker.is_alive():
            worker.kill()
    return LoadResult(len(latencies), failures, ended - start_at, latencies)

"""Real TCP listeners on 127.0.0.1 that behave like healthy, silent, stalled and trickling
printers, a printer on a fixed port for a server under test, and a guard that turns a hanging
printer call into a test failure. Shared by tests and bench."""

from __future__ import annotations

import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from antrean.printing import PrinterError

STATUS_QUERY = b"\x10\x04\x01"
ONLINE, OFFLINE = b"\x12", b"\x1a"  # DLE EOT 1 answers: fixed bits 0x12, bit 3 = offline


class CapturingPrinter:
    """Accepts one job, answers status queries, and keeps every byte it was sent."""

    def __init__(self, status_reply: bytes = ONLINE) -> None:
        self.status_reply = status_reply
        self.received = b""
        self.done = threading.Event()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = self._server.getsockname()[1]
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        self._server.settimeout(10)
        conn, _ = self._server.accept()
        with conn:
            conn.settimeout(10)
            try:
                self._read_job(conn)
            except ConnectionResetError:
                pass  # the client gave up on us (offline answer): what came so far is the job
        self.done.set()

    def _read_job(self, conn: socket.socket) -> None:
        while chunk := conn.recv(4096):
            answered = self.received.count(STATUS_QUERY)
            self.received += chunk
            conn.sendall(self.status_reply * (self.received.count(STATUS_QUERY) - answered))

    def job(self) -> bytes:
        """The bytes of the finished job, once the client has closed the connection."""
        assert self.done.wait(5), "the printer never saw the end of the job"
        return self.received

    def close(self) -> None:
        self._server.close()


@contextmanager
def capturing_printer(status_reply: bytes = ONLINE) -> Iterator[CapturingPrinter]:
    printer = CapturingPrinter(status_reply)
    try:
        yield printer
    finally:
        printer.close()


@contextmanager
def silent_printer() -> Iterator[int]:
    """Completes the TCP handshake (the kernel does, from the backlog) and never reads."""
    with socket.create_server(("127.0.0.1", 0), backlog=4) as server:
        yield server.getsockname()[1]


@contextmanager
def stalled_printer(read_first: int = 16) -> Iterator[int]:
    """Reads a few bytes of the job, then stops reading; a tiny receive buffer fills fast."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1024)  # inherited by accept()
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    stop = threading.Event()

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            conn.recv(read_first)
            stop.wait(10)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        server.close()


@contextmanager
def hanging_up_printer(read_first: int = 16) -> Iterator[int]:
    """Reads a few bytes and drops the connection, like a printer switched off mid-ticket."""
    with socket.create_server(("127.0.0.1", 0)) as server:
        def serve() -> None:
            conn, _ = server.accept()
            conn.recv(read_first)
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))  # reset
            conn.close()

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        yield server.getsockname()[1]
        thread.join(5)


def closed_port() -> int:
    """A port nothing listens on: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def trickling_printer(chunk: int = 65536, pause: float = 0.016) -> Iterator[int]:
    """Keeps reading steadily but slowly (about 4 MB/s): every single write soon makes
    progress, so only a deadline for the whole job (not a timeout per write) can end a job
    that takes longer than the budget."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(4)
    stop = threading.Event()

    def serve() -> None:
        conn, _ = server.accept()
        with conn:
            while not stop.is_set():
                try:
                    if not conn.recv(chunk):
                        return
                except OSError:
                    return
                stop.wait(pause)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1]
    finally:
        stop.set()
        thread.join(5)
        server.close()


def failure_of(action: Callable[[], object], guard_seconds: float = 30.0) -> PrinterError:
    """The PrinterError `action` raises. It runs in a thread with a guard far above any
    printer budget in these tests, so a printer call that never returns fails the test
    instead of hanging the suite; how fast failures come is measured in bench/."""
    outcome: list[BaseException | None] = []

    def run() -> None:
        try:
            action()
        except BaseException as error:  # noqa: BLE001 - handed to the test thread
            outcome.append(error)
        else:
            outcome.append(None)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(guard_seconds)
    assert not worker.is_alive(), f"the printer call still runs after {guard_seconds:g} s"
    error = outcome[0]
    assert isinstance(error, PrinterError), f"expected a PrinterError, got {error!r}"
    return error


class PrinterAtPort:
    """A network printer on a fixed port: keeps every job and answers status queries, at once
    or, while `hold` is set, only once the test releases it."""

    def __init__(self, port: int, hold: bool = False) -> None:
        self.jobs: list[bytes] = []
        self.holding = threading.Event()  # a job has arrived and waits for its answer
        self.released = threading.Event()
        if not hold:
            self.released.set()
        self._server = socket.create_server(("127.0.0.1", port))
        self._server.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(60)
                job = b""
                while chunk := conn.recv(4096):
                    job += chunk
                    if job.endswith(STATUS_QUERY):
                        self.holding.set()
                        self.released.wait(60)
                        conn.sendall(ONLINE)
                self.jobs.append(job)

    def wait_for_jobs(self, count: int, timeout: float = 10) -> list[bytes]:
        wait_until(lambda: len(self.jobs) >= count, timeout)
        return self.jobs

    def close(self) -> None:
        self._stop.set()
        self.released.set()
        self._thread.join(timeout=2)
        self._server.close()


@contextmanager
def printer_at(port: int, hold: bool = False) -> Iterator[PrinterAtPort]:
    printer = PrinterAtPort(port, hold)
    try:
        yield printer
    finally:
        printer.close()


def printer_config(port: int, timeout_seconds: int = 1) -> str:
    return f"""
[printer]
kind = "network"
host = "127.0.0.1"
port = {port}
columns = 32
timeout_seconds = {timeout_seconds}
"""


def wait_until(condition: Callable[[], Any], timeout: float = 10) -> Any:
    """Poll for something the background printer does (not a timing assertion)."""
    deadline = time.monotonic() + timeout
    while not (result := condition()):
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        time.sleep(0.05)
    return result

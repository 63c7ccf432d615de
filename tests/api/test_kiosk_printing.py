"""Kiosk tickets printed on a real TCP "printer": committed first, never lost, reprintable."""

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import requests

from tests.support.escpos_decoder import decode
from tests.support.live_server import PASSWORD, LiveServer, free_port
from tests.support.socket_client import ScreenClient

STATUS_QUERY, ONLINE = b"\x10\x04\x01", b"\x12"


class PrinterAtPort:
    """A healthy network printer on a fixed port: keeps every job, answers status queries."""

    def __init__(self, port: int) -> None:
        self.jobs: list[bytes] = []
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
                conn.settimeout(5)
                job = b""
                while chunk := conn.recv(4096):
                    job += chunk
                    if job.endswith(STATUS_QUERY):
                        conn.sendall(ONLINE)
                self.jobs.append(job)

    def wait_for_jobs(self, count: int, timeout: float = 10) -> list[bytes]:
        deadline = time.monotonic() + timeout
        while len(self.jobs) < count and time.monotonic() < deadline:
            time.sleep(0.05)
        return self.jobs

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._server.close()


@contextmanager
def printer_at(port: int) -> Iterator[PrinterAtPort]:
    printer = PrinterAtPort(port)
    try:
        yield printer
    finally:
        printer.close()


def printer_config(port: int) -> str:
    return f"""
[printer]
kind = "network"
host = "127.0.0.1"
port = {port}
columns = 32
timeout_seconds = 1
"""


@pytest.fixture
def printer_port() -> int:
    return free_port()


@pytest.fixture
def server(start_server: Callable[..., LiveServer], printer_port: int) -> LiveServer:
    return start_server(extra_tables=printer_config(printer_port)).with_users(petugas1="petugas")


def issue_at_kiosk(server: LiveServer) -> dict:  # type: ignore[type-arg]
    response = requests.post(f"{server.url}/api/v1/tickets",
                             json={"service": "KTP", "channel": "kiosk"}, timeout=10)
    assert response.status_code == 201
    return response.json()


def text_lines(job: bytes) -> list[str]:
    return [line.text for line in decode(job) if line.kind == "text"]


def test_a_kiosk_ticket_is_printed_with_its_number_and_qr(server: LiveServer,
                                                          printer_port: int) -> None:
    with printer_at(printer_port) as printer:
        ticket = issue_at_kiosk(server)
        assert ticket["print_status"]["status"] == "pending"
        job = printer.wait_for_jobs(1)[0]
    lines = decode(job)
    texts = [line.text.strip() for line in lines if line.kind == "text"]
    assert "A-001" in texts and "Kecamatan Uji Coba" in texts
    qr = [line.text for line in lines if line.kind == "qr"]
    assert qr == [f"{server.url}/t/{ticket['id']}"]
    assert lines[-1].kind in ("cut", "status")


def test_online_tickets_are_not_printed(server: LiveServer, printer_port: int) -> None:
    with printer_at(printer_port) as printer:
        response = requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"},
                                 timeout=10)
        assert "print_status" not in response.json()
        time.sleep(1)
        assert printer.jobs == []


def test_a_dead_printer_loses_no_ticket_and_the_kiosk_is_told(server: LiveServer,
                                                              printer_port: int) -> None:
    kiosk_screen = ScreenClient(server.url, token=server.create_device("kiosk"))
    try:
        started = time.monotonic()
        ticket = issue_at_kiosk(server)  # nothing listens on the printer port: refused
        assert time.monotonic() - started < 1.0  # printing is off the request path
        status = kiosk_screen.wait_for("print_status", timeout=5)
    finally:
        kiosk_screen.close()
    assert status["ticket"] == ticket["id"] and status["status"] == "failed"
    assert "Printer bermasalah" in status["message"]
    auth = server.login("petugas1", PASSWORD)
    failed = requests.get(f"{server.url}/api/v1/print-jobs?status=failed", headers=auth,
                          timeout=10).json()
    assert [job["number"] for job in failed] == ["A-001"]
    assert failed[0]["error"]
    # The ticket stands, in the queue, exactly once.
    services = requests.get(f"{server.url}/api/v1/services", timeout=10).json()
    assert next(s for s in services if s["code"] == "KTP")["waiting"] == 1


def test_a_failed_ticket_can_be_reprinted_from_the_console(server: LiveServer,
                                                           printer_port: int) -> None:
    ticket = issue_at_kiosk(server)
    auth = server.login("petugas1", PASSWORD)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        jobs = requests.get(f"{server.url}/api/v1/print-jobs", headers=auth, timeout=10).json()
        if jobs and jobs[0]["status"] == "failed":
            break
        time.sleep(0.1)
    with printer_at(printer_port) as printer:
        response = requests.post(f"{server.url}/api/v1/tickets/{ticket['id']}/reprint",
                                 headers=auth, timeout=10)
        assert response.status_code == 202
        job = printer.wait_for_jobs(1)[0]
    assert "A-001" in [t.strip() for t in text_lines(job)]
    assert requests.post(f"{server.url}/api/v1/tickets/{ticket['id']}/reprint",
                         timeout=10).status_code == 401


def test_a_stalled_printer_never_hangs_the_kiosk(start_server: Callable[..., LiveServer]) -> None:
    stalled = socket.create_server(("127.0.0.1", 0))  # accepts, never reads, never answers
    port = stalled.getsockname()[1]
    try:
        server = start_server(extra_tables=printer_config(port))
        started = time.monotonic()
        numbers = [issue_at_kiosk(server)["number"] for _ in range(3)]
        assert time.monotonic() - started < 2.0
        assert numbers == ["A-001", "A-002", "A-003"]
    finally:
        stalled.close()

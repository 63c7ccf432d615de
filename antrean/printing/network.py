"""Raw TCP printing (port 9100, "JetDirect"), bounded end to end by one deadline."""

from __future__ import annotations

import socket
import struct
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from antrean.printing.deadline import Deadline
from antrean.printing.errors import PrinterError
from antrean.printing.status import STATUS_QUERY, check_status, find_status_byte


@dataclass(frozen=True)
class NetworkTransport:
    """Sends a job to host:port and, by default, waits for the printer's status byte.

    Connect, every write and the status read share `timeout_seconds`, instead of escpos's
    60 s per call. Host names are resolved by the system resolver, which the budget cannot
    bound: configure printers by IP address.
    """

    host: str
    port: int = 9100
    timeout_seconds: float = 3.0
    confirm_status: bool = True

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    def send(self, job: bytes) -> None:
        deadline = Deadline(self.timeout_seconds)
        with self._errors():
            sock = socket.create_connection((self.host, self.port), deadline.remaining())
            try:
                self._deliver(sock, job, deadline)
            except BaseException:
                _abort(sock)
                raise
            sock.close()

    def _deliver(self, sock: socket.socket, job: bytes, deadline: Deadline) -> None:
        if not self.confirm_status:
            _write_all(sock, job, deadline)
            return
        _write_all(sock, job + STATUS_QUERY, deadline)
        check_status(_read_status(sock, deadline, self.where), self.where)

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except TimeoutError as exc:
            raise PrinterError(
                "printer_timeout",
                f"Printer {self.where} tidak merespons dalam {self.timeout_seconds:g} detik: "
                "periksa daya, kertas dan kabel jaringan.",
            ) from exc
        except ConnectionRefusedError as exc:
            raise PrinterError(
                "printer_unreachable",
                f"Printer {self.where} menolak sambungan: periksa alamat IP dan port printer.",
            ) from exc
        except OSError as exc:
            raise PrinterError(
                "printer_unreachable",
                f"Printer {self.where} tidak dapat dihubungi: {exc.strerror or exc}.",
            ) from exc


def _write_all(sock: socket.socket, data: bytes, deadline: Deadline) -> None:
    # sendall() applies the timeout to each chunk; a printer reading a trickle would reset it
    # forever, so the remaining budget is re-armed before every send.
    view = memoryview(data)
    while view:
        sock.settimeout(deadline.remaining())
        view = view[sock.send(view):]


def _read_status(sock: socket.socket, deadline: Deadline, where: str) -> int:
    while True:
        sock.settimeout(deadline.remaining())
        data = sock.recv(64)
        if not data:
            raise PrinterError(
                "printer_disconnected", f"Printer {where} memutus sambungan sebelum selesai."
            )
        status = find_status_byte(data)
        if status is not None:
            return status


def _abort(sock: socket.socket) -> None:
    """Close with a reset: unsent bytes are dropped, not trickled out later as half a ticket."""
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()

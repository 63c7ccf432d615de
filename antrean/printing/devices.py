"""Printers attached to this computer: a device or spool file, USB, or a serial port."""

from __future__ import annotations

import os
import select
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from antrean.printing.deadline import Deadline
from antrean.printing.errors import PrinterError
from antrean.printing.status import STATUS_QUERY, check_status, find_status_byte


@dataclass(frozen=True)
class FileTransport:
    """Appends the job to a path: a device node such as /dev/usb/lp0, or a file for testing.

    The descriptor is non-blocking and every write waits in select() for the remaining
    budget, because a kernel printer driver blocks writes forever when the printer is off.
    """

    path: str
    timeout_seconds: float = 3.0

    def send(self, job: bytes) -> None:
        deadline = Deadline(self.timeout_seconds)
        with _errors(self.path, self.timeout_seconds):
            fd = os.open(self.path, self._flags(), 0o644)
            try:
                _write_fd(fd, job, deadline)
            finally:
                os.close(fd)

    def _flags(self) -> int:
        flags = os.O_WRONLY | os.O_APPEND | os.O_NONBLOCK
        # An unplugged printer's /dev node is missing; creating a plain file in its place
        # would swallow every ticket silently.
        if not self.path.startswith("/dev/"):
            flags |= os.O_CREAT
        return flags


def _write_fd(fd: int, data: bytes, deadline: Deadline) -> None:
    view = memoryview(data)
    while view:
        _, writable, _ = select.select([], [fd], [], deadline.remaining())
        if not writable:
            raise TimeoutError
        try:
            view = view[os.write(fd, view):]
        except BlockingIOError:
            continue


@dataclass(frozen=True)
class UsbTransport:
    """A USB printer through python-escpos (needs pyusb).

    No status query here: a USB bulk write is acknowledged by the printer itself, so a dead
    printer already shows up as a write timeout.
    """

    vendor_id: int
    product_id: int
    timeout_seconds: float = 3.0

    def send(self, job: bytes) -> None:
        where = f"USB {self.vendor_id:04x}:{self.product_id:04x}"
        with _errors(where, self.timeout_seconds):
            from escpos.printer import Usb

            printer = Usb(self.vendor_id, self.product_id,
                          timeout=int(self.timeout_seconds * 1000))
            try:
                printer.open()
                printer._raw(job)
            finally:
                printer.close()


@dataclass(frozen=True)
class SerialTransport:
    """A serial (RS-232) printer through python-escpos (needs pyserial), status-confirmed.

    Without flow control a serial write never blocks, so only the status answer shows that
    a printer is there at all.
    """

    device: str
    baudrate: int = 9600
    timeout_seconds: float = 3.0

    def send(self, job: bytes) -> None:
        deadline = Deadline(self.timeout_seconds)
        with _errors(self.device, self.timeout_seconds):
            from escpos.printer import Serial

            printer = Serial(self.device, self.baudrate, timeout=deadline.remaining())
            try:
                printer.open()
                _serial_exchange(printer.device, job, deadline, self.device)
            finally:
                printer.close()


def _serial_exchange(port: Any, job: bytes, deadline: Deadline, where: str) -> None:
    port.write_timeout = deadline.remaining()
    port.write(job + STATUS_QUERY)
    port.flush()
    while True:
        port.timeout = deadline.remaining()
        status = find_status_byte(port.read(1))
        if status is not None:
            check_status(status, where)
            return


@contextmanager
def _errors(where: str, timeout_seconds: float) -> Iterator[None]:
    try:
        yield
    except PrinterError:
        raise
    except TimeoutError as exc:
        raise PrinterError(
            "printer_timeout",
            f"Printer {where} tidak merespons dalam {timeout_seconds:g} detik: "
            "periksa daya, kertas dan kabel.",
        ) from exc
    except RuntimeError as exc:  # python-escpos: the USB or serial library is missing
        raise PrinterError(
            "printer_unsupported", f"Printer {where} belum didukung di server ini: {exc}"
        ) from exc
    except Exception as exc:  # pyusb, pyserial and escpos each raise their own types
        raise PrinterError(
            "printer_unreachable", f"Printer {where} tidak dapat digunakan: {exc}"
        ) from exc

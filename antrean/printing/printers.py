"""The Printer interface, its two implementations, and the factory chosen by config."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from antrean.config import PrinterSettings
from antrean.printing.devices import FileTransport, SerialTransport, UsbTransport
from antrean.printing.errors import PrinterError
from antrean.printing.layout import Element, layout_slip
from antrean.printing.network import NetworkTransport
from antrean.printing.slip import TicketSlip

__all__ = ["EscposPrinter", "NullPrinter", "Printer", "PrinterError", "Transport",
           "make_printer"]


class Printer(Protocol):
    def print_slip(self, slip: TicketSlip) -> None:
        """Print one ticket or raise PrinterError; never blocks much past the timeout."""


class Transport(Protocol):
    def send(self, job: bytes) -> None:
        """Deliver the whole job or raise PrinterError."""


@dataclass(frozen=True)
class NullPrinter:
    """No printer configured: tickets live on screen and phone only."""

    def print_slip(self, slip: TicketSlip) -> None:
        return None


@dataclass(frozen=True)
class EscposPrinter:
    """Lays the slip out for the paper width and sends it as one ESC/POS job."""

    transport: Transport
    columns: int = 48

    def print_slip(self, slip: TicketSlip) -> None:
        # Rendering first means a layout bug fails before a half ticket reaches the paper.
        try:
            job = _render_escpos(layout_slip(slip, self.columns))
        except Exception as exc:  # a bad slip must surface as a printer problem, not a crash
            raise PrinterError(
                "printer_layout", f"Karcis tidak dapat disusun untuk dicetak: {exc}"
            ) from exc
        self.transport.send(job)


def make_printer(settings: PrinterSettings) -> Printer:
    if settings.kind == "none":
        return NullPrinter()
    return EscposPrinter(_transport(settings), settings.columns)


def _transport(settings: PrinterSettings) -> Transport:
    timeout = settings.timeout_seconds
    if settings.kind == "network":
        return NetworkTransport(settings.host, settings.port, timeout,
                                confirm_status=settings.status_check)
    if settings.kind == "usb":
        return UsbTransport(settings.usb_vendor_id, settings.usb_product_id, timeout)
    if settings.kind == "serial":
        return SerialTransport(settings.serial_device, settings.serial_baudrate, timeout)
    if settings.kind == "file":
        return FileTransport(settings.path, timeout)
    raise ValueError(f"unknown printer kind '{settings.kind}'")



def _render_escpos(elements: list[Element]) -> bytes:
    """python-escpos (and Pillow under it) weighs ~17 MB: loaded once a ticket is printed."""
    from antrean.printing.escpos_render import render_escpos

    return render_escpos(elements)

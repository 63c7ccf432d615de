"""The file printer, the null printer and the factory that picks a printer from config."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from antrean.config import PrinterSettings
from antrean.printing import NullPrinter, PrinterError, TicketSlip, make_printer
from antrean.printing.devices import FileTransport, SerialTransport, UsbTransport
from antrean.printing.escpos_render import render_escpos
from antrean.printing.layout import layout_slip
from antrean.printing.network import NetworkTransport
from antrean.printing.printers import EscposPrinter, Transport
from tests.support.escpos_decoder import decode
from tests.support.fake_printers import failure_of


def test_file_printer_writes_the_whole_job_to_the_path(
    tmp_path: Path, slip: TicketSlip
) -> None:
    path = tmp_path / "ticket.bin"
    make_printer(PrinterSettings(kind="file", path=str(path), columns=32)).print_slip(slip)
    assert path.read_bytes() == render_escpos(layout_slip(slip, 32))
    assert [line.kind for line in decode(path.read_bytes())][-1] == "cut"


def test_file_printer_appends_one_job_after_another(tmp_path: Path, slip: TicketSlip) -> None:
    path = tmp_path / "tickets.bin"
    printer = make_printer(PrinterSettings(kind="file", path=str(path)))
    printer.print_slip(slip)
    printer.print_slip(slip)
    assert [line.kind for line in decode(path.read_bytes())].count("cut") == 2


def test_missing_device_node_is_not_created_and_raises(slip: TicketSlip) -> None:
    printer = make_printer(PrinterSettings(kind="file", path="/dev/antrean-no-such-printer"))
    with pytest.raises(PrinterError) as raised:
        printer.print_slip(slip)
    assert raised.value.code == "printer_unreachable"
    assert not os.path.exists("/dev/antrean-no-such-printer")


def test_device_that_never_drains_times_out(tmp_path: Path) -> None:
    """A FIFO whose reader never reads stands in for a printer driver that blocks."""
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        error = failure_of(lambda: FileTransport(str(fifo), timeout_seconds=0.5)
                           .send(b"x" * 1_000_000))
        assert error.code == "printer_timeout"
    finally:
        os.close(reader)


def test_null_printer_accepts_a_slip_and_prints_nothing(slip: TicketSlip) -> None:
    printer = make_printer(PrinterSettings(kind="none"))
    assert isinstance(printer, NullPrinter)
    printer.print_slip(slip)  # nothing to observe: it must simply not fail


@pytest.mark.parametrize(("settings", "transport"), [
    (PrinterSettings(kind="network", host="10.0.0.9", port=9101, timeout_seconds=2),
     NetworkTransport("10.0.0.9", 9101, 2)),
    (PrinterSettings(kind="usb", usb_vendor_id=0x0416, usb_product_id=0x5011),
     UsbTransport(0x0416, 0x5011, 3)),
    (PrinterSettings(kind="serial", serial_device="/dev/ttyS0", serial_baudrate=19200),
     SerialTransport("/dev/ttyS0", 19200, 3)),
    (PrinterSettings(kind="file", path="/dev/usb/lp0", columns=32),
     FileTransport("/dev/usb/lp0", 3)),
])
def test_factory_builds_the_printer_named_in_config_with_its_timeout(
    settings: PrinterSettings, transport: Transport
) -> None:
    assert make_printer(settings) == EscposPrinter(transport, settings.columns)

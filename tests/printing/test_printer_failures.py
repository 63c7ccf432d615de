"""A printer that refuses, stays silent, stalls or hangs up fails fast with PrinterError."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

from antrean.config import PrinterSettings
from antrean.printing import PrinterError, TicketSlip, make_printer
from antrean.printing.network import NetworkTransport
from tests.printing.fake_printers import (
    closed_port,
    hanging_up_printer,
    silent_printer,
    stalled_printer,
)

TIMEOUT = 1.0
SLACK = 0.5  # scheduling noise on a busy CI machine


def network_printer(port: int) -> Callable[[TicketSlip], None]:
    settings = PrinterSettings(kind="network", host="127.0.0.1", port=port,
                               timeout_seconds=TIMEOUT)
    return make_printer(settings).print_slip


def timed_failure(action: Callable[[], None]) -> tuple[PrinterError, float]:
    started = time.monotonic()
    with pytest.raises(PrinterError) as raised:
        action()
    return raised.value, time.monotonic() - started


def test_refused_connection_raises_at_once(slip: TicketSlip) -> None:
    error, took = timed_failure(lambda: network_printer(closed_port())(slip))
    assert error.code == "printer_unreachable"
    assert "menolak sambungan" in error.message
    assert took < 0.5


def test_silent_printer_raises_within_the_timeout(slip: TicketSlip) -> None:
    with silent_printer() as port:
        error, took = timed_failure(lambda: network_printer(port)(slip))
    assert error.code == "printer_timeout"
    assert "tidak merespons dalam 1 detik" in error.message
    assert TIMEOUT - 0.1 < took < TIMEOUT + SLACK


def test_printer_that_stops_reading_mid_ticket_raises_within_the_timeout(
    slip: TicketSlip,
) -> None:
    with stalled_printer() as port:
        error, took = timed_failure(lambda: network_printer(port)(slip))
    assert error.code == "printer_timeout"
    assert took < TIMEOUT + SLACK


def test_a_large_job_to_a_stalled_printer_times_out_while_writing() -> None:
    """Without the status query, only the bounded write loop can notice the stall."""
    with stalled_printer() as port:
        transport = NetworkTransport("127.0.0.1", port, TIMEOUT, confirm_status=False)
        error, took = timed_failure(lambda: transport.send(b"x" * 32_000_000))
    assert error.code == "printer_timeout"
    assert took < TIMEOUT + SLACK


def test_printer_that_hangs_up_mid_ticket_raises(slip: TicketSlip) -> None:
    with hanging_up_printer() as port:
        error, took = timed_failure(lambda: network_printer(port)(slip))
    assert error.code in ("printer_unreachable", "printer_disconnected")
    assert took < TIMEOUT + SLACK


def test_unroutable_printer_address_times_out_on_connect(slip: TicketSlip) -> None:
    # 192.0.2.0/24 is TEST-NET-1: never routed, so the SYN goes nowhere (or fails at once
    # when the machine has no route at all); either way no hang.
    error, took = timed_failure(
        lambda: make_printer(PrinterSettings(kind="network", host="192.0.2.1",
                                             timeout_seconds=TIMEOUT)).print_slip(slip)
    )
    assert error.code in ("printer_timeout", "printer_unreachable")
    assert took < TIMEOUT + SLACK

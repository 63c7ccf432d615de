"""A printer that refuses, stays silent, stalls, trickles or hangs up fails with PrinterError.

Each failure is asserted by its code and message; that it comes within the configured budget is
measured by bench/kiosk_printing.py (a guard in failure_of only keeps a hang from stalling the
suite).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from antrean.config import PrinterSettings
from antrean.printing import TicketSlip, make_printer
from antrean.printing.deadline import Deadline
from antrean.printing.network import NetworkTransport
from tests.support.fake_printers import (
    capturing_printer,
    closed_port,
    failure_of,
    hanging_up_printer,
    silent_printer,
    stalled_printer,
    trickling_printer,
)

TIMEOUT = 1.0


def network_printer(port: int) -> Callable[[TicketSlip], None]:
    settings = PrinterSettings(kind="network", host="127.0.0.1", port=port,
                               timeout_seconds=TIMEOUT)
    return make_printer(settings).print_slip


def test_refused_connection_raises_printer_unreachable(slip: TicketSlip) -> None:
    error = failure_of(lambda: network_printer(closed_port())(slip))
    assert error.code == "printer_unreachable"
    assert "menolak sambungan" in error.message


def test_silent_printer_raises_printer_timeout_naming_the_budget(slip: TicketSlip) -> None:
    with silent_printer() as port:
        error = failure_of(lambda: network_printer(port)(slip))
    assert error.code == "printer_timeout"
    assert f"127.0.0.1:{port} tidak merespons dalam 1 detik" in error.message


def test_printer_that_stops_reading_mid_ticket_raises_printer_timeout(
    slip: TicketSlip,
) -> None:
    with stalled_printer() as port:
        error = failure_of(lambda: network_printer(port)(slip))
    assert error.code == "printer_timeout"


def test_a_large_job_to_a_stalled_printer_times_out_while_writing() -> None:
    """Without the status query, only the bounded write loop can notice the stall."""
    with stalled_printer() as port:
        transport = NetworkTransport("127.0.0.1", port, TIMEOUT, confirm_status=False)
        error = failure_of(lambda: transport.send(b"x" * 32_000_000))
    assert error.code == "printer_timeout"


def test_a_printer_reading_a_trickle_is_ended_by_the_jobs_one_deadline() -> None:
    """Every write soon makes progress, so a timeout per write would not fire: 32 MB at the
    trickle's pace takes about 8 s. One budget of 1 s for the whole job ends it."""
    with trickling_printer() as port:
        transport = NetworkTransport("127.0.0.1", port, TIMEOUT, confirm_status=False)
        error = failure_of(lambda: transport.send(b"x" * 32_000_000))
    assert error.code == "printer_timeout"


def test_printer_that_hangs_up_mid_ticket_raises(slip: TicketSlip) -> None:
    with hanging_up_printer() as port:
        error = failure_of(lambda: network_printer(port)(slip))
    assert error.code in ("printer_unreachable", "printer_disconnected")


def test_unroutable_printer_address_fails_instead_of_hanging(slip: TicketSlip) -> None:
    # 192.0.2.0/24 is TEST-NET-1: never routed, so the SYN goes nowhere (or fails at once
    # when the machine has no route at all); either way no hang.
    error = failure_of(
        lambda: make_printer(PrinterSettings(kind="network", host="192.0.2.1",
                                             timeout_seconds=TIMEOUT)).print_slip(slip)
    )
    assert error.code in ("printer_timeout", "printer_unreachable")


def test_a_healthy_printer_gets_the_job_and_the_status_query(slip: TicketSlip) -> None:
    with capturing_printer() as printer:
        network_printer(printer.port)(slip)
        assert printer.job().endswith(b"\x10\x04\x01")  # the job, then the status query


def test_the_budget_is_spent_once_not_per_step(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr("antrean.printing.deadline.time.monotonic", lambda: now[0])
    deadline = Deadline(3.0)
    assert deadline.remaining() == 3.0
    now[0] += 2.5  # connect and the first writes took 2.5 s
    assert deadline.remaining() == 0.5  # the status read gets what is left, not 3 s again
    now[0] += 0.5
    with pytest.raises(TimeoutError):
        deadline.remaining()

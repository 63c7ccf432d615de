"""A whole ticket printed to a real TCP listener, decoded back from the captured bytes."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from antrean.config import PrinterSettings
from antrean.printing import PrinterError, TicketSlip, make_printer
from tests.support.escpos_decoder import PrintedLine, decode, render_preview
from tests.support.fake_printers import OFFLINE, capturing_printer

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "printing"

def print_over_tcp(slip: TicketSlip, columns: int) -> list[PrintedLine]:
    with capturing_printer() as printer:
        settings = PrinterSettings(kind="network", host="127.0.0.1", port=printer.port,
                                   timeout_seconds=2, columns=columns)
        make_printer(settings).print_slip(slip)
        return decode(printer.job())

def text_lines(lines: list[PrintedLine]) -> list[PrintedLine]:
    return [line for line in lines if line.kind == "text" and line.text.strip("-")]

def find(lines: list[PrintedLine], text: str) -> PrintedLine:
    return next(line for line in lines if line.kind == "text" and line.text == text)

@pytest.mark.parametrize("columns", [32, 48])
def test_printed_ticket_decodes_to_the_layout(slip: TicketSlip, columns: int) -> None:
    lines = print_over_tcp(slip, columns)
    printed = text_lines(lines)
    office = printed[0]
    assert office.style.bold and office.style.align == "center"
    assert " ".join(line.text for line in printed[:2]) == slip.office_name
    assert find(lines, "Nomor Antrean").style.width == 1
    number = find(lines, "A-001").style
    assert (number.width, number.height, number.bold) == (4, 4, True)
    assert find(lines, "Perekaman KTP Elektronik").style.width == 1
    assert find(lines, " PRIORITAS: Lanjut usia (60+) ").style.inverted
    assert not find(lines, "Senin, 23 November 2026").style.inverted
    assert "Antrean sebelum Anda: 4" in [line.text for line in printed]
    assert any("± 25 menit" in line.text for line in printed)  # survives the code page
    assert all(len(line.text) * line.style.width <= columns for line in printed)

@pytest.mark.parametrize("columns", [32, 48])
def test_printed_ticket_ends_with_qr_footer_cut_then_the_status_query(
    slip: TicketSlip, columns: int
) -> None:
    lines = print_over_tcp(slip, columns)
    kinds = [line.kind for line in lines]
    qr = lines[kinds.index("qr")]
    assert qr.text == slip.tracking_url and qr.style.align == "center"
    assert kinds.index("qr") < kinds.index("cut")
    assert find(lines, "Layanan ini GRATIS") in lines[kinds.index("qr"):kinds.index("cut")]
    assert kinds[-2:] == ["cut", "status"]  # the query proves the printer read everything
    assert not find(lines, "Layanan ini GRATIS").style.bold  # bold did not leak

@pytest.mark.parametrize("columns", [32, 48])
def test_preview_of_the_printed_ticket_is_saved(long_slip: TicketSlip, slip: TicketSlip,
                                                 columns: int) -> None:
    for name, ticket in (("ticket", slip), ("long-names", long_slip)):
        path = render_preview(print_over_tcp(ticket, columns), columns,
                              ARTIFACTS / f"{name}-{columns}-columns.png")
        assert path.stat().st_size > 0

def test_printer_reporting_offline_raises_printer_error(slip: TicketSlip) -> None:
    with capturing_printer(status_reply=OFFLINE) as printer:
        settings = PrinterSettings(kind="network", host="127.0.0.1", port=printer.port,
                                   timeout_seconds=2)
        with pytest.raises(PrinterError) as raised:
            make_printer(settings).print_slip(slip)
    assert raised.value.code == "printer_offline"
    assert "offline" in raised.value.message


def test_text_outside_the_printer_code_page_prints_as_plain_characters(
    slip: TicketSlip,
) -> None:
    lines = print_over_tcp(replace(slip, office_name="Kantor Camat — “Tamalatea” 漢"), 48)
    assert text_lines(lines)[0].text == 'Kantor Camat - "Tamalatea" ?'

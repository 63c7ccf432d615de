"""The real-time status query (DLE EOT 1) that proves a printer read the whole job.

Why ask at all: a ticket is a few hundred bytes, which fits in the kernel's socket buffers,
so `send` succeeds even when the printer is frozen, has no paper or accepts TCP but never
reads. The query is appended *after* the ticket; ESC/POS printers answer it as soon as they
have read that far (real-time commands skip the print queue), so one byte back within the
time budget means "the printer has the whole ticket" and its offline bit says whether it can
print it (cover open, paper end, error). DLE EOT 1 is chosen over GS r because GS r waits
until everything before it has been *printed*, which can exceed a short timeout, and over
DLE EOT 4 because bit 3 of DLE EOT 1 already covers paper end along with the other stops.
The cost: a printer that ignores real-time commands would always look dead, so the network
transport can turn the query off.
"""

from __future__ import annotations

from antrean.printing.errors import PrinterError

STATUS_QUERY = b"\x10\x04\x01"  # DLE EOT 1: transmit printer status
_FIXED_MASK = 0x93  # bits 0, 1, 4, 7 of a status byte are fixed ...
_FIXED_BITS = 0x12  # ... to 0, 1, 1, 0: anything else is not an answer to our query
_OFFLINE = 0x08


def find_status_byte(data: bytes) -> int | None:
    """The first byte that has the fixed shape of a DLE EOT 1 answer, if any."""
    return next((b for b in data if b & _FIXED_MASK == _FIXED_BITS), None)


def check_status(status: int, where: str) -> None:
    if status & _OFFLINE:
        raise PrinterError(
            "printer_offline",
            f"Printer {where} sedang offline: periksa kertas, tutup printer dan lampu error.",
        )

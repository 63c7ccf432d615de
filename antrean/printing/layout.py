"""A TicketSlip laid out as lines for 58 mm (32 columns) or 80 mm (48 columns) paper.

Pure Python and printer-agnostic: the escpos adapter turns these elements into commands, and
tests check the layout without any printer at all.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from enum import StrEnum

from antrean.printing.slip import TicketSlip

PAPER_COLUMNS = (32, 48)
QR_CAPTION = "Pindai untuk memantau antrean"
_NUMBER_SCALES = (4, 3, 2, 1)  # the number is printed as large as the paper allows


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class TextLine:
    """One printed line; `width`/`height` are character multipliers (2 = double)."""

    text: str
    align: Align = Align.CENTER
    bold: bool = False
    width: int = 1
    height: int = 1
    inverted: bool = False  # white on black


@dataclass(frozen=True)
class QrCode:
    payload: str
    module_dots: int  # printer dots per QR module


@dataclass(frozen=True)
class Cut:
    """Feed past the tear bar and cut."""


Element = TextLine | QrCode | Cut


def layout_slip(slip: TicketSlip, columns: int) -> list[Element]:
    """The ticket top to bottom, each text line fitting `columns` at its character width."""
    if columns not in PAPER_COLUMNS:
        raise ValueError(f"columns must be 32 or 48, not {columns}")
    rule = TextLine("-" * columns)
    return [
        *wrap_lines(slip.office_name, columns, bold=True),
        *(wrap_lines(slip.office_address, columns) if slip.office_address else []),
        rule,
        TextLine("Nomor Antrean"),
        *_number(slip.number, columns),
        *wrap_lines(slip.service_line, columns, bold=True),
        *(_priority(slip.priority_label, columns) if slip.priority_label else []),
        TextLine(""),
        *wrap_lines(slip.issued_date, columns),
        *wrap_lines(f"Pukul {slip.issued_time}", columns),
        TextLine(""),
        *label_value("Antrean sebelum Anda", str(slip.ahead), columns),
        *label_value("Estimasi waktu tunggu", slip.estimated_wait, columns),
        *(wrap_lines(f"Dipanggil ke {slip.counters}", columns) if slip.counters else []),
        TextLine(""),
        *_qr(slip.tracking_url, columns),
        rule,
        *(line for text in slip.footer for line in wrap_lines(text, columns)),
        Cut(),
    ]


def wrap_lines(text: str, columns: int, *, bold: bool = False, width: int = 1,
               height: int = 1, align: Align = Align.CENTER) -> list[TextLine]:
    """Word-wrapped lines; a double-width line holds half as many characters."""
    pieces = balanced_wrap(text, columns // width)
    return [TextLine(piece, align, bold, width, height) for piece in pieces]


def balanced_wrap(text: str, room: int) -> list[str]:
    """The fewest lines, then the narrowest: centred headings split evenly, with no widow."""
    pieces = _wrap(text, room)
    while room > 1 and len(narrower := _wrap(text, room - 1)) == len(pieces):
        pieces, room = narrower, room - 1
    return pieces


def _wrap(text: str, room: int) -> list[str]:
    # Hyphens stay intact so "KTP-el" or "A-001" never split inside a word.
    return textwrap.wrap(text, room, break_on_hyphens=False) or [""]


def label_value(label: str, value: str, columns: int) -> list[TextLine]:
    """"Label: value" on one line, or the label and the value each on their own when narrow.

    Splitting at the colon keeps "± 25 menit" whole instead of stranding "menit" alone.
    """
    line = f"{label}: {value}"
    if len(line) <= columns:
        return [TextLine(line)]
    return [*wrap_lines(f"{label}:", columns), *wrap_lines(value, columns, bold=True)]


def _number(number: str, columns: int) -> list[TextLine]:
    scale = next((s for s in _NUMBER_SCALES if len(number) * s <= columns), 1)
    return wrap_lines(number, columns, bold=True, width=scale, height=scale)


def _priority(label: str, columns: int) -> list[TextLine]:
    """White on black, so the petugas spots a priority ticket at a glance.

    Only printed cells are inverted, hence a space of padding on each side.
    """
    return [TextLine(f" {piece} ", bold=True, inverted=True)
            for piece in balanced_wrap(label, columns - 2)]


def _qr(url: str, columns: int) -> list[Element]:
    if not url:
        return []
    # 58 mm heads have 384 dots, 80 mm heads 576: keep a version-4 code well inside either.
    module_dots = 5 if columns == 32 else 6
    return [QrCode(url, module_dots), *wrap_lines(QR_CAPTION, columns)]

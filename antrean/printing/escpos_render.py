"""Layout elements -> one ESC/POS byte string, via python-escpos as text and commands.

Text stays text (not a bitmap) so a ticket is a few hundred bytes and prints at full speed;
the QR code uses the printer's own `GS ( k` symbol command.
"""

from __future__ import annotations

from escpos.constants import QR_ECLEVEL_M
from escpos.printer import Dummy

from antrean.printing.layout import Cut, Element, QrCode, TextLine

# Typographic marks that code page 437 lacks, each replaced by one character so the layout's
# line lengths still hold.
_PLAIN = str.maketrans({"\u2014": "-", "\u2013": "-", "\u201c": '"', "\u201d": '"',
                        "\u2018": "'", "\u2019": "'", "\u00a0": " "})


def render_escpos(elements: list[Element]) -> bytes:
    """The whole job, built in memory so it can be sent in one go."""
    printer = Dummy()
    printer.hw("INIT")  # a previous, interrupted job must not leave bold or big text behind
    # Code page 437 is on every ESC/POS printer and holds "±" and Latin accents. Pinning it
    # stops python-escpos from switching pages mid-ticket (or sending GB18030 for a CJK
    # character); anything else prints as "?".
    printer.magic.force_encoding("CP437")
    for element in elements:
        _draw(printer, element)
    job: bytes = printer.output
    return job


def _draw(printer: Dummy, element: Element) -> None:
    if isinstance(element, TextLine):
        _draw_text(printer, element)
    elif isinstance(element, QrCode):
        printer.set(align="center")
        # Level M survives a crumpled ticket; the payload is a short URL, so the code stays small.
        printer.qr(element.payload, ec=QR_ECLEVEL_M, size=element.module_dots, native=True)
    elif isinstance(element, Cut):
        printer.cut()


def _draw_text(printer: Dummy, line: TextLine) -> None:
    # Every line states its full style, so one line's size or bold never leaks into the next.
    printer.set(align=str(line.align), bold=line.bold, invert=line.inverted,
                custom_size=True, width=line.width, height=line.height)
    printer.textln(line.text.translate(_PLAIN))

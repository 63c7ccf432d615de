"""Ticket printing: the slip, its layout for 32/48 columns, and printers behind one interface."""

from antrean.printing.escpos_capabilities import use_lasting_cache

use_lasting_cache()  # before any module of this package imports escpos

# Imported after the call above, which escpos reads at its own first import.
from antrean.printing.printers import NullPrinter, Printer, PrinterError, make_printer  # noqa: E402
from antrean.printing.slip import TicketSlip  # noqa: E402

__all__ = ["NullPrinter", "Printer", "PrinterError", "TicketSlip", "make_printer"]

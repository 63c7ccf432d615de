"""Ticket printing: the slip, its layout for 32/48 columns, and printers behind one interface."""

from antrean.printing.printers import NullPrinter, Printer, PrinterError, make_printer
from antrean.printing.slip import TicketSlip

__all__ = ["NullPrinter", "Printer", "PrinterError", "TicketSlip", "make_printer"]

"""The one error every printer raises."""

from __future__ import annotations


class PrinterError(Exception):
    """The ticket may not have printed: a stable code and an Indonesian message for staff.

    Not a DomainError: a printer fails after the ticket is saved, so the ticket stands and the
    caller only reports the problem (and can offer a reprint).
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message

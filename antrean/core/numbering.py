"""Ticket numbers: a service prefix and a daily sequence, "A-001"."""

from __future__ import annotations

MIN_DIGITS = 3


def format_number(prefix: str, sequence: int) -> str:
    """Zero-padded to three digits; a busy day simply grows a fourth."""
    return f"{prefix}-{sequence:0{MIN_DIGITS}d}"


def parse_number(number: str) -> tuple[str, int] | None:
    """Split "A-001" (or "a001") into ("A", 1); None when it is not a ticket number."""
    text = number.strip().upper().replace(" ", "")
    prefix = text.rstrip("0123456789").rstrip("-")
    digits = text[len(text.rstrip("0123456789")):]
    if not prefix.isalpha() or not digits:
        return None
    return prefix, int(digits)

"""Short one-time codes a person reads on one screen and types or scans on another: the
first-admin set-up code and device pairing links. No 0/O or 1/I to confuse."""

from __future__ import annotations

import secrets

ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"  # 32 symbols: 5 bits each
LENGTH = 8  # 40 bits: out of reach of guessing while they are single-use, short-lived, limited


def new_code(length: int = LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def normalized(typed: str) -> str:
    """What a person typed, as it was issued: case, spaces and dashes do not matter."""
    return "".join(typed.split()).replace("-", "").upper()


def grouped(code: str) -> str:
    """ABCD-EFGH: easier to read aloud and to type."""
    return "-".join(code[i:i + 4] for i in range(0, len(code), 4))

"""Exported spreadsheet cells that hold typed text stay text.

A petugas display name, a service name, a citizen's suggestion or booking name such as
`=HYPERLINK("http://evil.example","klik")` must never become a formula in the office's
spreadsheet (CSV or formula injection). Every exporter writes its rows through this module's
rules: CSV with `csv_row`, XLSX through usecases.workbook_rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

# What a spreadsheet may read as the start of a formula (tab and CR: some import paths
# strip them and then see the next character).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# XML 1.0 forbids these control characters, so an XLSX cannot hold them (openpyxl refuses).
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_START)


def writable(text: str) -> str:
    """`text` without the control characters a workbook cannot store."""
    return _UNWRITABLE.sub("", text)


def csv_cell(value: Any) -> Any:
    """A CSV value: text that looks like a formula gets a leading apostrophe (which the
    spreadsheet shows as text); numbers and dates pass unchanged."""
    if not isinstance(value, str):
        return value
    text = writable(value)
    return "'" + text if looks_like_formula(text) else text


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(value) for value in values]

"""Rows of an openpyxl workbook whose typed text stays text (core.export_cells' rules).

openpyxl types a string that starts with "=" as a formula when it is assigned. Each cell is
made here with its type fixed before the row is appended, so nothing is read back from the
sheet: finding the row just appended (`max_row`) scans every cell, which made a long export
quadratic (2,000 rows of 16 cells: 2.2 s).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from antrean.core.export_cells import looks_like_formula, writable


def append_row(sheet: Any, values: Iterable[Any]) -> tuple[Any, ...]:
    """Append a row with every text cell typed as a string; formula-like text is also marked
    quoted, as Excel marks text typed after an apostrophe. Returns the row's cells (to format
    them; each knows its `.row`)."""
    from openpyxl.cell.cell import Cell  # openpyxl weighs ~18 MB: loaded by an export only

    row = []
    for value in values:
        if isinstance(value, str):
            cell = Cell(sheet, value=writable(value))
            cell.data_type = "s"
            if looks_like_formula(cell.value):
                cell.quotePrefix = True
        else:
            cell = Cell(sheet, value=value)
        row.append(cell)
    sheet.append(row)
    return tuple(row)

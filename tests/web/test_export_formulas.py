"""Text typed by people never becomes a formula in an exported spreadsheet (issue 11,
defect 9): a petugas display name `=HYPERLINK(...)` in the report's XLSX and CSV stays text."""

from __future__ import annotations

import csv
import io

from openpyxl import Workbook, load_workbook

from antrean.core.access import Role
from antrean.core.export_cells import FORMULA_START, csv_row
from antrean.usecases.workbook_rows import append_row
from tests.support.app import AppUnderTest

EVIL = '=HYPERLINK("http://evil.example","klik")'
TRICKS = [EVIL, "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1", "\r=1+1"]


def formula_cells(book: Workbook) -> list[str]:
    return [f"{sheet.title}!{cell.coordinate}" for sheet in book.worksheets
            for row in sheet.iter_rows() for cell in row if cell.data_type == "f"]


def unquoted_formulas(rows: list[list[str]]) -> list[str]:
    return [value for row in rows for value in row if value.startswith(FORMULA_START)]


def test_a_petugas_name_stays_text_in_the_report_downloads(
        app_under_test: AppUnderTest) -> None:
    office = app_under_test
    office.add_user("kepala", Role.ADMIN)
    office.add_user("jahil", Role.PETUGAS, display_name=EVIL)
    office.served_ticket(office.bearer("jahil"))
    admin = office.signed_in("kepala")

    book = load_workbook(io.BytesIO(admin.get("/laporan/unduh.xlsx").data))
    assert formula_cells(book) == []
    names = [row[0].value for row in book["Per Petugas"].iter_rows()]
    assert EVIL in names

    text = admin.get("/laporan/unduh.csv").data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert unquoted_formulas(rows) == []
    assert any(row[1] == "'" + EVIL for row in rows)


def test_every_formula_start_is_neutralised_in_both_formats() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    append_row(sheet, [*TRICKS, 42, -7, "Siti\x00 Aminah"])
    saved = io.BytesIO()
    book.save(saved)
    cells = list(load_workbook(saved).worksheets[0].iter_rows())[0]
    assert [cell.data_type for cell in cells] == ["s"] * len(TRICKS) + ["n", "n", "s"]
    # XML reads a stored CR back as LF
    assert [cell.value for cell in cells][:len(TRICKS)] == [t.replace("\r", "\n") for t in TRICKS]
    assert cells[-1].value == "Siti Aminah"  # a workbook cannot hold NUL: dropped, not a 500
    assert csv_row([*TRICKS, 42, -7]) == ["'" + trick for trick in TRICKS] + [42, -7]

"""Agencies side by side as a CSV or an XLSX: one row per agency, then the whole office.

Agency and office names are typed by people: every cell goes through `core.export_cells`.
The numbers are those of `agency_comparison.compare_agencies` (seconds; shares as 0..1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import Any

from antrean.core.export_cells import append_row, csv_row

HEADERS = [
    "Instansi", "Nama instansi", "Diterbitkan", "Dilayani", "Tidak Hadir",
    "Tunggu: rata-rata (detik)", "Tunggu: p90 (detik)",
    "Layanan: rata-rata (detik)", "Layanan: p90 (detik)",
    "Lewat target tunggu", "Sesuai target (0-1)",
    "Responden SKM", "IKM", "Mutu pelayanan", "Pengaduan masuk", "Pengaduan lewat tenggat",
]
SHARE_COLUMN = HEADERS.index("Sesuai target (0-1)") + 1


def comparison_rows(table: dict[str, Any]) -> Iterator[list[Any]]:
    for row in [*table["agencies"], table["office"]]:
        ikm = row["ikm"]
        grade = f"{ikm['grade']} ({ikm['grade_label']})" if ikm["grade"] else None
        yield [row["short_name"], row["name"], row["issued"], row["served"], row["no_show"],
               row["waiting_mean"], row["waiting_p90"], row["service_mean"],
               row["service_p90"], row["target_breaches"], row["within_target_share"],
               ikm["responses"], ikm["ikm"], grade, row["complaints"],
               row["complaints_overdue"]]


def comparison_csv(table: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_row(HEADERS))
    for values in comparison_rows(table):
        writer.writerow(csv_row("" if v is None else v for v in values))
    return out.getvalue()


def comparison_xlsx(table: dict[str, Any], office_name: str) -> bytes:
    # openpyxl weighs ~18 MB: loaded only for a download.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = "Per Instansi"
    append_row(sheet, [office_name])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, [f"Periode {table['from']} s.d. {table['to']}; zona waktu "
                       f"{table['timezone']}; durasi dalam detik, sesuai target 0-1"])
    append_row(sheet, HEADERS)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for values in comparison_rows(table):
        append_row(sheet, values)
        sheet.cell(row=sheet.max_row, column=SHARE_COLUMN).number_format = "0.00%"
    sheet[f"A{sheet.max_row}"].font = Font(bold=True)  # the office's total
    sheet.freeze_panes = "C4"
    sheet.column_dimensions["A"].width = 18
    sheet.column_dimensions["B"].width = 36
    for column in range(3, len(HEADERS) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 13
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

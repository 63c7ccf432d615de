"""Agencies side by side as a CSV or an XLSX: one row per agency, then the whole office.

Agency and office names are typed by people: every cell goes through `core.export_cells`.
The numbers are those of `agency_comparison.compare_agencies` (seconds; shares as 0..1).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from antrean.core.export_cells import csv_row
from antrean.usecases.reports.agency_comparison import (
    AgencyComparison,
    AgencyFigures,
    ComparisonPeriod,
)
from antrean.usecases.workbook_rows import append_row

HEADERS = [
    "Instansi", "Nama instansi", "Diterbitkan", "Dilayani", "Tidak Hadir",
    "Tunggu: rata-rata (detik)", "Tunggu: p90 (detik)",
    "Layanan: rata-rata (detik)", "Layanan: p90 (detik)",
    "Lewat target tunggu", "Sesuai target (0-1)",
    "Responden SKM", "IKM", "Mutu pelayanan", "Pengaduan masuk", "Pengaduan lewat tenggat",
]
SHARE_COLUMN = HEADERS.index("Sesuai target (0-1)") + 1


def comparison_rows(table: AgencyComparison) -> Iterator[list[Any]]:
    for row in [*table["agencies"], table["office"]]:
        yield figures_row(row)


def figures_row(row: AgencyFigures) -> list[Any]:
    """One agency's or office's figures (agency_comparison's row), as HEADERS orders them."""
    ikm = row["ikm"]
    grade = f"{ikm['grade']} ({ikm['grade_label']})" if ikm["grade"] else None
    return [row["short_name"], row["name"], row["issued"], row["served"], row["no_show"],
            row["waiting_mean"], row["waiting_p90"], row["service_mean"],
            row["service_p90"], row["target_breaches"], row["within_target_share"],
            ikm["responses"], ikm["ikm"], grade, row["complaints"], row["complaints_overdue"]]


def comparison_csv(table: AgencyComparison) -> str:
    return rows_csv(HEADERS, comparison_rows(table))


def rows_csv(headers: list[str], rows: Iterable[list[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_row(headers))
    for values in rows:
        writer.writerow(csv_row("" if v is None else v for v in values))
    return out.getvalue()


def comparison_xlsx(table: AgencyComparison, office_name: str) -> bytes:
    return rows_xlsx("Per Instansi", office_name, table, HEADERS, comparison_rows(table),
                     bold_last=True)


def rows_xlsx(sheet_title: str, title: str, period: ComparisonPeriod, headers: list[str],
              rows: Iterable[list[Any]], bold_last: bool = False) -> bytes:
    """A titled sheet of figures rows; `headers` end with HEADERS (the share column's place
    counts from the end), the leading columns are names."""
    # openpyxl weighs ~18 MB: loaded only for a download.
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title
    append_row(sheet, [title])
    sheet["A1"].font = Font(bold=True, size=13)
    append_row(sheet, [f"Periode {period['from']} s.d. {period['to']}; zona waktu "
                       f"{period['timezone']}; durasi dalam detik, sesuai target 0-1"])
    for cell in append_row(sheet, headers):
        cell.font = Font(bold=True)
    names = len(headers) - len(HEADERS) + 2  # the name columns before the figures
    last: tuple[Any, ...] = ()
    for values in rows:
        last = append_row(sheet, values)
        last[names + SHARE_COLUMN - 3].number_format = "0.00%"
    if bold_last and last:
        last[0].font = Font(bold=True)  # the office's total
    sheet.freeze_panes = f"{get_column_letter(names + 1)}4"
    for column in range(1, names + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 18 if column < names else 36
    for column in range(names + 1, len(headers) + 1):
        sheet.column_dimensions[get_column_letter(column)].width = 13
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

"""The monthly complaint recap as an XLSX workbook: the same numbers as the page."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from antrean.usecases.workbook_rows import append_row

if TYPE_CHECKING:  # openpyxl loads with the first export, not with every server
    from openpyxl import Workbook


def recap_workbook(recap: dict[str, Any], office_name: str) -> Workbook:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Rekap Pengaduan"
    # Only our own labels and numbers go in: no citizen text, so nothing can be a formula.
    append_row(sheet, [f"Rekap pengaduan {recap['month_label']}", office_name])
    if recap.get("agency_name"):
        append_row(sheet, ["Instansi", recap["agency_name"]])  # typed by an admin
    sheet.append(["Jumlah pengaduan", recap["total"]])
    sheet.append(["Sudah dijawab", recap["answered"]])
    sheet.append(["Median hari kerja sampai jawaban pertama", recap["median_answer_days"]])
    sheet.append([f"Terlambat (lebih dari {recap['response_days']} hari kerja)",
                  recap["overdue"]])
    sheet.append([])
    statuses = recap["statuses"]
    sheet.append(["Saluran", *statuses.values(), "Jumlah"])
    for channel, label in recap["channels"].items():
        counts = recap["by_channel"].get(channel, {})
        row = [counts.get(status, 0) for status in statuses]
        sheet.append([label, *row, sum(row)])
    sheet.append(["Jumlah", *(recap["by_status"][status] for status in statuses),
                  recap["total"]])
    sheet.column_dimensions["A"].width = 44
    return book

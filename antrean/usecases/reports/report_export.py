"""The report as tables: one CSV (a section column) or one XLSX workbook (a sheet a section).

Labels are names typed by people (services, loket, petugas): they are written through
`core.export_cells`, so they stay text. The numbers are exactly those of `reports.stats`
(seconds, and shares as 0..1), so a spreadsheet and the API never disagree.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from typing import Any

from antrean.config import Settings
from antrean.core.export_cells import csv_row
from antrean.usecases.reports.reports import Report
from antrean.usecases.workbook_rows import append_row

FIGURE_HEADERS = [
    "Diterbitkan", "Dilayani", "Tidak Hadir", "Dibatalkan", "Dialihkan",
    "Tunggu: jumlah", "Tunggu: rata-rata (detik)", "Tunggu: median (detik)",
    "Tunggu: p90 (detik)", "Tunggu: maks (detik)",
    "Layanan: jumlah", "Layanan: rata-rata (detik)", "Layanan: median (detik)",
    "Layanan: p90 (detik)", "Layanan: maks (detik)",
    "Sesuai target (0-1)", "Dibatalkan warga", "Prioritas dikonfirmasi", "Prioritas dicabut",
]
LOKET_HEADERS = ["Buka (detik)", "Sibuk (detik)", "Waktu kosong (detik)"]
SUMMARY_KEYS = ("count", "mean", "median", "p90", "max")

# (section key in the report, sheet title, key column title)
SECTIONS = [
    ("overall", "Ringkasan", "Periode"),
    ("services", "Per Layanan", "Layanan"),
    ("days", "Per Hari", "Tanggal"),
    ("hours", "Per Jam", "Jam"),
    ("counters", "Per Loket", "Loket"),
    ("petugas", "Per Petugas", "Petugas"),
    ("priorities", "Per Prioritas", "Kategori"),
    ("arrivals", "Booking vs Langsung", "Kedatangan"),
]


# The sections and their rows are walked by name, as SECTIONS lists them: read as mappings.
Row = Mapping[str, Any]


def figure_values(row: Row) -> list[Any]:
    values: list[Any] = [row[k] for k in ("issued", "served", "no_show", "cancelled",
                                          "transferred")]
    for summary in ("waiting_seconds", "service_seconds"):
        values += [row[summary][k] for k in SUMMARY_KEYS]
    values += [row["within_target_share"], row["cancelled_by_citizen"],
               row["priority_confirmed"], row["priority_removed"]]
    return values


def section_rows(report: Row, section: str) -> Iterator[tuple[str, list[Any]]]:
    """(label, values) per row of one section, in the report's order."""
    if section == "overall":
        yield f"{report['from']} s.d. {report['to']}", figure_values(report["overall"])
        return
    for row in report[section]:
        values = figure_values(row)
        if section == "counters":
            values += [row["open_seconds"], row["busy_seconds"], row["idle_seconds"]]
        yield _label(section, row), values


def _label(section: str, row: Row) -> str:
    if section == "services":
        return f"{row['service']} {row['name']}"
    if section == "days":
        return str(row["day"])
    if section == "hours":
        return f"{row['hour']:02d}.00-{row['hour']:02d}.59"
    if section in ("counters", "petugas", "priorities", "arrivals"):
        return str(row.get("name") or row.get("label"))
    return ""


def headers(section: str, key_title: str) -> list[str]:
    extra = LOKET_HEADERS if section == "counters" else []
    return [key_title, *FIGURE_HEADERS, *extra]


def to_csv(report: Report) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_row(["Bagian", "Baris", *FIGURE_HEADERS, *LOKET_HEADERS]))
    for section, title, _ in SECTIONS:
        for label, values in section_rows(report, section):
            writer.writerow(csv_row([title, label, *("" if v is None else v for v in values)]))
    return out.getvalue()


def _filter_note(report: Report, settings: Settings) -> str:
    note = ""
    agency = settings.agency(report["agency_filter"]) if report["agency_filter"] else None
    if agency is not None:
        note += f"; instansi {agency.name}"
    if report["service_filter"]:
        note += f"; layanan {report['service_filter']}"
    return note


def to_xlsx(report: Report, settings: Settings) -> bytes:
    # openpyxl weighs ~18 MB: every server process would carry it for a rare download.
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    book.remove(book.active)
    for section, title, key_title in SECTIONS:
        sheet = book.create_sheet(title)
        if section == "overall":
            append_row(sheet, [settings.office.name])
            append_row(sheet, [f"Periode {report['from']} s.d. {report['to']}"
                               f"{_filter_note(report, settings)}; zona waktu "
                               f"{report['timezone']}; durasi dalam detik, sesuai target 0-1"])
            sheet["A1"].font = Font(bold=True, size=13)
        header = append_row(sheet, headers(section, key_title))
        header_row = header[0].row
        for cell in header:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="E8EDF3")
        for label, values in section_rows(report, section):
            cells = append_row(sheet, [label, *values])
            cells[len(FIGURE_HEADERS)].number_format = "0.00%"  # the share's column
        sheet.freeze_panes = sheet.cell(row=header_row + 1, column=2)
        sheet.column_dimensions["A"].width = 26
        for column in range(2, len(headers(section, key_title)) + 1):
            sheet.column_dimensions[get_column_letter(column)].width = 14
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

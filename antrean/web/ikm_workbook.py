"""The IKM report as an XLSX workbook (openpyxl): the same numbers as the page."""

from __future__ import annotations

from functools import cache
from types import SimpleNamespace
from typing import TYPE_CHECKING

from antrean.usecases.reports.ikm_report import IkmReport
from antrean.usecases.workbook_rows import append_row

if TYPE_CHECKING:  # openpyxl (~18 MB) loads with the first export, not with every server
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet


@cache
def _style() -> SimpleNamespace:
    from openpyxl.styles import Alignment, Font, PatternFill

    return SimpleNamespace(header_fill=PatternFill("solid", fgColor="E8EDF3"),
                           bold=Font(bold=True), title=Font(bold=True, size=14),
                           wrapped=Alignment(wrap_text=True, vertical="top"))


def ikm_workbook(report: IkmReport, office_name: str) -> Workbook:
    from openpyxl import Workbook

    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "IKM"
    _summary(summary, report, office_name)
    _services(book.create_sheet("Per Layanan"), report)
    _profile(book.create_sheet("Profil Responden"), report)
    _suggestions(book.create_sheet("Saran"), report)
    return book


def _summary(sheet: Worksheet, report: IkmReport, office_name: str) -> None:
    append_row(sheet, ["Indeks Kepuasan Masyarakat (IKM)"])
    sheet["A1"].font = _style().title
    append_row(sheet, ["Unit pelayanan", report.get("agency_name") or office_name])
    append_row(sheet, ["Layanan", report["service_name"] or "Semua layanan"])
    append_row(sheet, ["Periode", f"{report['from']} s.d. {report['to']}"])
    append_row(sheet, ["Jumlah responden", report["responses"]])
    append_row(sheet, ["IKM", report["ikm"]])
    append_row(sheet, ["Mutu pelayanan", report["grade"] or "-"])
    append_row(sheet, ["Kinerja unit pelayanan", report["grade_label"] or "-"])
    sheet["B6"].number_format = "0.00"
    sheet["B6"].font = _style().bold
    append_row(sheet, [])
    _header(sheet, ["Kode", "Unsur", "NRR", "NRR x 25", "Jawaban 1", "Jawaban 2",
                    "Jawaban 3", "Jawaban 4", "Responden"])
    for element in report["elements"]:
        cells = append_row(sheet, [element["code"], element["name"], element["nrr"],
                                   round(element["nrr"] * 25, 2), *element["distribution"],
                                   element["responses"]])
        cells[2].number_format = "0.00"
        cells[3].number_format = "0.00"
    append_row(sheet, [])
    append_row(sheet, ["IKM = 25 x rata-rata NRR kesembilan unsur (bobot 1/9), dua desimal; "
                       "PermenPANRB 14/2017."])
    _widths(sheet, [10, 42, 10, 10, 11, 11, 11, 11, 11])


def _services(sheet: Worksheet, report: IkmReport) -> None:
    _header(sheet, ["Kode", "Layanan", "Responden", "IKM", "Mutu", "Kinerja"])
    for row in report["services"]:
        cells = append_row(sheet, [row["service"], row["name"], row["responses"], row["ikm"],
                                   row["grade"] or "-", row["grade_label"] or "-"])
        cells[3].number_format = "0.00"
    _widths(sheet, [10, 44, 12, 10, 8, 16])


def _profile(sheet: Worksheet, report: IkmReport) -> None:
    profile = report["profile"]
    for title, rows in (("Jenis kelamin", profile["sex"]), ("Umur", profile["age"]),
                        ("Pendidikan", profile["education"]),
                        ("Pekerjaan", profile["occupation"])):
        _header(sheet, [title, "Jumlah", "Persen"])
        for row in rows:
            share = row["count"] / report["responses"] if report["responses"] else 0
            append_row(sheet, [row["label"], row["count"], share])[2].number_format = "0.0%"
        append_row(sheet, [])
    _widths(sheet, [28, 10, 10])


def _suggestions(sheet: Worksheet, report: IkmReport) -> None:
    _header(sheet, ["Tanggal", "Layanan", "Saran dan masukan"])
    for row in report["suggestions"]:
        text = append_row(sheet, [row["day"], row["service"], row["text"]])[2]
        text.alignment = _style().wrapped
    _widths(sheet, [12, 30, 80])


def _header(sheet: Worksheet, names: list[str]) -> None:
    for cell in append_row(sheet, names):
        cell.font = _style().bold
        cell.fill = _style().header_fill


def _widths(sheet: Worksheet, widths: list[int]) -> None:
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width

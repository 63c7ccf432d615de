"""The admin's list of bookings for a day, by service and session, and its export.

Only the admin's page and the downloads read the list: frozen dataclasses around the
bookings' own view (views.BookingView).

Exported cells hold the citizen's own text (the name): it is written through
`core.export_cells`, so it stays text and never becomes a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from antrean.core.booking import STATUS_LABELS, BookingStatus
from antrean.core.clock import format_long_date
from antrean.core.export_cells import csv_row
from antrean.db import booking_queries
from antrean.usecases.booking.views import BookingView, booking_view
from antrean.usecases.context import Office
from antrean.usecases.workbook_rows import append_row

HEADERS = ["Tanggal", "Layanan", "Sesi", "Urutan", "Kode", "Nama", "Nomor HP", "NIK",
           "Status", "Dibuat", "Check-in", "Nomor antrean"]


@dataclass(frozen=True)
class BookingGroup:
    """One service's session of the day, its bookings in order."""

    service: str
    service_name: str
    session_label: str
    bookings: list[BookingView] = field(default_factory=list)


@dataclass(frozen=True)
class DayListing:
    date: str
    date_label: str
    service: str | None  # the service chosen; None: every service
    groups: list[BookingGroup]
    total: int
    totals: dict[str, int]  # by BookingStatus value, every status
    status_labels: dict[str, str]  # BookingStatus value -> its label


def day_listing(office: Office, day: date, service_code: str | None = None,
                within: Sequence[str] | None = None) -> DayListing:
    """Bookings of `day` grouped by service and session, with counts per status; `within`
    the only services shown, e.g. an agency's (None: every one)."""
    with office.transaction() as session:
        booking_queries.mark_no_shows(session, office.now())
        rows = [booking_view(office, b)
                for b in booking_queries.bookings_of_day(session, day, service_code)
                if within is None or b.service_code in within]
    groups: dict[tuple[str, str], BookingGroup] = {}
    for row in rows:
        key = (row["service"], row["session"])
        group = groups.setdefault(key, BookingGroup(row["service"], row["service_name"],
                                                    row["session_label"]))
        group.bookings.append(row)
    totals = {status.value: sum(r["status"] == status.value for r in rows)
              for status in BookingStatus}
    return DayListing(date=day.isoformat(), date_label=format_long_date(day),
                      service=service_code, groups=list(groups.values()), total=len(rows),
                      totals=totals,
                      status_labels={s.value: label for s, label in STATUS_LABELS.items()})


def export_rows(listing: DayListing) -> list[list[str | int]]:
    """One row a booking; the phone masked as on screen and the NIK masked (never stored)."""
    rows: list[list[str | int]] = []
    for group in listing.groups:
        for b in group.bookings:
            rows.append([listing.date, b["service_name"], b["session_label"], b["position"],
                         b["code_label"], b["name"], b["phone_masked"], b["nik_masked"] or "",
                         b["status_label"], b["created_at"], b["checked_in_at"] or "",
                         b["ticket_number"] or ""])
    return rows


def to_csv(listing: DayListing) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADERS)
    for row in export_rows(listing):
        writer.writerow(csv_row(row))
    return out.getvalue()


def to_xlsx(listing: DayListing, office_name: str) -> bytes:
    # openpyxl weighs ~18 MB: loaded by the first download, not by every server process.
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Booking"
    append_row(sheet, [f"{office_name}: booking online {listing.date_label}"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in export_rows(listing):
        append_row(sheet, row)
    for letter, width in zip("ABCDEFGHIJKL", (11, 24, 18, 8, 12, 28, 16, 20, 15, 26, 26, 14),
                             strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()

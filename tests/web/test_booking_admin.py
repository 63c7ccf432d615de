"""/admin/booking: the day's bookings by session with status, exported as CSV and XLSX with
the citizen's text kept as text."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from openpyxl import load_workbook

from antrean.core.access import Role
from antrean.usecases.booking.listing import BookingGroup, DayListing, to_csv, to_xlsx
from antrean.usecases.booking.making import cancel_booking
from tests.support.app import AppFactory, AppUnderTest
from tests.support.booking import AKTA_BOOKING, book, desk_for, phone_number

TUESDAY = date(2026, 11, 24)
FORMULA_NAME = "@SUM(1+1) Budi"  # a spreadsheet would evaluate this if it were not text


def office_with_bookings(make_app: AppFactory) -> AppUnderTest:
    office_app = make_app(extra_service=AKTA_BOOKING)
    desk = desk_for(office_app.office)
    book(desk, TUESDAY, "08:00", phone_number(1), name=FORMULA_NAME)
    second = book(desk, TUESDAY, "10:00", phone_number(2), name="Siti Aminah")
    cancel_booking(desk, second["code"], "")
    book(desk, date(2026, 11, 25), "08:00", phone_number(3), name="Lain Hari")
    office_app.add_user("kepala", Role.ADMIN)
    office_app.add_user("siti", Role.PETUGAS)
    return office_app


def test_the_admin_sees_the_day_by_session(make_app: AppFactory) -> None:
    office_app = office_with_bookings(make_app)
    admin = office_app.signed_in("kepala")
    page = admin.get("/admin/booking?tanggal=2026-11-24").text
    assert "Selasa, 24 November 2026: 2 booking" in page
    assert "Akta Kelahiran &middot; sesi 08.00-10.00 WITA" in page
    assert "@SUM(1+1) Budi" in page and "Dibatalkan" in page and "Lain Hari" not in page
    assert "0813****0001" in page
    assert admin.get("/admin/booking?tanggal=kemarin").status_code == 422
    assert admin.get("/admin/booking?layanan=NOPE").status_code == 422
    assert office_app.signed_in("siti").get("/admin/booking").status_code == 403


def test_exports_keep_citizen_text_as_text(make_app: AppFactory) -> None:
    admin = office_with_bookings(make_app).signed_in("kepala")
    exported = admin.get("/admin/booking.csv?tanggal=2026-11-24")
    assert exported.headers["Content-Disposition"] == "attachment; filename=booking-2026-11-24.csv"
    rows = list(csv.reader(io.StringIO(exported.data.decode("utf-8-sig"))))
    assert rows[0][:6] == ["Tanggal", "Layanan", "Sesi", "Urutan", "Kode", "Nama"]
    assert [row[5] for row in rows[1:]] == ["'@SUM(1+1) Budi", "Siti Aminah"]
    assert [row[8] for row in rows[1:]] == ["Terdaftar", "Dibatalkan"]
    workbook = load_workbook(io.BytesIO(admin.get("/admin/booking.xlsx?tanggal=2026-11-24")
                                        .data))
    sheet = workbook["Booking"]
    name = sheet.cell(row=3, column=6)
    assert (name.value, name.data_type) == (FORMULA_NAME, "s")
    assert sheet.cell(row=4, column=9).value == "Dibatalkan"


def test_an_equals_sign_stays_text_in_the_workbook() -> None:
    row: Any = {"service_name": "Akta", "session_label": "08.00-10.00 WITA", "position": 1,
                "code_label": "K7QM-4XPD", "name": '=HYPERLINK("http://x","klik")',
                "phone_masked": "0812****7001", "nik_masked": None,
                "status_label": "Terdaftar", "created_at": "2026-11-23T01:00:00+00:00",
                "checked_in_at": None, "ticket_number": None}
    listing = DayListing(date="2026-11-24", date_label="Selasa, 24 November 2026",
                         service=None, groups=[BookingGroup("AKTA", "Akta", "08.00-10.00 WITA",
                                                            [row])],
                         total=1, totals={}, status_labels={})
    sheet = load_workbook(io.BytesIO(to_xlsx(listing, "Kantor")))["Booking"]
    assert (sheet.cell(row=3, column=6).value, sheet.cell(row=3, column=6).data_type) == \
        ('=HYPERLINK("http://x","klik")', "s")
    assert "'=HYPERLINK" in to_csv(listing)

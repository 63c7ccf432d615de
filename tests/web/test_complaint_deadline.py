"""Complaint answer deadlines in working days, the overdue flag, LAPOR! cases, monthly recap."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from flask.testing import FlaskClient
from openpyxl import load_workbook

from antrean.core.access import Role
from antrean.core.calendar import Holiday, OfficeCalendar
from antrean.core.complaint_deadline import due_date
from tests.support.app import AppFactory, AppUnderTest, csrf_from

# Friday 27 November 2026 is a holiday of this test office.
HOLIDAY = """
[[holidays]]
date = 2026-11-27
name = "Cuti bersama uji"
"""


@pytest.fixture
def office(make_app: AppFactory) -> AppUnderTest:
    app = make_app(extra_tables=HOLIDAY)  # starts Monday 23 November 2026, 09.00
    app.add_user("kepala", Role.ADMIN)
    return app


def file(web: FlaskClient, message: str) -> str:
    token = csrf_from(web.get("/pengaduan").text)
    sent = web.post("/pengaduan", follow_redirects=True, data={
        "csrf_token": token, "category": "antrean", "message": message})
    match = re.search(r'id="tracking-code">(PGD-[A-Z0-9-]+)<', sent.text)
    assert match is not None, sent.text
    return match.group(1)


def row_of(listing: str, code: str) -> str:
    return listing.split(f'data-code="{code}"')[1].split("</tr>")[0]


def test_the_due_date_counts_working_days_of_the_office_calendar() -> None:
    calendar = OfficeCalendar((Holiday(date(2026, 11, 27), "Cuti bersama"),))
    # Monday + 5 working days, skipping the weekend and the Friday holiday: Tuesday next week.
    assert due_date(calendar, date(2026, 11, 23), 5) == date(2026, 12, 1)
    assert due_date(OfficeCalendar(), date(2026, 11, 23), 5) == date(2026, 11, 30)


def test_an_unanswered_complaint_is_flagged_overdue_after_its_due_date(
        office: AppUnderTest) -> None:
    citizen = office.client()
    late = file(citizen, "Antrean lama sekali hari ini.")
    answered = file(citizen, "Petugas tidak ramah di loket dua.")
    admin = office.signed_in("kepala")
    admin.post(f"/admin/pengaduan/{answered}", data={"body": "Sudah kami tegur.",
                                                     "status": "selesai"})
    listing = admin.get("/admin/pengaduan").text
    assert "01/12/2026" in row_of(listing, late) and "Terlambat" not in listing
    office.clock.advance(days=8)  # Tuesday 1 December: still the last day
    assert "Terlambat" not in admin.get("/admin/pengaduan").text
    office.clock.advance(days=1)  # Wednesday 2 December
    listing = admin.get("/admin/pengaduan").text
    assert "Terlambat" in row_of(listing, late)
    assert "Terlambat" not in row_of(listing, answered)
    assert "Terlambat" in admin.get(f"/admin/pengaduan/{late}").text


def test_a_case_from_lapor_is_recorded_with_its_tracking_number(office: AppUnderTest) -> None:
    admin = office.signed_in("kepala")
    assert "Nomor pelacakan SP4N-LAPOR!" in admin.get("/admin/pengaduan/baru").text
    missing = admin.post("/admin/pengaduan/baru", data={
        "channel": "lapor", "category": "biaya", "message": "Dimintai uang untuk KK."})
    assert missing.status_code == 422 and "nomor pelacakan SP4N-LAPOR!" in missing.text
    assert "Dimintai uang untuk KK." in missing.text  # what was typed is kept
    saved = admin.post("/admin/pengaduan/baru", follow_redirects=True, data={
        "channel": "lapor", "lapor_number": "ylhu7b2k", "category": "biaya",
        "message": "Dimintai uang untuk KK."})
    assert saved.status_code == 200
    assert "SP4N-LAPOR!" in saved.text and "YLHU7B2K" in saved.text
    assert "01/12/2026" in saved.text
    stray = admin.post("/admin/pengaduan/baru", data={
        "channel": "whatsapp", "lapor_number": "123456", "category": "biaya",
        "message": "Pesan WhatsApp tentang biaya."})
    assert stray.status_code == 422


def test_the_monthly_recap_counts_status_channel_median_and_overdue(
        office: AppUnderTest) -> None:
    citizen = office.client()
    admin = office.signed_in("kepala")
    quick = file(citizen, "Keluhan pertama tentang antrean.")
    slow = file(citizen, "Keluhan kedua tentang antrean.")
    file(citizen, "Keluhan ketiga, belum dijawab.")
    admin.post("/admin/pengaduan/baru", data={
        "channel": "lapor", "lapor_number": "ABC-12345", "category": "biaya",
        "message": "Kasus dari LAPOR! tentang biaya."})
    office.clock.advance(days=1)  # Tuesday: one working day after filing
    admin.post(f"/admin/pengaduan/{quick}", data={"body": "Terima kasih.", "status": "selesai"})
    office.clock.advance(days=2)  # Thursday: three working days
    admin.post(f"/admin/pengaduan/{slow}", data={"body": "Kami periksa.", "status": "diproses"})
    office.clock.advance(days=6)  # Wednesday 2 December: the unanswered two are overdue
    page = admin.get("/admin/pengaduan/rekap?bulan=2026-11").text
    assert 'id="recap-total">4<' in page
    assert 'id="recap-median">2<' in page  # median of 1 and 3 working days
    assert 'id="recap-overdue">2<' in page
    web_row = page.split('data-channel="web"')[1].split("</tr>")[0]
    assert re.findall(r'class="num">(\d+)<', web_row) == ["1", "1", "1", "3"]
    lapor_row = page.split('data-channel="lapor"')[1].split("</tr>")[0]
    assert re.findall(r'class="num">(\d+)<', lapor_row) == ["1", "0", "0", "1"]
    assert admin.get("/admin/pengaduan/rekap?bulan=bukan").status_code == 422

    book = load_workbook(io.BytesIO(admin.get("/admin/pengaduan/rekap.xlsx?bulan=2026-11").data))
    sheet = book.active
    values = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row and row[0]}
    assert values["Jumlah pengaduan"][0] == 4
    assert values["Median hari kerja sampai jawaban pertama"][0] == 2
    assert values["Formulir web"] == (1, 1, 1, 3)
    assert values["SP4N-LAPOR!"] == (1, 0, 0, 1)
    empty = admin.get("/admin/pengaduan/rekap?bulan=2026-10").text
    assert 'id="recap-total">0<' in empty and 'id="recap-median">—<' in empty


def test_the_citizen_sees_the_due_date_and_when_it_has_passed(office: AppUnderTest) -> None:
    citizen = office.client()
    late = file(citizen, "Antrean lama sekali hari ini.")
    answered = file(citizen, "Petugas tidak ramah di loket dua.")
    office.signed_in("kepala").post(f"/admin/pengaduan/{answered}", data={
        "body": "Sudah kami tegur.", "status": "selesai"})

    def due_line(code: str) -> str:
        page = citizen.get(f"/pengaduan/cek?kode={code}").text
        return " ".join(page.split('id="complaint-due">')[1].split("</p>")[0].split())

    assert due_line(late) == "Kami menanggapi paling lambat 01/12/2026."
    assert due_line(answered).startswith("Sudah ditanggapi (batas tanggapan pertama 01/12/2026)")
    office.clock.advance(days=9)  # Wednesday 2 December: the promise is broken
    assert "Melewati batas tanggapan pertama (01/12/2026)" in due_line(late)
    assert "lapor.go.id" in due_line(late)
    assert due_line(answered).startswith("Sudah ditanggapi")

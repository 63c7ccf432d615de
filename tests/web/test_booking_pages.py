"""/ambil and /b/<code> in-process: a phone books step by step, sees its booking, cancels it;
bad input keeps what was typed and says what is wrong; never a 500, never inline script."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from tests.support.app import AppFactory, AppUnderTest, csrf_from
from tests.support.booking import AKTA_BOOKING

TUESDAY = "2026-11-24"
FORM = f"/ambil/AKTA/{TUESDAY}"


@pytest.fixture
def office_app(make_app: AppFactory) -> AppUnderTest:
    return make_app(extra_service=AKTA_BOOKING + "nik_required = true\n")


def post_form(browser: FlaskClient, **fields: str) -> tuple[int, str, str]:
    token = csrf_from(browser.get(FORM).text)
    response = browser.post(FORM, data={"csrf_token": token, **fields})
    return response.status_code, response.text, response.headers.get("Location", "")


def no_inline_code(html: str) -> None:
    """A Content-Security-Policy without 'unsafe-inline' will hold on these pages."""
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)
    assert not re.search(r"\sstyle=|<style|\son[a-z]+=", html)


def test_a_phone_books_step_by_step_and_sees_its_booking(office_app: AppUnderTest) -> None:
    phone = office_app.client()
    services = phone.get("/ambil").text
    assert 'href="/ambil/AKTA"' in services and 'href="/ambil/KTP"' not in services
    days = phone.get("/ambil/AKTA").text
    assert f'href="{FORM}"' in days and "Selasa, 24 November 2026" in days
    assert 'href="/ambil/AKTA/2026-11-28"' not in days  # Saturday: shown, not bookable
    form = phone.get(FORM).text
    assert 'value="08:00"' in form and "Sisa 5 dari 5" in form and 'name="nik"' in form
    status, _, location = post_form(phone, session="10:00", name="Budi Santoso",
                                    phone="0812 3456 7001", nik="6471054512900003")
    assert status == 302 and location.endswith("?baru=1")
    page = phone.get(location).text
    code = re.search(r'id="b-code">([A-Z0-9-]+)<', page).group(1)  # type: ignore[union-attr]
    assert "Booking berhasil" in page and "Terdaftar" in page
    assert "Datang paling lambat" in page and "10.00 WITA" in page
    assert "10.00-12.00 WITA" in page and "Estimasi dilayani" in page
    assert "0812****7001" in page and "************0003" in page
    assert "6471054512900003" not in page
    assert 'href="/layanan/AKTA"' in page
    qr = phone.get(f"/b/{code.replace('-', '')}/qr.svg")
    assert qr.status_code == 200 and qr.mimetype == "image/svg+xml" and b"<svg" in qr.data
    for html in (services, days, form, page):
        no_inline_code(html)


def test_bad_input_keeps_what_was_typed(office_app: AppUnderTest) -> None:
    phone = office_app.client()
    status, page, _ = post_form(phone, session="10:00", name="Budi Santoso",
                                phone="021 555 123", nik="6471054512900003")
    assert status == 422
    assert "Nomor HP (WhatsApp) tidak valid" in page
    assert 'value="Budi Santoso"' in page and 'value="021 555 123"' in page
    assert re.search(r'name="phone" type="tel" value="021 555 123"[^>]*aria-invalid="true"', page)
    assert re.search(r'value="10:00"[^>]*\n?[^>]*checked', page)
    status, page, _ = post_form(phone, session="", name="Budi", phone="081234567001",
                                nik="6471054512900003")
    assert status == 422 and "Pilih salah satu sesi" in page
    status, page, _ = post_form(phone, session="08:00", name="Budi", phone="081234567001",
                                nik="12")
    assert status == 422 and "NIK harus 16 digit" in page and 'value="12"' in page
    no_inline_code(page)


def test_one_booking_per_person_is_said_on_the_form(office_app: AppUnderTest) -> None:
    fields = {"session": "08:00", "name": "Budi", "phone": "081234567001",
              "nik": "6471054512900003"}
    assert post_form(office_app.client(), **fields)[0] == 302
    status, page, _ = post_form(office_app.client(), **{**fields, "phone": "081234567002"})
    assert status == 409 and "Satu orang hanya dapat booking satu kali" in page


def test_the_citizen_cancels_with_a_confirmation(office_app: AppUnderTest) -> None:
    phone = office_app.client()
    location = post_form(phone, session="08:00", name="Budi", phone="081234567001",
                         nik="6471054512900003")[2]
    code = location.split("/b/")[1].split("?")[0]
    confirm = phone.get(f"/b/{code}/batal").text
    assert "Batalkan booking?" in confirm and 'id="b-confirm-cancel"' in confirm
    no_inline_code(confirm)
    assert phone.post(f"/b/{code}/batal").status_code == 403  # no CSRF token: refused
    cancelled = phone.post(f"/b/{code}/batal", data={"csrf_token": csrf_from(confirm)})
    assert cancelled.status_code == 302
    page = phone.get(cancelled.headers["Location"]).text
    assert "Booking sudah dibatalkan" in page and "Dibatalkan" in page
    assert 'id="b-cancel"' not in page
    again = phone.post(f"/b/{code}/batal", data={"csrf_token": csrf_from(confirm)})
    assert again.status_code == 409 and "sudah dibatalkan" in again.text


@pytest.mark.parametrize(("path", "status", "text"), [
    ("/b/ZZZZ-ZZZZ", 404, "Kode booking tidak ditemukan"),
    ("/b/nope", 422, "Kode booking terdiri dari 8 huruf"),
    ("/b/ZZZZZZZZ/batal", 404, "Kode booking tidak ditemukan"),
    ("/b/ZZZZZZZZ/qr.svg", 404, "Kode booking tidak ditemukan"),
    ("/ambil/NOPE", 422, "tidak dikenal"),
    ("/ambil/KTP", 409, "tidak menerima booking online"),
    ("/ambil/AKTA/kemarin", 422, "Pilih tanggal yang valid"),
    ("/ambil/AKTA/2026-11-22", 200, "Tanggal itu sudah lewat"),
    ("/ambil/AKTA/2026-11-28", 200, "tidak dibuka pada hari Sabtu"),
])
def test_what_cannot_be_used_is_a_readable_page(office_app: AppUnderTest, path: str,
                                                status: int, text: str) -> None:
    response = office_app.client().get(path)
    assert (response.status_code, text in response.text) == (status, True), response.text


def test_too_many_attempts_from_one_phone_are_refused(make_app: AppFactory) -> None:
    office_app = make_app(extra_service=AKTA_BOOKING,
                          extra_tables="[booking]\nphone_requests_per_minute = 2\n")
    for _ in range(2):
        status, page, _ = post_form(office_app.client(), session="08:00", name="X",
                                    phone="081234567001")
        assert status == 422  # "X" is no name: each try counts all the same
    status, page, _ = post_form(office_app.client(), session="08:00", name="Budi",
                                phone="0812-3456-7001")
    assert status == 429 and "Terlalu banyak permintaan booking" in page
    assert 'value="0812-3456-7001"' in page
    office_app.clock.advance(minutes=1)
    assert post_form(office_app.client(), session="08:00", name="Budi",
                     phone="081234567001")[0] == 302

"""Complaint pages: file, follow by code, the admin answers; text escaped."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from antrean.core.access import Role
from tests.support.app import AppUnderTest, csrf_from

ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def office(app_under_test: AppUnderTest) -> AppUnderTest:
    app_under_test.add_user("kepala", Role.ADMIN)
    app_under_test.add_user("siti", Role.PETUGAS)
    return app_under_test


def file(web: FlaskClient, **fields: str) -> TestResponse:
    token = csrf_from(web.get("/pengaduan").text)
    return web.post("/pengaduan", data={"csrf_token": token, **fields}, follow_redirects=True)


def test_an_anonymous_complaint_is_answered_and_the_citizen_reads_it(
        office: AppUnderTest) -> None:
    citizen = office.client()
    page = citizen.get("/pengaduan").text
    assert "lapor.go.id" in page and "1708" in page
    sent = file(citizen, category="antrean", message=f"Menunggu lama. {ATTACK}",
                ticket_number="a-7")
    assert sent.status_code == 200 and "/pengaduan/cek?kode=PGD-" in sent.request.full_path
    match = re.search(r'id="tracking-code">(PGD-[A-Z0-9-]+)<', sent.text)
    assert match is not None
    code = match.group(1)
    assert ATTACK not in sent.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in sent.text
    assert "Nomor antrean: A-7" in sent.text

    admin = office.signed_in("kepala")
    listing = admin.get("/admin/pengaduan").text
    assert code in listing and ATTACK not in listing
    detail = admin.get(f"/admin/pengaduan/{code}").text
    assert "Anonim" in detail and ATTACK not in detail
    empty = admin.post(f"/admin/pengaduan/{code}", data={"body": " ", "status": "diproses"})
    assert empty.status_code == 422 and "Tuliskan tanggapan" in empty.text
    replied = admin.post(f"/admin/pengaduan/{code}", follow_redirects=True, data={
        "body": "Mohon maaf. Kami menambah satu loket pada jam sibuk.", "status": "selesai"})
    assert replied.status_code == 200 and "Tanggapan terkirim" in replied.text

    seen = citizen.get("/pengaduan/cek", query_string={"kode": code.lower()}).text
    assert "Kami menambah satu loket pada jam sibuk." in seen
    assert 'id="complaint-status">Selesai<' in seen


def test_the_form_keeps_what_was_typed_when_refused(office: AppUnderTest) -> None:
    response = file(office.client(), category="petugas", message="Kasar", name="Rina",
                    contact="0812")
    assert response.status_code == 422
    assert "paling sedikit 10 karakter" in response.text
    assert 'value="Rina"' in response.text and ">Kasar</textarea>" in response.text


def test_a_wrong_code_says_so(office: AppUnderTest) -> None:
    response = office.client().get("/pengaduan/cek", query_string={"kode": "PGD-2222-3333"})
    assert response.status_code == 404
    assert "Kode pengaduan tidak ditemukan" in response.text


def test_a_flood_from_one_address_is_held_back(office: AppUnderTest) -> None:
    web = office.client()
    for i in range(5):
        assert file(web, category="lainnya",
                    message=f"Pengaduan percobaan nomor {i}").status_code == 200
    refused = file(web, category="lainnya", message="Pengaduan percobaan keenam")
    assert refused.status_code == 429
    assert "Terlalu banyak pengaduan" in refused.text


def test_only_the_admin_reads_complaints(office: AppUnderTest) -> None:
    assert office.signed_in("siti").get("/admin/pengaduan").status_code == 403
    stranger = office.client().get("/admin/pengaduan")
    assert stranger.status_code == 302
    assert stranger.headers["Location"].startswith("/console/login?next=/admin/pengaduan")

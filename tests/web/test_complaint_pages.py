"""Complaint pages on a live server: file, follow by code, the admin answers; text escaped."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
import requests

from tests.support.live_server import PASSWORD, LiveServer, csrf_from

ATTACK = '<script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def server(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server().with_users(kepala="admin", siti="petugas")


def file(server: LiveServer, web: requests.Session, **fields: str) -> requests.Response:
    token = csrf_from(web.get(f"{server.url}/pengaduan", timeout=10).text)
    return web.post(f"{server.url}/pengaduan", timeout=10, data={"csrf_token": token, **fields})


def test_an_anonymous_complaint_is_answered_and_the_citizen_reads_it(
        server: LiveServer) -> None:
    citizen = requests.Session()
    page = citizen.get(f"{server.url}/pengaduan", timeout=10).text
    assert "lapor.go.id" in page and "1708" in page
    sent = file(server, citizen, category="antrean", message=f"Menunggu lama. {ATTACK}",
                ticket_number="a-7")
    assert sent.status_code == 200 and "/pengaduan/cek?kode=PGD-" in sent.url
    match = re.search(r'id="tracking-code">(PGD-[A-Z0-9-]+)<', sent.text)
    assert match is not None
    code = match.group(1)
    assert ATTACK not in sent.text
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in sent.text
    assert "Nomor antrean: A-7" in sent.text

    admin = server.web_session("kepala", PASSWORD)
    listing = admin.get(f"{server.url}/admin/pengaduan", timeout=10).text
    assert code in listing and ATTACK not in listing
    detail = admin.get(f"{server.url}/admin/pengaduan/{code}", timeout=10).text
    assert "Anonim" in detail and ATTACK not in detail
    empty = admin.post(f"{server.url}/admin/pengaduan/{code}", timeout=10,
                       data={"body": " ", "status": "diproses"})
    assert empty.status_code == 422 and "Tuliskan tanggapan" in empty.text
    replied = admin.post(f"{server.url}/admin/pengaduan/{code}", timeout=10, data={
        "body": "Mohon maaf. Kami menambah satu loket pada jam sibuk.", "status": "selesai"})
    assert replied.status_code == 200 and "Tanggapan terkirim" in replied.text

    seen = citizen.get(f"{server.url}/pengaduan/cek", params={"kode": code.lower()},
                       timeout=10).text
    assert "Kami menambah satu loket pada jam sibuk." in seen
    assert 'id="complaint-status">Selesai<' in seen


def test_the_form_keeps_what_was_typed_when_refused(server: LiveServer) -> None:
    response = file(server, requests.Session(), category="petugas", message="Kasar",
                    name="Rina", contact="0812")
    assert response.status_code == 422
    assert "paling sedikit 10 karakter" in response.text
    assert 'value="Rina"' in response.text and ">Kasar</textarea>" in response.text


def test_a_wrong_code_says_so(server: LiveServer) -> None:
    response = requests.get(f"{server.url}/pengaduan/cek", params={"kode": "PGD-2222-3333"},
                            timeout=10)
    assert response.status_code == 404
    assert "Kode pengaduan tidak ditemukan" in response.text


def test_a_flood_from_one_address_is_held_back(server: LiveServer) -> None:
    web = requests.Session()
    for i in range(5):
        assert file(server, web, category="lainnya",
                    message=f"Pengaduan percobaan nomor {i}").status_code == 200
    refused = file(server, web, category="lainnya", message="Pengaduan percobaan keenam")
    assert refused.status_code == 429
    assert "Terlalu banyak pengaduan" in refused.text


def test_only_the_admin_reads_complaints(server: LiveServer) -> None:
    petugas = server.web_session("siti", PASSWORD)
    assert petugas.get(f"{server.url}/admin/pengaduan", timeout=10).status_code == 403
    stranger = requests.get(f"{server.url}/admin/pengaduan", timeout=10,
                            allow_redirects=False)
    assert stranger.status_code == 302
    assert stranger.headers["Location"].startswith("/console/login?next=/admin/pengaduan")

"""Every error a person or a program meets is Indonesian: a page in the house style for
browsers, {"error", "message"} under /api."""

from __future__ import annotations

import pytest
from flask import abort

from antrean.core.access import Role
from tests.support.app import AppUnderTest

TITLES = {400: "Permintaan tidak dapat dibaca", 403: "Akses ditolak",
          404: "Halaman tidak ditemukan", 405: "Cara membuka halaman tidak sesuai",
          413: "Data terlalu besar", 429: "Terlalu banyak permintaan",
          500: "Terjadi kesalahan pada server"}


@pytest.fixture
def office(app_under_test: AppUnderTest) -> AppUnderTest:
    app_under_test.add_user("kepala", Role.ADMIN)  # past the first run
    return app_under_test


def assert_house_page(text: str, status: int) -> None:
    assert '<html lang="id" data-root="">' in text  # the app at the root: no prefix
    assert "css/antrean.css" in text and 'class="topbar"' in text
    assert f"<h1>{TITLES[status]}</h1>" in text
    assert f"Kode {status}" in text and 'href="/"' in text
    for english in ("Not Found", "Method Not Allowed", "Internal Server Error", "Bad Request"):
        assert english not in text


def assert_api_error(response: object, status: int, code: str) -> None:
    assert response.status_code == status  # type: ignore[attr-defined]
    body = response.get_json()  # type: ignore[attr-defined]
    assert body["error"] == code and body["message"]
    assert set(body) == {"error", "message"}


@pytest.mark.parametrize("path", ["/tidak-ada", "/admin/tidak-ada", "/kiosk/tidak/ada",
                                  "/layanan/TIDAKADA/lagi"])
def test_an_unknown_page_is_an_indonesian_404_page(office: AppUnderTest, path: str) -> None:
    response = office.client().get(path)
    assert response.status_code == 404 and response.mimetype == "text/html"
    assert_house_page(response.text, 404)


@pytest.mark.parametrize("path", ["/api", "/api/v1/tidak-ada", "/api/v2/services"])
def test_an_unknown_api_route_is_json(office: AppUnderTest, path: str) -> None:
    assert_api_error(office.client().get(path), 404, "not_found")


def test_a_wrong_method_on_a_page_is_an_indonesian_405_page(office: AppUnderTest) -> None:
    for method, path, allowed in [("DELETE", "/layanan", "GET"),
                                  ("GET", "/console/logout", "POST")]:
        response = office.client().open(path, method=method)
        assert response.status_code == 405, path
        assert_house_page(response.text, 405)
        assert allowed in response.headers["Allow"]


def test_a_wrong_method_on_the_api_is_json_and_says_what_is_allowed(
        office: AppUnderTest) -> None:
    response = office.client().delete("/api/v1/services")
    assert_api_error(response, 405, "method_not_allowed")
    assert "GET" in response.headers["Allow"]


def test_a_form_too_large_is_an_indonesian_413_page(office: AppUnderTest) -> None:
    response = office.client().post("/pengaduan", data={"isi": "x" * (2 * 1024 * 1024)})
    assert response.status_code == 413
    assert_house_page(response.text, 413)


def test_a_form_without_its_csrf_token_is_an_indonesian_403_page(office: AppUnderTest) -> None:
    response = office.client().post("/pengaduan", data={"isi": "halo"})
    assert response.status_code == 403
    assert_house_page(response.text, 403)


def test_a_failure_inside_a_page_is_an_indonesian_500_page(office: AppUnderTest) -> None:
    office.app.config["TESTING"] = False  # the way a served app answers: no traceback
    office.app.add_url_rule("/rusak", "rusak", lambda: 1 / 0)
    office.app.add_url_rule("/api/v1/rusak", "api_rusak", lambda: 1 / 0)
    response = office.client().get("/rusak")
    assert response.status_code == 500
    assert_house_page(response.text, 500)
    assert_api_error(office.client().get("/api/v1/rusak"), 500, "internal_error")


@pytest.mark.parametrize("status", sorted(TITLES))
def test_every_http_error_has_its_indonesian_page_and_json(office: AppUnderTest,
                                                           status: int) -> None:
    office.app.add_url_rule("/gagal", "gagal", lambda: abort(status))
    office.app.add_url_rule("/api/v1/gagal", "api_gagal", lambda: abort(status))
    page = office.client().get("/gagal")
    assert page.status_code == status
    assert_house_page(page.text, status)
    body = office.client().get("/api/v1/gagal").get_json()
    assert body["error"] != "http_error" and body["message"]

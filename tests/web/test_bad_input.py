"""Bad input answers a 4xx with an Indonesian message, never a 500 (issue 11, defect 8), on
SQLite and PostgreSQL: superscript digits, 50,000-deep JSON, dates at the ends of the
calendar, ids too big for the database, NUL bytes, over-long names, a bare `follow`."""

from __future__ import annotations

from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from antrean.core.access import Role
from tests.support.app import AppFactory, AppUnderTest, csrf_from

TOO_BIG = "99999999999999999999"
DEEP_JSON = "[" * 50_000 + "]" * 50_000
FAR_DATES = ("0001-01-01", "9999-12-31")
ENGLISH = ("Bad Request", "Not Found", "Internal Server Error", "The browser (or proxy)",
           "Traceback")


@pytest.fixture
def office(make_app: AppFactory, database_url: str) -> AppUnderTest:
    app = make_app(database_url)
    app.add_user("kepala", Role.ADMIN)
    app.add_user("siti", Role.PETUGAS)
    return app


def assert_refused_in_indonesian(response: TestResponse, what: str) -> None:
    assert 400 <= response.status_code < 500, (what, response.status_code, response.text[:300])
    if response.is_json:
        body: dict[str, Any] = response.get_json()
        assert body["error"] and body["message"], what
    for english in ENGLISH:
        assert english not in response.text, (what, english)


def form_post(browser: FlaskClient, page: str, action: str, **fields: str) -> TestResponse:
    token = csrf_from(browser.get(page).text)
    return browser.post(action, data={"csrf_token": token, **fields})


def survey_ticket(office: AppUnderTest) -> str:
    return office.served_ticket(office.bearer("siti"))


def test_superscript_digits_in_survey_fields(office: AppUnderTest) -> None:
    public_id = survey_ticket(office)
    answers = {f"U{i}": "4" for i in range(1, 10)}
    for field, value in (("age", "²³"), ("U1", "⁴"), ("age", "٣٠")):
        fields = {**answers, "sex": "L", "education": "SMA", "occupation": "PNS", "age": "30",
                  field: value}
        response = form_post(office.client(), f"/survei/{public_id}", f"/survei/{public_id}",
                             **fields)
        assert_refused_in_indonesian(response, f"survey {field}={value}")


def test_json_nested_fifty_thousand_deep(office: AppUnderTest) -> None:
    staff = office.bearer("kepala")
    for path in ("/api/v1/tickets", "/api/v1/auth/login", "/api/v1/bookings"):
        response = office.client().post(path, data=DEEP_JSON, headers=staff,
                                        content_type="application/json")
        assert_refused_in_indonesian(response, path)
    put = office.client().put("/api/v1/running-text", data=DEEP_JSON, headers=staff,
                              content_type="application/json")
    assert_refused_in_indonesian(put, "running-text")


def test_dates_at_the_ends_of_the_calendar(office: AppUnderTest) -> None:
    admin = office.signed_in("kepala")
    for day in FAR_DATES:
        for path in (f"/api/v1/stats?from={day}&to={day}", f"/api/v1/stats?from={day}",
                     f"/api/v1/stats?from=2026-11-01&to={day}", f"/laporan?from={day}&to={day}",
                     f"/laporan/unduh.csv?from={day}&to={day}",
                     f"/laporan/unduh.xlsx?from={day}&to={day}",
                     f"/api/v1/ikm?from={day}&to={day}", f"/admin/ikm?from={day}&to={day}",
                     f"/admin/booking?tanggal={day}", f"/admin/booking.csv?tanggal={day}",
                     f"/api/v1/booking-sessions?service=KTP&date={day}", f"/ambil/KTP/{day}"):
            response = admin.get(path)
            assert response.status_code < 500, (path, response.status_code)
            if response.status_code >= 400:
                assert_refused_in_indonesian(response, path)


def test_ids_too_big_for_the_database_in_admin_urls(office: AppUnderTest) -> None:
    admin = office.signed_in("kepala")
    token = csrf_from(admin.get("/admin/pengguna").text)
    for path in (f"/admin/pengguna/{TOO_BIG}/nonaktifkan", f"/admin/perangkat/{TOO_BIG}/cabut",
                 f"/api/v1/counters/{TOO_BIG}/call-next", f"/api/v1/users/{TOO_BIG}/revoke-tokens"):
        assert_refused_in_indonesian(admin.post(path, data={"csrf_token": token}), path)
    for path in (f"/survei/loket/{TOO_BIG}", f"/survei/loket/{TOO_BIG}/pasangkan",
                 f"/admin/pengaduan/{TOO_BIG}"):
        assert_refused_in_indonesian(admin.get(path), path)


@pytest.mark.parametrize("number", ["2147483648", "172846980040"])
def test_an_id_too_big_is_not_found_whatever_the_method(office: AppUnderTest,
                                                        number: str) -> None:
    """Every method on every route with an integer in its path answers the same 404: never a
    405 that depends on which of the path's methods werkzeug tried first."""
    admin = office.bearer("kepala")
    web = office.client()
    rules = [rule for rule in office.app.url_map.iter_rules() if "<int" in rule.rule]
    assert len(rules) > 10
    for rule in rules:
        path = rule.rule
        while "<int" in path:
            start = path.index("<int")
            path = path[:start] + number + path[path.index(">", start) + 1:]
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            if "<" in path:
                continue  # another kind of parameter as well: its own tests
            answer = web.open(path, method=method, headers=admin, json={})
            assert answer.status_code == 404, (method, path, answer.status_code)
            assert_refused_in_indonesian(answer, f"{method} {path}")


def test_nul_bytes_in_ids_usernames_and_texts(office: AppUnderTest) -> None:
    anonymous, admin = office.client(), office.signed_in("kepala")
    staff = office.bearer("kepala")
    checks = [
        ("GET /t", anonymous.get("/t/abc%00def")),
        ("GET ticket", anonymous.get("/api/v1/tickets/abc%00def")),
        ("GET booking", anonymous.get("/api/v1/bookings/AB%00CD")),
        ("GET /b", anonymous.get("/b/AB%00CD")),
        ("GET survey", anonymous.get("/survei/abc%00")),
        ("GET complaint", anonymous.get("/pengaduan/cek?kode=AB%00CD")),
        ("GET layanan", anonymous.get("/layanan/K%00TP")),
        ("GET stats", admin.get("/api/v1/stats?service=K%00TP")),
        ("API login", anonymous.post("/api/v1/auth/login",
                                     json={"username": "si\x00ti", "password": "x"})),
        ("form login", form_post(office.client(), "/console/login", "/console/login",
                                 username="si\x00ti", password="rahasia")),
        ("issue", anonymous.post("/api/v1/tickets", json={"service": "KTP\x00"})),
        ("running text", anonymous.put("/api/v1/running-text", headers=staff,
                                       json={"text": "Selamat\x00 datang"})),
        ("new user", form_post(admin, "/admin/pengguna", "/admin/pengguna", username="bu\x00di",
                               password="rahasia-sekali", role="petugas", display_name="Budi")),
        ("complaint", form_post(office.client(), "/pengaduan", "/pengaduan", category="lainnya",
                                message="Antrean\x00 terlalu lama sekali hari ini")),
    ]
    for what, response in checks:
        assert_refused_in_indonesian(response, what)


def test_a_display_name_over_128_characters(office: AppUnderTest) -> None:
    admin = office.signed_in("kepala")
    response = form_post(admin, "/admin/pengguna", "/admin/pengguna", username="panjang",
                         password="rahasia-sekali", role="petugas", display_name="A" * 129)
    assert_refused_in_indonesian(response, "display name")
    assert "128" in response.text
    assert 'value="panjang"' in response.text  # what was typed is kept


def test_follow_with_no_data(office: AppUnderTest) -> None:
    phone = office.socket("/track")
    for args in ((), (None,), ("\x00",), ({"id": "ab\x00c"},), ({"id": ["x"]},)):
        answer = phone.emit("follow", *args, namespace="/track", callback=True)
        assert answer["error"] and answer["message"], args

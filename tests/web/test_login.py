"""Staff sign in through the login form; pages send strangers there."""

from __future__ import annotations

import pytest

from antrean.core.access import Role
from tests.support.app import AppUnderTest, csrf_from
from tests.support.live_server import PASSWORD


@pytest.fixture
def office(app_under_test: AppUnderTest) -> AppUnderTest:
    app_under_test.add_user("siti", Role.PETUGAS)
    app_under_test.add_user("kepala", Role.ADMIN)
    return app_under_test


def test_a_wrong_password_keeps_the_username_and_says_why(office: AppUnderTest) -> None:
    web = office.client()
    token = csrf_from(web.get("/console/login").text)
    response = web.post("/console/login", data={
        "username": "siti", "password": "salah-sekali", "csrf_token": token})
    assert response.status_code == 401
    assert "Nama pengguna atau kata sandi salah." in response.text
    assert 'value="siti"' in response.text


def test_a_form_without_the_csrf_token_is_refused(office: AppUnderTest) -> None:
    response = office.client().post("/console/login",
                                    data={"username": "siti", "password": PASSWORD})
    assert response.status_code == 403
    assert "Muat ulang halaman" in response.text


def test_sign_in_goes_to_next_but_never_off_site(office: AppUnderTest) -> None:
    web = office.client()
    token = csrf_from(web.get("/console/login").text)
    response = web.post("/console/login", data={
        "username": "kepala", "password": PASSWORD, "csrf_token": token,
        "next": "//evil.example/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_the_session_authorises_api_calls_with_the_csrf_header(office: AppUnderTest) -> None:
    web = office.signed_in("kepala")
    response = web.put("/api/v1/running-text", json={"text": "Selamat datang"})
    assert response.status_code == 200, response.text
    without_header = office.client(session_of=web)
    assert without_header.get("/api/v1/print-jobs").status_code == 200  # signed in
    assert without_header.put("/api/v1/running-text", json={"text": "x"}).status_code == 403


def test_logout_ends_the_session(office: AppUnderTest) -> None:
    web = office.signed_in("siti")
    web.post("/console/logout")
    assert web.post("/api/v1/counters/1/call-next").status_code == 401


def test_a_cookie_from_before_logout_no_longer_signs_in(office: AppUnderTest) -> None:
    """A request still in flight at logout may hand the browser its old cookie back."""
    web = office.signed_in("siti")
    stale = office.client(session_of=web)
    stale.environ_base["HTTP_X_CSRF_TOKEN"] = web.environ_base["HTTP_X_CSRF_TOKEN"]
    assert stale.get("/api/v1/print-jobs").status_code == 200  # the copy signs in, until:
    web.post("/console/logout")
    assert stale.post("/api/v1/counters/1/call-next").status_code == 401

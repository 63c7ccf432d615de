"""A fresh install: the front page, and the first admin created with the console's code."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient
from sqlalchemy import update
from werkzeug.test import TestResponse

from antrean.core.access import Role
from antrean.db.models import User
from antrean.usecases.access.accounts import list_users
from antrean.usecases.access.first_admin import issue_setup_code, needs_setup
from tests.support.app import AppFactory, AppUnderTest, csrf_from
from tests.support.live_server import PASSWORD


def set_up(web: FlaskClient, code: str, username: str = "kepala", password: str = PASSWORD,
           again: str | None = None) -> TestResponse:
    token = csrf_from(web.get("/setup").text)
    return web.post("/setup", data={
        "csrf_token": token, "setup_code": code, "username": username,
        "display_name": "Ibu Kepala", "password": password,
        "password_again": password if again is None else again})


@pytest.mark.parametrize("path", ["/", "/console/login", "/admin/"])
def test_the_first_visit_to_a_fresh_install_leads_to_the_set_up_page(
        app_under_test: AppUnderTest, path: str) -> None:
    response = app_under_test.client().get(path, follow_redirects=True)
    assert response.request.path == "/setup"
    assert "Penyiapan awal: buat akun admin" in response.text
    assert 'name="setup_code"' in response.text


def test_the_console_code_creates_the_first_admin_who_is_signed_in_at_once(
        app_under_test: AppUnderTest) -> None:
    code = issue_setup_code(app_under_test.office)
    assert code is not None
    web = app_under_test.client()
    response = set_up(web, code.lower()[:4] + "-" + code.lower()[4:])  # typed as one reads it
    assert response.status_code == 302 and response.location == "/admin/perangkat"
    assert web.get("/admin/").status_code == 200
    [admin] = list_users(app_under_test.office)
    assert (admin.username, admin.role, admin.display_name) == ("kepala", Role.ADMIN,
                                                                "Ibu Kepala")
    assert not needs_setup(app_under_test.office)


def test_the_set_up_page_is_gone_once_an_admin_exists(app_under_test: AppUnderTest) -> None:
    code = issue_setup_code(app_under_test.office)
    assert code is not None
    assert set_up(app_under_test.client(), code).status_code == 302
    stranger = app_under_test.client()
    assert stranger.get("/setup").status_code == 404
    token = csrf_from(stranger.get("/console/login").text)
    assert stranger.post("/setup", data={"setup_code": code, "csrf_token": token,
                                         "username": "penyusup", "password": PASSWORD,
                                         "password_again": PASSWORD}).status_code == 404
    # Nor can a restart hand out a new code: there is nothing left to set up.
    assert issue_setup_code(app_under_test.office) is None
    assert stranger.get("/").status_code == 200


def test_a_wrong_code_creates_nobody_and_the_right_one_still_works(
        app_under_test: AppUnderTest) -> None:
    code = issue_setup_code(app_under_test.office)
    assert code is not None
    web = app_under_test.client()
    wrong = set_up(web, "ABCD-EFGH" if code != "ABCDEFGH" else "HGFE-DCBA")
    assert wrong.status_code == 401
    assert "Kode penyiapan salah" in wrong.text
    assert 'value="kepala"' in wrong.text  # what was typed is kept for the retry
    assert list_users(app_under_test.office) == []
    assert set_up(web, code).status_code == 302


def test_a_weak_password_or_a_mismatch_keeps_the_code_for_the_next_try(
        app_under_test: AppUnderTest) -> None:
    code = issue_setup_code(app_under_test.office)
    assert code is not None
    web = app_under_test.client()
    weak = set_up(web, code, password="pendek")
    assert weak.status_code == 422 and "paling sedikit 8" in weak.text
    mismatch = set_up(web, code, again="lain-sekali-123")
    assert mismatch.status_code == 422
    assert "tidak sama" in mismatch.text
    assert list_users(app_under_test.office) == []
    assert set_up(web, code).status_code == 302


def test_the_code_is_single_use(app_under_test: AppUnderTest) -> None:
    code = issue_setup_code(app_under_test.office)
    assert code is not None
    assert set_up(app_under_test.client(), code).status_code == 302
    # Even with no active admin left, the spent code creates nobody.
    with app_under_test.office.transaction() as session:
        session.execute(update(User).values(active=False))
    again = set_up(app_under_test.client(), code, username="penyusup")
    assert again.status_code == 401
    assert [u.username for u in list_users(app_under_test.office)] == ["kepala"]


def test_a_restart_replaces_the_code(app_under_test: AppUnderTest) -> None:
    first = issue_setup_code(app_under_test.office)
    second = issue_setup_code(app_under_test.office)
    assert first is not None and second is not None and first != second
    web = app_under_test.client()
    assert set_up(web, first).status_code == 401
    assert set_up(web, second).status_code == 302


def test_guessing_the_code_is_slowed_down(make_app: AppFactory) -> None:
    office = make_app(failed_logins=3)
    code = issue_setup_code(office.office)
    assert code is not None
    web = office.client()
    for _ in range(3):
        assert set_up(web, "2222-2222").status_code == 401
    refused = set_up(web, code)  # even the right code waits for the next minute
    assert refused.status_code == 429
    assert "Coba lagi dalam" in refused.text
    assert list_users(office.office) == []
    office.clock.advance(seconds=61)
    assert set_up(web, code).status_code == 302


def test_with_staff_but_no_admin_the_login_page_points_to_the_set_up(
        app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("siti", Role.PETUGAS)
    page = app_under_test.client().get("/console/login")
    assert page.status_code == 200  # the petugas can still sign in
    assert 'href="/setup"' in page.text
    app_under_test.add_user("kepala", Role.ADMIN)
    assert 'href="/setup"' not in app_under_test.client().get("/console/login").text


def test_the_front_page_says_what_each_screen_is_for(app_under_test: AppUnderTest) -> None:
    app_under_test.add_user("kepala", Role.ADMIN)
    page = app_under_test.client().get("/")
    assert page.status_code == 200
    for href, name in [("/kiosk/", "Kios Tiket"), ("/display/", "Layar TV"),
                       ("/console/", "Konsol Petugas"), ("/monitor", "Monitor Antrean"),
                       ("/layanan", "Standar Pelayanan"), ("/pengaduan", "Pengaduan"),
                       ("/admin/", "Admin")]:
        assert f'href="{href}"><strong>{name}</strong>' in page.text, name
    assert "Kecamatan" in page.text or "<h1>Selamat datang di" in page.text
    assert re.search(r"<script(?![^>]*\bsrc=)", page.text) is None  # no inline script

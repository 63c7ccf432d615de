"""Staff sign in through the login form; pages send strangers there."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import requests

from tests.support.live_server import PASSWORD, LiveServer, csrf_from


@pytest.fixture
def server(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server().with_users(siti="petugas", kepala="admin")


def test_a_wrong_password_keeps_the_username_and_says_why(server: LiveServer) -> None:
    web = requests.Session()
    token = csrf_from(web.get(f"{server.url}/console/login", timeout=10).text)
    response = web.post(f"{server.url}/console/login", timeout=10, data={
        "username": "siti", "password": "salah-sekali", "csrf_token": token})
    assert response.status_code == 401
    assert "Nama pengguna atau kata sandi salah." in response.text
    assert 'value="siti"' in response.text


def test_a_form_without_the_csrf_token_is_refused(server: LiveServer) -> None:
    response = requests.post(f"{server.url}/console/login", timeout=10,
                             data={"username": "siti", "password": PASSWORD})
    assert response.status_code == 403
    assert "Muat ulang halaman" in response.text


def test_sign_in_goes_to_next_but_never_off_site(server: LiveServer) -> None:
    web = requests.Session()
    token = csrf_from(web.get(f"{server.url}/console/login", timeout=10).text)
    response = web.post(f"{server.url}/console/login", timeout=10, allow_redirects=False, data={
        "username": "kepala", "password": PASSWORD, "csrf_token": token,
        "next": "//evil.example/"})
    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_the_session_authorises_api_calls_with_the_csrf_header(server: LiveServer) -> None:
    web = server.web_session("kepala", PASSWORD)
    response = web.put(f"{server.url}/api/v1/running-text", json={"text": "Selamat datang"},
                       timeout=10)
    assert response.status_code == 200, response.text
    without_header = requests.Session()
    without_header.cookies.update(web.cookies)
    refused = without_header.put(f"{server.url}/api/v1/running-text", json={"text": "x"},
                                 timeout=10)
    assert refused.status_code == 403


def test_logout_ends_the_session(server: LiveServer) -> None:
    web = server.web_session("siti", PASSWORD)
    web.post(f"{server.url}/console/logout", timeout=10)
    response = web.post(f"{server.url}/api/v1/counters/1/call-next", timeout=10)
    assert response.status_code == 401


def test_a_cookie_from_before_logout_no_longer_signs_in(server: LiveServer) -> None:
    """A request still in flight at logout may hand the browser its old cookie back."""
    web = server.web_session("siti", PASSWORD)
    old_cookies = web.cookies.copy()
    web.post(f"{server.url}/console/logout", timeout=10)
    stale = requests.Session()
    stale.cookies.update(old_cookies)
    stale.headers["X-CSRF-Token"] = web.headers["X-CSRF-Token"]
    response = stale.post(f"{server.url}/api/v1/counters/1/call-next", timeout=10)
    assert response.status_code == 401

"""User text is escaped in pages; the session key survives a restart; a paired TV keeps its
identity in the cookie."""

from __future__ import annotations

from collections.abc import Callable

import requests

from tests.support.live_server import PASSWORD, LiveServer, csrf_from

SCRIPT = '<script>window.__xss = 1</script>"><img src=x onerror=alert(1)>'


def test_typed_text_comes_back_escaped(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    web = requests.Session()
    token = csrf_from(web.get(f"{server.url}/console/login", timeout=10).text)
    page = web.post(f"{server.url}/console/login", timeout=10, data={
        "username": SCRIPT, "password": "salah-sekali", "csrf_token": token}).text
    assert "<script>window.__xss" not in page and "<img src=x" not in page
    assert "&lt;script&gt;window.__xss = 1&lt;/script&gt;" in page


def test_answers_carry_the_security_headers(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    for path in ("/console/login", "/api/v1/queue", "/devices/pair?token=x"):
        headers = requests.get(server.url + path, timeout=10).headers
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["X-Frame-Options"] == "SAMEORIGIN"
        assert headers["Referrer-Policy"] == "same-origin"


def test_sessions_and_pairings_survive_a_restart(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    server.create_user("kepala", PASSWORD, "admin")
    web = server.web_session("kepala", PASSWORD)
    tv = requests.Session()
    tv.get(server.pair_url(server.create_device("display")), timeout=10)
    server.stop()
    again = start_server(config_dir=server.config.parent)
    assert web.get(f"{again.url}/api/v1/audit", timeout=10).status_code == 200
    # The paired TV is a display device: it may not read the audit log, but it is known.
    assert tv.get(f"{again.url}/api/v1/audit", timeout=10).status_code == 403


def test_an_admin_revokes_every_token_of_a_user(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    server.create_user("kepala", PASSWORD, "admin")
    server.create_user("siti", PASSWORD, "petugas")
    phone, laptop = server.login("siti", PASSWORD), server.login("siti", PASSWORD)
    admin = server.login("kepala", PASSWORD)
    me = requests.get(f"{server.url}/api/v1/print-jobs", headers=phone, timeout=10)
    assert me.status_code == 200
    siti_id = next(e["target"] for e in requests.get(
        f"{server.url}/api/v1/audit", headers=admin, timeout=10).json()
        if e["detail"] == "petugas siti").split(":")[1]
    revoked = requests.post(f"{server.url}/api/v1/users/{siti_id}/revoke-tokens",
                            headers=admin, timeout=10)
    assert revoked.json() == {"revoked": 2}
    for headers in (phone, laptop):
        assert requests.get(f"{server.url}/api/v1/print-jobs", headers=headers,
                            timeout=10).status_code == 401
    assert server.login("siti", PASSWORD)  # signing in again still works


def test_an_id_too_big_for_the_database_is_a_404_not_a_crash(
        start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    server.create_user("kepala", PASSWORD, "admin")
    admin = server.login("kepala", PASSWORD)
    for path in ("/api/v1/devices/13520601089388207732314226032640/revoke",
                 "/api/v1/users/13520601089388207732314226032640/revoke-tokens"):
        response = requests.post(server.url + path, headers=admin, timeout=10)
        assert response.status_code == 404, path

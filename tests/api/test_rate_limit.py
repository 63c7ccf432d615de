"""The public ticket endpoint is rate limited per client, across server processes."""

from __future__ import annotations

import time
from collections.abc import Callable

import requests

from tests.support.live_server import LiveServer, csrf_from


def start_of_a_window() -> None:
    """The limit counts per clock minute; start a test early in one so it cannot straddle two."""
    if time.time() % 60 > 45:
        time.sleep(60 - time.time() % 60 + 0.1)


def issue(server: LiveServer, headers: dict[str, str] | None = None) -> requests.Response:
    return requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"},
                         headers=headers, timeout=10)


def test_too_many_tickets_from_one_address_get_429_across_processes(
        start_server: Callable[..., LiveServer], database_url: str) -> None:
    first = start_server(database_url=database_url, rate_limit=3)
    second = start_server(database_url=database_url, config_dir=first.config.parent)
    start_of_a_window()
    assert [issue(first).status_code, issue(second).status_code, issue(first).status_code] == \
        [201, 201, 201]
    refused = issue(second)
    assert refused.status_code == 429
    assert refused.json()["error"] == "too_many_requests"
    assert "Terlalu banyak permintaan tiket" in refused.json()["message"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    # A spoofed X-Forwarded-For does not help when no proxy is configured.
    assert issue(first, {"X-Forwarded-For": "10.9.8.7"}).status_code == 429


def test_a_paired_kiosk_is_not_limited(start_server: Callable[..., LiveServer]) -> None:
    server = start_server(rate_limit=2)
    kiosk = {"Authorization": f"Bearer {server.create_device('kiosk')}"}
    start_of_a_window()
    assert [issue(server, kiosk).status_code for _ in range(5)] == [201] * 5
    assert [issue(server).status_code for _ in range(3)] == [201, 201, 429]


def test_behind_a_configured_proxy_each_forwarded_client_counts_alone(
        start_server: Callable[..., LiveServer]) -> None:
    server = start_server(rate_limit=1, server_extra="proxy_hops = 1")
    start_of_a_window()
    assert issue(server, {"X-Forwarded-For": "10.0.0.1"}).status_code == 201
    assert issue(server, {"X-Forwarded-For": "10.0.0.1"}).status_code == 429
    assert issue(server, {"X-Forwarded-For": "10.0.0.2"}).status_code == 201


def test_password_guessing_is_slowed_down_per_address(
        start_server: Callable[..., LiveServer]) -> None:
    server = start_server(failed_logins=3)
    server.create_user("siti", "rahasia-123", "petugas")
    start_of_a_window()
    login = f"{server.url}/api/v1/auth/login"
    wrong = {"username": "siti", "password": "tebak-tebak"}
    assert [requests.post(login, json=wrong, timeout=10).status_code for _ in range(3)] == \
        [401, 401, 401]
    refused = requests.post(login, json={"username": "siti", "password": "rahasia-123"},
                            timeout=10)
    assert refused.status_code == 429 and refused.json()["error"] == "too_many_attempts"
    assert "Terlalu banyak percobaan masuk" in refused.json()["message"]
    assert 1 <= int(refused.headers["Retry-After"]) <= 60
    web = requests.Session()
    form = web.get(f"{server.url}/console/login", timeout=10).text
    page = web.post(f"{server.url}/console/login", timeout=10, data={
        "username": "siti", "password": "rahasia-123", "csrf_token": csrf_from(form)})
    assert page.status_code == 429 and "Terlalu banyak percobaan masuk" in page.text

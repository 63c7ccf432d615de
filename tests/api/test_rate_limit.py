"""The public ticket endpoint and sign-in are rate limited per client, across server processes.

The limiter counts per clock minute on the office's clock (`Office.now`): in-process apps get a
hand-moved clock, so no test waits for a minute to turn. Only the cross-process test needs real
servers, and there a minute that turns mid-test is seen and the sequence runs again.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
from flask.testing import FlaskClient

from tests.support.app import AppFactory, AppUnderTest, csrf_from
from tests.support.live_server import PASSWORD, LiveServer


def client_at(app: AppUnderTest, address: str = "192.0.2.10") -> FlaskClient:
    client = app.client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def issue(client: FlaskClient, headers: dict[str, str] | None = None) -> Any:
    return client.post("/api/v1/tickets", json={"service": "KTP"}, headers=headers or {})


def test_the_limit_counts_per_clock_minute_and_says_when_to_come_back(
        make_app: AppFactory) -> None:
    app = make_app(rate_limit=2)
    clock = app.clock
    clock.advance(seconds=10)  # 09.00.10
    phone = client_at(app)
    assert [issue(phone).status_code for _ in range(2)] == [201, 201]
    refused = issue(phone)
    assert refused.status_code == 429
    assert refused.get_json()["error"] == "too_many_requests"
    assert refused.get_json()["message"] == ("Terlalu banyak permintaan tiket dari alamat ini. "
                                             "Coba lagi dalam 50 detik.")
    assert refused.headers["Retry-After"] == "50"  # 09.00.10: the minute ends at 09.01.00
    clock.advance(seconds=49)
    assert issue(phone).headers["Retry-After"] == "1"
    clock.advance(seconds=1)  # 09.01.00: a new minute, a new count
    assert [issue(phone).status_code for _ in range(3)] == [201, 201, 429]
    assert issue(client_at(app, "192.0.2.11")).status_code == 201  # another phone


def test_a_paired_kiosk_is_not_limited(make_app: AppFactory) -> None:
    app = make_app(rate_limit=2)
    token = app.add_device("kiosk")
    kiosk = client_at(app)
    assert [issue(kiosk, {"Authorization": f"Bearer {token}"}).status_code
            for _ in range(5)] == [201] * 5
    assert [issue(kiosk).status_code for _ in range(3)] == [201, 201, 429]


def test_behind_a_configured_proxy_each_forwarded_client_counts_alone(
        make_app: AppFactory) -> None:
    app = make_app(rate_limit=1, server_extra="proxy_hops = 1")
    proxy = client_at(app, "127.0.0.1")
    assert issue(proxy, {"X-Forwarded-For": "10.0.0.1"}).status_code == 201
    assert issue(proxy, {"X-Forwarded-For": "10.0.0.1"}).status_code == 429
    assert issue(proxy, {"X-Forwarded-For": "10.0.0.2"}).status_code == 201


def test_without_a_proxy_a_forged_forwarded_address_does_not_help(
        make_app: AppFactory) -> None:
    app = make_app(rate_limit=1)
    phone = client_at(app)
    assert issue(phone, {"X-Forwarded-For": "10.9.8.7"}).status_code == 201
    assert issue(phone, {"X-Forwarded-For": "10.9.8.6"}).status_code == 429


def test_password_guessing_is_slowed_down_per_address(make_app: AppFactory) -> None:
    app = make_app(failed_logins=3)
    app.clock.advance(seconds=10)  # 09.00.10
    app.add_user("siti")
    guesser = client_at(app)
    wrong = {"username": "siti", "password": "tebak-tebak"}
    assert [guesser.post("/api/v1/auth/login", json=wrong).status_code for _ in range(3)] == \
        [401, 401, 401]
    right = {"username": "siti", "password": PASSWORD}
    refused = guesser.post("/api/v1/auth/login", json=right)
    assert refused.status_code == 429 and refused.get_json()["error"] == "too_many_attempts"
    assert "Terlalu banyak percobaan masuk" in refused.get_json()["message"]
    assert refused.headers["Retry-After"] == "50"
    form = guesser.get("/console/login").get_data(as_text=True)
    page = guesser.post("/console/login", data={**right, "csrf_token": csrf_from(form)})
    assert page.status_code == 429
    assert "Terlalu banyak percobaan masuk" in page.get_data(as_text=True)
    # Another address signs in; this one may again in the next minute.
    assert client_at(app, "192.0.2.99").post("/api/v1/auth/login", json=right).status_code == 200
    app.clock.advance(seconds=50)
    assert guesser.post("/api/v1/auth/login", json=right).status_code == 200


# --- across real server processes ----------------------------------------------------------

def post_ticket(server: LiveServer) -> requests.Response:
    return requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"}, timeout=10)


def minute(at: float) -> int:
    return int(at // 60)


@pytest.mark.parametrize(("backend", "async_mode"), [("sqlite", "threading"),
                                                     ("postgres", "eventlet")])
def test_too_many_tickets_from_one_address_get_429_across_processes(
        start_server: Callable[..., LiveServer], request: pytest.FixtureRequest,
        tmp_path: Path, backend: str, async_mode: str) -> None:
    database_url = (f"sqlite:///{tmp_path / 'antrean.sqlite3'}" if backend == "sqlite"
                    else request.getfixturevalue("postgres_url"))
    first = start_server(database_url=database_url, rate_limit=3, async_mode=async_mode)
    second = start_server(database_url=database_url, config_dir=first.config.parent)
    for _ in range(2):  # a second go only if the clock minute turned during the first
        began_at = time.time()
        statuses = [post_ticket(first).status_code, post_ticket(second).status_code,
                    post_ticket(first).status_code]
        refused = post_ticket(second)
        ended_at = time.time()
        if minute(began_at) == minute(ended_at):
            break
    else:
        pytest.fail("the clock minute turned during both tries")
    assert statuses == [201, 201, 201]
    assert refused.status_code == 429
    assert refused.json()["error"] == "too_many_requests"
    # The seconds left in the minute the requests were counted in (one clock on one machine).
    retry_after = int(refused.headers["Retry-After"])
    assert math.ceil(60 - ended_at % 60) <= retry_after <= math.ceil(60 - began_at % 60)

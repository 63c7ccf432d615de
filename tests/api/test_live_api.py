"""The JSON API on a real server process on 127.0.0.1."""

from collections.abc import Callable
from typing import Any

import pytest
import requests

from tests.support.live_server import PASSWORD, LiveServer


@pytest.fixture
def server(start_server: Callable[..., LiveServer]) -> LiveServer:
    return start_server().with_users(petugas1="petugas", admin1="admin")


def post(server: LiveServer, path: str, body: Any = None,
         headers: dict[str, str] | None = None) -> requests.Response:
    return requests.post(f"{server.url}/api/v1{path}", json=body, headers=headers, timeout=10)


def test_issue_call_serve_finish_through_the_api(server: LiveServer) -> None:
    created = post(server, "/tickets", {"service": "KTP"})
    assert created.status_code == 201
    ticket = created.json()
    assert ticket["number"] == "A-001" and ticket["ahead"] == 0
    assert set(ticket) >= {"id", "number", "service", "status", "issued_at", "ahead",
                           "estimated_wait_seconds"}
    auth = server.login("petugas1", PASSWORD)
    called = post(server, "/counters/1/call-next", headers=auth)
    assert called.status_code == 200 and called.json()["id"] == ticket["id"]
    assert post(server, "/counters/1/recall", headers=auth).status_code == 200
    assert post(server, f"/tickets/{ticket['id']}/start", headers=auth).json()["status"] == \
        "serving"
    assert post(server, f"/tickets/{ticket['id']}/finish", headers=auth).json()["status"] == "done"
    assert post(server, "/counters/1/call-next", headers=auth).status_code == 204
    current = requests.get(f"{server.url}/api/v1/tickets/{ticket['id']}", timeout=10).json()
    assert current["status"] == "done" and current["counter"] == 1


def test_services_and_queue_snapshot(server: LiveServer) -> None:
    post(server, "/tickets", {"service": "KK", "priority": "lansia"})
    services = requests.get(f"{server.url}/api/v1/services", timeout=10).json()
    kk = next(s for s in services if s["code"] == "KK")
    assert kk == {**kk, "name": "Kartu Keluarga", "prefix": "B", "waiting": 1, "open": True}
    queue = requests.get(f"{server.url}/api/v1/queue", timeout=10).json()
    assert {"services", "counters", "recent_calls", "office"} <= set(queue)


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"service": "NOPE"}, 422, "unknown_service"),
    ({}, 422, "missing_service"),
    ({"service": "KTP", "priority": "vip"}, 422, "invalid_priority"),
    ([1, 2], 422, "invalid_body"),
])
def test_bad_ticket_requests_get_json_errors(server: LiveServer, body: Any, status: int,
                                             code: str) -> None:
    response = post(server, "/tickets", body)
    assert response.status_code == status
    assert response.json()["error"] == code
    assert response.json()["message"]


def test_a_malformed_body_is_a_400_with_a_message(server: LiveServer) -> None:
    response = requests.post(f"{server.url}/api/v1/tickets", data="{not json",
                             headers={"Content-Type": "application/json"}, timeout=10)
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"


def test_petugas_actions_need_a_login(server: LiveServer) -> None:
    assert post(server, "/counters/1/call-next").status_code == 401
    bad = post(server, "/counters/1/call-next", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    wrong = post(server, "/auth/login", {"username": "petugas1", "password": "salah-sekali"})
    assert wrong.status_code == 401 and wrong.json()["error"] == "invalid_credentials"
    stats = requests.get(f"{server.url}/api/v1/stats", timeout=10)
    assert stats.status_code == 401


def test_running_text_is_admin_only(server: LiveServer) -> None:
    petugas = server.login("petugas1", PASSWORD)
    admin = server.login("admin1", PASSWORD)
    url = f"{server.url}/api/v1/running-text"
    assert requests.put(url, json={"text": "x"}, headers=petugas, timeout=10).status_code == 403
    assert requests.put(url, json={"text": "Selamat datang"}, headers=admin,
                        timeout=10).status_code == 200
    assert requests.get(f"{server.url}/api/v1/queue", timeout=10).json()["running_text"] == \
        "Selamat datang"


def test_wrong_state_is_409_and_unknown_ticket_404(server: LiveServer) -> None:
    auth = server.login("petugas1", PASSWORD)
    ticket = post(server, "/tickets", {"service": "KTP"}).json()
    response = post(server, f"/tickets/{ticket['id']}/finish", headers=auth)
    assert response.status_code == 409 and response.json()["error"] == "invalid_state"
    assert post(server, "/tickets/nope/finish", headers=auth).status_code == 404
    assert post(server, "/counters/42/call-next", headers=auth).status_code == 404


def test_transfer_through_the_api(server: LiveServer) -> None:
    auth = server.login("petugas1", PASSWORD)
    ticket = post(server, "/tickets", {"service": "KTP"}).json()
    post(server, "/counters/1/call-next", headers=auth)
    moved = post(server, f"/tickets/{ticket['id']}/transfer", {"service": "AKTA"}, headers=auth)
    assert moved.status_code == 200 and moved.json()["service"] == "AKTA"
    bad = post(server, f"/tickets/{ticket['id']}/transfer", {"service": 5}, headers=auth)
    assert bad.status_code == 422


def test_quota_refusal_is_409_with_the_indonesian_message(
        start_server: Callable[..., LiveServer]) -> None:
    server = start_server(quota=1)
    assert post(server, "/tickets", {"service": "KTP"}).status_code == 201
    refused = post(server, "/tickets", {"service": "KTP"})
    assert refused.status_code == 409
    assert refused.json() == {"error": "quota_full",
                              "message": "Kuota layanan hari ini sudah habis."}


def test_stats_for_a_day(server: LiveServer) -> None:
    auth = server.login("admin1", PASSWORD)
    post(server, "/tickets", {"service": "KTP"})
    post(server, "/counters/1/call-next", headers=auth)
    post(server, "/counters/1/call-next", headers=auth)
    stats = requests.get(f"{server.url}/api/v1/stats", headers=auth, timeout=10).json()
    ktp = next(s for s in stats["services"] if s["service"] == "KTP")
    assert ktp["issued"] == 1 and ktp["served"] == 1
    assert ktp["waiting_seconds"]["count"] == 1
    bad = requests.get(f"{server.url}/api/v1/stats?from=2026-13-01", headers=auth, timeout=10)
    assert bad.status_code == 422


def test_openapi_document_is_served(server: LiveServer) -> None:
    spec = requests.get(f"{server.url}/api/v1/openapi.json", timeout=10).json()
    assert spec["openapi"].startswith("3.")
    assert "/tickets" in spec["paths"]

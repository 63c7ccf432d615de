"""The JSON API, in-process: issue, call, serve and the errors a client gets."""

from typing import Any

import pytest
from flask.testing import FlaskClient
from werkzeug.test import TestResponse

from antrean.core.access import Role
from tests.support.app import AppFactory, AppUnderTest


@pytest.fixture
def office(app_under_test: AppUnderTest) -> AppUnderTest:
    app_under_test.add_user("petugas1", Role.PETUGAS)
    app_under_test.add_user("admin1", Role.ADMIN)
    return app_under_test


@pytest.fixture
def api(office: AppUnderTest) -> FlaskClient:
    return office.client()


def post(api: FlaskClient, path: str, body: Any = None,
         headers: dict[str, str] | None = None) -> TestResponse:
    return api.post(f"/api/v1{path}", json=body, headers=headers)


def test_issue_call_serve_finish_through_the_api(office: AppUnderTest, api: FlaskClient) -> None:
    created = post(api, "/tickets", {"service": "KTP"})
    assert created.status_code == 201
    ticket = created.get_json()
    assert ticket["number"] == "A-001" and ticket["ahead"] == 0
    assert set(ticket) >= {"id", "number", "service", "status", "issued_at", "ahead",
                           "estimated_wait_seconds"}
    auth = office.bearer("petugas1")
    called = post(api, "/counters/1/call-next", headers=auth)
    assert called.status_code == 200 and called.get_json()["id"] == ticket["id"]
    assert post(api, "/counters/1/recall", headers=auth).status_code == 200
    assert post(api, f"/tickets/{ticket['id']}/start", headers=auth).get_json()["status"] == \
        "serving"
    assert post(api, f"/tickets/{ticket['id']}/finish", headers=auth).get_json()["status"] == \
        "done"
    assert post(api, "/counters/1/call-next", headers=auth).status_code == 204
    current = api.get(f"/api/v1/tickets/{ticket['id']}").get_json()
    assert current["status"] == "done" and current["counter"] == 1


def test_services_and_queue_snapshot(api: FlaskClient) -> None:
    post(api, "/tickets", {"service": "KK", "priority": "lansia"})
    services = api.get("/api/v1/services").get_json()
    kk = next(s for s in services if s["code"] == "KK")
    assert kk == {**kk, "name": "Kartu Keluarga", "prefix": "B", "waiting": 1, "open": True}
    queue = api.get("/api/v1/queue").get_json()
    assert {"services", "counters", "recent_calls", "office"} <= set(queue)


@pytest.mark.parametrize(("body", "status", "code"), [
    ({"service": "NOPE"}, 422, "unknown_service"),
    ({}, 422, "missing_service"),
    ({"service": "KTP", "priority": "vip"}, 422, "invalid_priority"),
    ([1, 2], 422, "invalid_body"),
])
def test_bad_ticket_requests_get_json_errors(api: FlaskClient, body: Any, status: int,
                                             code: str) -> None:
    response = post(api, "/tickets", body)
    assert response.status_code == status
    assert response.get_json()["error"] == code
    assert response.get_json()["message"]


def test_a_malformed_body_is_a_400_with_a_message(api: FlaskClient) -> None:
    response = api.post("/api/v1/tickets", data="{not json",
                        headers={"Content-Type": "application/json"})
    assert response.status_code == 400
    assert response.get_json()["error"] == "bad_request"


def test_petugas_actions_need_a_login(api: FlaskClient) -> None:
    assert post(api, "/counters/1/call-next").status_code == 401
    bad = post(api, "/counters/1/call-next", headers={"Authorization": "Bearer nope"})
    assert bad.status_code == 401
    wrong = post(api, "/auth/login", {"username": "petugas1", "password": "salah-sekali"})
    assert wrong.status_code == 401 and wrong.get_json()["error"] == "invalid_credentials"
    assert api.get("/api/v1/stats").status_code == 401


def test_running_text_is_admin_only(office: AppUnderTest, api: FlaskClient) -> None:
    petugas = office.bearer("petugas1")
    admin = office.bearer("admin1")
    assert api.put("/api/v1/running-text", json={"text": "x"},
                   headers=petugas).status_code == 403
    assert api.put("/api/v1/running-text", json={"text": "Selamat datang"},
                   headers=admin).status_code == 200
    assert api.get("/api/v1/queue").get_json()["running_text"] == "Selamat datang"


def test_wrong_state_is_409_and_unknown_ticket_404(office: AppUnderTest,
                                                   api: FlaskClient) -> None:
    auth = office.bearer("petugas1")
    ticket = post(api, "/tickets", {"service": "KTP"}).get_json()
    response = post(api, f"/tickets/{ticket['id']}/finish", headers=auth)
    assert response.status_code == 409 and response.get_json()["error"] == "invalid_state"
    assert post(api, "/tickets/nope/finish", headers=auth).status_code == 404
    assert post(api, "/counters/42/call-next", headers=auth).status_code == 404


def test_transfer_through_the_api(office: AppUnderTest, api: FlaskClient) -> None:
    auth = office.bearer("petugas1")
    ticket = post(api, "/tickets", {"service": "KTP"}).get_json()
    post(api, "/counters/1/call-next", headers=auth)
    moved = post(api, f"/tickets/{ticket['id']}/transfer", {"service": "AKTA"}, headers=auth)
    assert moved.status_code == 200 and moved.get_json()["service"] == "AKTA"
    bad = post(api, f"/tickets/{ticket['id']}/transfer", {"service": 5}, headers=auth)
    assert bad.status_code == 422


def test_quota_refusal_is_409_with_the_indonesian_message(make_app: AppFactory) -> None:
    api = make_app(quota=1).client()
    assert post(api, "/tickets", {"service": "KTP"}).status_code == 201
    refused = post(api, "/tickets", {"service": "KTP"})
    assert refused.status_code == 409
    assert refused.get_json() == {"error": "quota_full",
                                  "message": "Kuota layanan hari ini sudah habis."}


def test_stats_for_a_day(office: AppUnderTest, api: FlaskClient) -> None:
    auth = office.bearer("admin1")
    post(api, "/tickets", {"service": "KTP"})
    post(api, "/counters/1/call-next", headers=auth)
    post(api, "/counters/1/call-next", headers=auth)
    stats = api.get("/api/v1/stats", headers=auth).get_json()
    ktp = next(s for s in stats["services"] if s["service"] == "KTP")
    assert ktp["issued"] == 1 and ktp["served"] == 1
    assert ktp["waiting_seconds"]["count"] == 1
    assert api.get("/api/v1/stats?from=2026-13-01", headers=auth).status_code == 422


def test_openapi_document_is_served(api: FlaskClient) -> None:
    spec = api.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert "/tickets" in spec["paths"]

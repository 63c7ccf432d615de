"""The console and API let the calling petugas confirm or remove a priority; kiosks cannot."""

from __future__ import annotations

from tests.support.app import AppFactory, AppUnderTest


def test_the_calling_petugas_removes_a_priority_through_the_api(
        app_under_test: AppUnderTest) -> None:
    office = app_under_test
    office.add_user("petugas1")
    staff = office.bearer("petugas1")
    api = office.client()
    ticket = api.post("/api/v1/tickets", json={"service": "KTP", "priority": "lansia"}).get_json()
    api.post("/api/v1/counters/1/call-next", headers=staff)
    console = office.signed_in("petugas1")
    assert console.post("/console/loket", data={"counter": "1"}).status_code == 302
    assert console.get("/console/state.json").get_json()["actions"]["check_priority"] is True
    path = f"/api/v1/tickets/{ticket['id']}/priority"
    assert api.post(path, json={"decision": "confirm"}).status_code == 401
    refused = api.post(path, json={"decision": "remove"}, headers=staff)
    assert refused.status_code == 422 and refused.get_json()["error"] == "reason_required"
    unknown = api.post(path, json={"decision": "maybe"}, headers=staff)
    assert unknown.status_code == 422 and "confirm" in unknown.get_json()["message"]
    removed = api.post(path, json={"decision": "remove", "reason": "Belum 60 tahun"},
                       headers=staff)
    assert removed.status_code == 200
    assert (removed.get_json()["status"], removed.get_json()["priority_check"]) == \
        ("waiting", "removed")
    assert console.get("/console/state.json").get_json()["actions"]["check_priority"] is False
    office.add_user("kepala", "admin")
    audit = api.get("/api/v1/audit", headers=office.bearer("kepala"))
    assert audit.status_code == 200
    entry = next(e for e in audit.get_json() if e["action"] == "priority_removed")
    assert entry["user"] == "petugas1" and "Belum 60 tahun" in entry["detail"]


def test_with_a_greeter_staff_issue_confirmed_priority_and_the_kiosk_pending(
        make_app: AppFactory) -> None:
    office = make_app(extra_tables="[priority]\ngreeter_confirms = true\n")
    office.add_user("satpam")
    kiosk = office.client().post("/api/v1/tickets",
                                 json={"service": "KTP", "priority": "lansia"}).get_json()
    assert kiosk["priority_check"] == "pending"
    desk = office.client().post("/api/v1/tickets", headers=office.bearer("satpam"),
                                json={"service": "KTP", "priority": "lansia",
                                      "channel": "counter"}).get_json()
    assert desk["priority_check"] == "confirmed" and desk["ahead"] == 0

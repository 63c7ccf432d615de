"""Lobby TVs bound to zones, over the in-process Socket.IO feed: each TV hears exactly the
calls of its zone's loket (a loket in two zones reaches both), an unzoned TV hears them all."""

from __future__ import annotations

from typing import Any

from flask_socketio import SocketIOTestClient

from antrean.core.access import Role
from antrean.usecases.access.devices import create_device, set_device_zone
from tests.support.app import AppFactory, AppUnderTest, events_named
from tests.support.zones import ZONES


def zoned_tv(office: AppUnderTest, zone: str | None) -> SocketIOTestClient:
    device, token = create_device(office.office, f"TV {zone or 'kantor'}", "display")
    set_device_zone(office.office, device["id"], zone)
    return office.socket(auth={"token": token})


def heard_calls(tv: SocketIOTestClient) -> list[tuple[str, int]]:
    return [(c["ticket"]["number"], c["counter"]["number"]) for c in events_named(tv, "called")]


def test_each_tv_hears_exactly_its_zones_calls(make_app: AppFactory,
                                              database_url: str) -> None:
    office = make_app(database_url, extra_tables=ZONES)
    office.add_user("petugas1", Role.PETUGAS)
    staff = office.bearer("petugas1")
    api = office.client()
    tvs = {zone: zoned_tv(office, zone) for zone in ("utara", "selatan", None)}
    snapshots: dict[Any, Any] = {zone: events_named(tv, "snapshot")[0]
                                 for zone, tv in tvs.items()}
    assert [c["number"] for c in snapshots["utara"]["counters"]] == [1]
    assert snapshots["selatan"]["zone"] == {"code": "selatan", "name": "Ruang Selatan"}
    assert snapshots["selatan"]["running_text"] == "Selamat datang di Ruang Selatan"
    assert [s["code"] for s in snapshots["selatan"]["services"]] == ["AKTA"]
    assert snapshots[None]["zone"] is None and len(snapshots[None]["counters"]) == 3
    for service in ("KTP", "AKTA", "KTP"):
        api.post("/api/v1/tickets", json={"service": service})
    for counter in (1, 3, 2):
        assert api.post(f"/api/v1/counters/{counter}/call-next", headers=staff).status_code == 200
    api.post("/api/v1/counters/3/recall", headers=staff)
    assert heard_calls(tvs["utara"]) == [("A-001", 1)]
    assert heard_calls(tvs["selatan"]) == [("C-001", 3), ("C-001", 3)]
    assert heard_calls(tvs[None]) == [("A-001", 1), ("C-001", 3), ("A-002", 2), ("C-001", 3)]
    # What a zoned TV is sent never names another zone's loket.
    utara = tvs["utara"].emit("snapshot", None, namespace="/display", callback=True)
    assert {c["counter"] for c in utara["recent_calls"]} == {1}
    assert [c["number"] for c in utara["counters"]] == [1]


def test_a_tv_moved_to_another_zone_is_told_to_load_again(make_app: AppFactory) -> None:
    office = make_app(extra_tables=ZONES)
    device, token = create_device(office.office, "TV Lobi", "display")
    set_device_zone(office.office, device["id"], "utara")
    tv = office.socket(auth={"token": token})
    other = zoned_tv(office, "utara")
    set_device_zone(office.office, device["id"], "selatan")
    assert events_named(tv, "device_changed") == [{"device": device["id"]}]
    assert events_named(other, "device_changed") == []
    again = office.socket(auth={"token": token})
    assert events_named(again, "snapshot")[0]["zone"]["code"] == "selatan"


def test_staff_preview_a_zones_tv_but_a_tv_keeps_its_own_zone(make_app: AppFactory) -> None:
    office = make_app(extra_tables=ZONES)
    office.add_user("kepala", Role.ADMIN)
    admin = office.signed_in("kepala")
    assert 'data-zone="utara"' in admin.get("/display/?zona=utara").text
    assert 'data-zone=""' in admin.get("/display/?zona=tidak-ada").text
    preview = office.socket(client=admin, auth={"zone": "utara"})
    assert events_named(preview, "snapshot")[0]["zone"]["code"] == "utara"
    _, token = create_device(office.office, "TV Utara", "display", zone="utara")
    tv = office.socket(auth={"token": token, "zone": "selatan"})
    assert events_named(tv, "snapshot")[0]["zone"]["code"] == "utara"
    whole = office.socket(client=admin)
    assert events_named(whole, "snapshot")[0]["zone"] is None

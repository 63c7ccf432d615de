"""The /display and /track Socket.IO feeds: real clients on a real server in every async mode,
and the /track rules in-process."""

from collections.abc import Callable

import pytest
import requests

from antrean.core.access import Role
from tests.support.app import AppUnderTest, events_named
from tests.support.live_server import PASSWORD, LiveServer
from tests.support.socket_client import ScreenClient


@pytest.mark.parametrize("async_mode", ["eventlet", "gevent", "threading"])
def test_a_display_gets_the_snapshot_and_every_call(
        start_server: Callable[..., LiveServer], async_mode: str) -> None:
    server = start_server(async_mode=async_mode)
    server.create_user("petugas1", PASSWORD, "petugas")
    screen = ScreenClient(server.url, token=server.create_device("display"))
    try:
        snapshot = screen.wait_for("snapshot")
        assert snapshot["office"]["name"] == "Kecamatan Uji Coba"
        ticket = requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"},
                               timeout=10).json()
        update = screen.wait_for("update")  # what changed, not a whole snapshot
        assert [(s["code"], s["waiting"]) for s in update["services"]] == [("KTP", 1)]
        assert update["versions"] == {"service:KTP": 1}
        auth = server.login("petugas1", PASSWORD)
        requests.post(f"{server.url}/api/v1/counters/2/call-next", headers=auth, timeout=10)
        called = screen.wait_for("called")
        assert called["ticket"]["number"] == ticket["number"] and "id" not in called["ticket"]
        assert called["counter"]["number"] == 2
        assert called["announcement"]["display_text"] == \
            "Nomor antrean A-001, silakan menuju Loket 2"
        assert called["recall"] is False
        requests.post(f"{server.url}/api/v1/counters/2/recall", headers=auth, timeout=10)
        assert screen.wait_for("called")["recall"] is True
    finally:
        screen.close()


def test_a_phone_follows_only_its_own_ticket(app_under_test: AppUnderTest) -> None:
    office = app_under_test
    office.add_user("petugas1", Role.PETUGAS)
    api = office.client()
    mine = api.post("/api/v1/tickets", json={"service": "KTP"}).get_json()
    phone = office.socket("/track", client=office.client())

    def follow(ticket_id: str) -> dict[str, object]:
        answer: dict[str, object] = phone.emit("follow", {"id": ticket_id}, namespace="/track",
                                               callback=True)
        return answer

    followed = follow(mine["id"])
    assert followed["ticket"]["number"] == "A-001"  # type: ignore[index]
    assert follow("bukan-tiket")["error"] == "ticket_not_found"
    # A regular ticket behind this one changes nothing the phone shows, so it hears nothing; a
    # priority ticket goes ahead of it, so the phone hears that its queue moved.
    api.post("/api/v1/tickets", json={"service": "KTP"})
    assert events_named(phone, "queue_changed", "/track") == []
    api.post("/api/v1/tickets", json={"service": "KTP", "priority": "lansia"})
    assert events_named(phone, "queue_changed", "/track") == [{"service": "KTP"}]
    auth = office.bearer("petugas1")
    for counter in (1, 2):  # the lansia first, then this ticket
        api.post(f"/api/v1/counters/{counter}/call-next", headers=auth)
    updates = events_named(phone, "ticket", "/track")
    assert [(u["id"], u["status"], u["counter"]) for u in updates] == \
        [(mine["id"], "called", 2)]

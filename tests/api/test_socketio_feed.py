"""The /display and /track Socket.IO feeds, with real clients, in every async mode."""

from collections.abc import Callable

import pytest
import requests

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
        assert called["ticket"]["id"] == ticket["id"]
        assert called["counter"]["number"] == 2
        assert called["announcement"]["display_text"] == \
            "Nomor antrean A-001, silakan menuju loket 2"
        assert called["recall"] is False
        requests.post(f"{server.url}/api/v1/counters/2/recall", headers=auth, timeout=10)
        assert screen.wait_for("called")["recall"] is True
    finally:
        screen.close()


def test_a_phone_follows_only_its_own_ticket(start_server: Callable[..., LiveServer]) -> None:
    server = start_server()
    server.create_user("petugas1", PASSWORD, "petugas")
    mine = requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP"},
                         timeout=10).json()
    phone = ScreenClient(server.url, namespace="/track")
    try:
        followed = phone.call("follow", {"id": mine["id"]})
        assert followed["ticket"]["number"] == "A-001"
        assert phone.call("follow", {"id": "bukan-tiket"})["error"] == "ticket_not_found"
        # A priority ticket goes ahead of this one: the phone hears its queue moved. (A regular
        # ticket behind it changes nothing it shows, so it sends nothing.)
        requests.post(f"{server.url}/api/v1/tickets", json={"service": "KTP",
                                                              "priority": "lansia"}, timeout=10)
        assert phone.wait_for("queue_changed") == {"service": "KTP"}
        auth = server.login("petugas1", PASSWORD)
        for counter in (1, 2):  # the lansia first, then this ticket
            requests.post(f"{server.url}/api/v1/counters/{counter}/call-next", headers=auth,
                          timeout=10)
        update = phone.wait_for("ticket")
        assert update["id"] == mine["id"] and update["status"] == "called"
        assert update["counter"] == 2
    finally:
        phone.close()

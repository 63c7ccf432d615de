"""An edit in /admin on one server process is seen by the screens and the actions of a
second process at once (PostgreSQL behind both, Redis between them)."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import requests

from tests.support.live_server import PASSWORD, LiveServer
from tests.support.redis_server import shared_redis_url
from tests.support.socket_client import ScreenClient


def service(server: LiveServer, code: str) -> dict:  # type: ignore[type-arg]
    services = requests.get(f"{server.url}/api/v1/services", timeout=10).json()
    return next(s for s in services if s["code"] == code)


def test_an_edit_on_one_process_reaches_the_screens_and_actions_of_another(
        start_server: Callable[..., LiveServer], postgres_url: str) -> None:
    channel = f"antrean-test-{uuid.uuid4().hex[:8]}"
    first = start_server(database_url=postgres_url, message_queue=shared_redis_url(),
                         channel=channel)
    second = start_server(database_url=postgres_url, config_dir=first.config.parent)
    first.create_user("kepala", PASSWORD, "admin")
    first.create_user("siti", PASSWORD, "petugas")
    admin = first.login("kepala", PASSWORD)
    screen = ScreenClient(second.url, token=first.create_device("display"))
    try:
        assert service(second, "KTP")["daily_quota"] == 500
        answer = requests.patch(f"{first.url}/api/v1/setup/services/KTP", timeout=10,
                                json={"daily_quota": 2}, headers=admin)
        assert answer.status_code == 200, answer.text
        assert service(second, "KTP")["quota_left"] == 2  # at once, no wait
        assert screen.wait_for("setup", timeout=10)["services"] == ["KTP", "KK", "AKTA"]
        requests.post(f"{first.url}/api/v1/setup/services/KK/pause", timeout=10,
                      json={"reason": "Server pusat gangguan"}, headers=admin)
        refused = requests.post(f"{second.url}/api/v1/tickets", json={"service": "KK"},
                                timeout=10)
        assert refused.status_code == 409 and refused.json()["error"] == "service_paused"
        update = screen.wait_for("update", timeout=10)
        while not any(s["code"] == "KK" for s in update["services"]):
            update = screen.wait_for("update", timeout=10)
        assert update["services"][0]["closed_label"] == "Tutup sementara: Server pusat gangguan"
        petugas = second.login("siti", PASSWORD)  # before: signing in reads the set-up too
        requests.delete(f"{first.url}/api/v1/setup/counters/3", timeout=10, headers=admin)
        # The action looks its loket up before its transaction: it must not use the set-up
        # this process read before the loket was removed elsewhere.
        gone = requests.post(f"{second.url}/api/v1/counters/3/call-next", timeout=10,
                             headers=petugas)
        assert gone.status_code == 404 and gone.json()["message"] == "Loket 3 tidak ada."
        assert "set-up: the database matches" in second.read_log()
        # An agency added on one process: the other lists it and its tickets name it at once.
        added = requests.post(f"{first.url}/api/v1/setup/agencies", timeout=10, headers=admin,
                              json={"code": "kecamatan", "name": "Kecamatan Uji Coba",
                                    "short_name": "Kecamatan", "logo": "kecamatan.png"})
        assert added.status_code == 201, added.text
        assert requests.get(f"{second.url}/api/v1/agencies", timeout=10).json() == [
            {"code": "kecamatan", "name": "Kecamatan Uji Coba", "short_name": "Kecamatan",
             "logo": "kecamatan.png"}]
        assert service(second, "KTP")["agency"] == "kecamatan"
        ticket = requests.post(f"{second.url}/api/v1/tickets", json={"service": "KTP"},
                               timeout=10).json()
        assert ticket["agency_name"] == "Kecamatan"
    finally:
        screen.close()

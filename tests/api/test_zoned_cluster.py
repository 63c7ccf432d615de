"""Zones across two server processes (PostgreSQL behind both, Redis between them): a call on
one process reaches the zone's TV on the other, and not another zone's TV."""

from __future__ import annotations

import uuid
from collections.abc import Callable

import requests

from antrean.usecases.access.devices import create_device, set_device_zone
from tests.support.live_server import PASSWORD, LiveServer
from tests.support.redis_server import shared_redis_url
from tests.support.socket_client import ScreenClient
from tests.support.zones import ZONES


def zoned_tv(server: LiveServer, on: LiveServer, zone: str) -> ScreenClient:
    device, token = create_device(server.office, f"TV {zone}", "display")
    set_device_zone(server.office, device["id"], zone)
    return ScreenClient(on.url, token=token)


def test_a_call_on_one_process_reaches_only_its_zones_tv_on_the_other(
        start_server: Callable[..., LiveServer], postgres_url: str) -> None:
    first = start_server(database_url=postgres_url, message_queue=shared_redis_url(),
                         channel=f"antrean-test-{uuid.uuid4().hex[:8]}", extra_tables=ZONES)
    second = start_server(database_url=postgres_url, config_dir=first.config.parent)
    first.create_user("siti", PASSWORD, "petugas")
    utara, selatan = zoned_tv(first, second, "utara"), zoned_tv(first, second, "selatan")
    try:
        staff = first.login("siti", PASSWORD)
        for service in ("KTP", "AKTA"):
            requests.post(f"{first.url}/api/v1/tickets", json={"service": service}, timeout=10)
        requests.post(f"{first.url}/api/v1/counters/1/call-next", headers=staff, timeout=10)
        requests.post(f"{first.url}/api/v1/counters/3/call-next", headers=staff, timeout=10)
        assert utara.wait_for("called", timeout=10)["ticket"]["number"] == "A-001"
        # Redis delivers in publish order: the first call "selatan" hears is its own.
        assert selatan.wait_for("called", timeout=10)["ticket"]["number"] == "C-001"
        requests.post(f"{first.url}/api/v1/counters/1/recall", headers=staff, timeout=10)
        requests.post(f"{first.url}/api/v1/counters/3/recall", headers=staff, timeout=10)
        recall = selatan.wait_for("called", timeout=10)
        assert (recall["ticket"]["number"], recall["recall"]) == ("C-001", True)
        assert utara.wait_for("called", timeout=10)["counter"]["number"] == 1
    finally:
        utara.close()
        selatan.close()

"""A revocation made on one server process ends the open connections on the other (issue 11,
defect 7): two processes, PostgreSQL behind both, Redis between them."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

import requests

from antrean.usecases.access.accounts import list_users
from tests.support.live_server import PASSWORD, LiveServer
from tests.support.redis_server import shared_redis_url
from tests.support.socket_client import ScreenClient

WITHIN_SECONDS = 6.0


def still_open(screen: ScreenClient) -> bool:
    return screen.namespace in screen.client.namespaces


def closed_within(screen: ScreenClient, seconds: float = WITHIN_SECONDS) -> bool:
    deadline = time.monotonic() + seconds
    while still_open(screen):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_a_revocation_on_one_process_disconnects_screens_on_the_other(
        start_server: Callable[..., LiveServer], postgres_url: str) -> None:
    first = start_server(database_url=postgres_url, message_queue=shared_redis_url(),
                         channel=f"antrean-test-{uuid.uuid4().hex[:8]}", async_mode="eventlet")
    second = start_server(database_url=postgres_url, config_dir=first.config.parent)
    first.with_users(kepala="admin", siti="petugas", budi="petugas")
    admin = first.login("kepala", PASSWORD)
    device = requests.post(f"{first.url}/api/v1/devices", headers=admin, timeout=10,
                           json={"name": "TV Lobi", "role": "display"}).json()
    siti = first.login("siti", PASSWORD)["Authorization"].split()[1]
    budi = first.login("budi", PASSWORD)["Authorization"].split()[1]
    screens = {name: ScreenClient(second.url, token=token)
               for name, token in (("tv", device["token"]), ("siti", siti), ("budi", budi))}
    try:
        assert all(still_open(screen) for screen in screens.values())
        requests.post(f"{first.url}/api/v1/devices/{device['id']}/revoke", headers=admin,
                      timeout=10).raise_for_status()
        siti_id = next(user.user_id for user in list_users(first.office)
                       if user.username == "siti")
        requests.post(f"{first.url}/api/v1/users/{siti_id}/revoke-tokens", headers=admin,
                      timeout=10).raise_for_status()
        assert closed_within(screens["tv"]) and closed_within(screens["siti"])
        assert still_open(screens["budi"])  # nobody else is cut off
    finally:
        for screen in screens.values():
            screen.close()

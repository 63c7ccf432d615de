"""Two server processes for one office: PostgreSQL behind both, Redis between them."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path

import pytest
import requests

from tests.support.live_server import PASSWORD, LiveServer
from tests.support.redis_server import shared_redis_url
from tests.support.socket_client import ScreenClient


@pytest.mark.parametrize("async_mode", ["eventlet", "threading"])
def test_a_call_on_one_server_reaches_screens_on_the_other(
        start_server: Callable[..., LiveServer], postgres_url: str, tmp_path: Path,
        async_mode: str) -> None:
    channel = f"antrean-test-{uuid.uuid4().hex[:8]}"
    first = start_server(database_url=postgres_url, message_queue=shared_redis_url(),
                         channel=channel, async_mode=async_mode)
    second = start_server(database_url=postgres_url, config_dir=first.config.parent)
    other_dir = tmp_path / "other-office"
    other_dir.mkdir()
    other_office = start_server(config_dir=other_dir, message_queue=shared_redis_url(),
                                channel=f"{channel}-other")
    first.create_user("siti", PASSWORD, "petugas")
    other_office.create_user("siti", PASSWORD, "petugas")
    screen = ScreenClient(second.url, token=first.create_device("display"))
    other_screen = ScreenClient(other_office.url, token=other_office.create_device("display"))
    try:
        ticket = requests.post(f"{second.url}/api/v1/tickets", json={"service": "KTP"},
                               timeout=10).json()
        called = requests.post(f"{first.url}/api/v1/counters/1/call-next", timeout=10,
                               headers=first.login("siti", PASSWORD)).json()
        assert called["id"] == ticket["id"]
        shown = screen.wait_for("called", timeout=10)
        assert shown["ticket"]["number"] == ticket["number"] and shown["counter"]["number"] == 1
        # The other office shares the Redis on its own channel: its screen's first call is
        # its own, not the one above (Redis delivers in publish order).
        requests.post(f"{other_office.url}/api/v1/tickets", json={"service": "AKTA"}, timeout=10)
        requests.post(f"{other_office.url}/api/v1/counters/3/call-next", timeout=10,
                      headers=other_office.login("siti", PASSWORD))
        assert other_screen.wait_for("called", timeout=10)["ticket"]["number"] == "C-001"
    finally:
        screen.close()
        other_screen.close()

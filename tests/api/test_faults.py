"""Faults against real services: a killed server, a restarting Redis, an unreachable database."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
import socketio
from sqlalchemy.engine import make_url

from tests.support.live_server import PASSWORD, LiveServer
from tests.support.redis_server import RedisServer
from tests.support.socket_client import ScreenClient
from tests.support.tcp_proxy import TcpProxy


def issue(server: LiveServer, service: str = "KTP") -> requests.Response:
    return requests.post(f"{server.url}/api/v1/tickets", json={"service": service}, timeout=15)


def test_kill_9_loses_no_committed_ticket_and_numbering_continues(
        start_server: Callable[..., LiveServer], database_url: str) -> None:
    server = start_server(database_url=database_url)
    issued = [issue(server).json() for _ in range(3)]
    server.stop(kill=True)  # SIGKILL mid-day: no clean shutdown
    again = start_server(database_url=database_url, config_dir=server.config.parent)
    for ticket in issued:
        kept = requests.get(f"{again.url}/api/v1/tickets/{ticket['id']}", timeout=10).json()
        assert kept["number"] == ticket["number"] and kept["status"] == "waiting"
    assert issue(again).json()["number"] == "A-004"


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path).start()
    yield server
    server.stop()


def wait_until(condition: Callable[[], bool], timeout: float = 90) -> None:
    """Poll a condition (not a timing assertion): Redis clients reconnect with back-off."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        time.sleep(0.2)


@pytest.mark.parametrize("async_mode", ["eventlet", "threading"])
def test_a_redis_restart_crashes_nothing_and_screens_catch_up(
        start_server: Callable[..., LiveServer], private_redis: RedisServer,
        async_mode: str) -> None:
    channel = f"antrean-{uuid.uuid4().hex[:8]}"
    first = start_server(message_queue=private_redis.url, channel=channel,
                         async_mode=async_mode)
    second = start_server(config_dir=first.config.parent)
    first.create_user("siti", PASSWORD, "petugas")
    auth = first.login("siti", PASSWORD)
    screen = ScreenClient(second.url, token=first.create_device("display"))
    try:
        screen.wait_for("snapshot")
        # A server subscribes once it has a screen to serve: here only the second one.
        wait_until(lambda: private_redis.subscribers(channel) == 1)
        missed, later = issue(first).json(), issue(first).json()
        private_redis.stop()
        during = requests.post(f"{first.url}/api/v1/counters/1/call-next", headers=auth,
                               timeout=30)
        assert during.status_code == 200 and during.json()["id"] == missed["id"]
        private_redis.start()
        wait_until(lambda: private_redis.subscribers(channel) == 1)
        requests.post(f"{first.url}/api/v1/counters/2/call-next", headers=auth, timeout=30)
        shown = screen.wait_for("called", timeout=30)
        while shown.get("late"):  # the call made while Redis was down, sent again
            assert shown["ticket"]["id"] == missed["id"]
            shown = screen.wait_for("called", timeout=30)
        assert shown["ticket"]["id"] == later["id"]
        # The call made while Redis was down is on the screen now: the recent calls the later
        # call's update carries.
        called_numbers = {call["number"] for call in shown["update"]["recent_calls"]}
        assert {"A-001", "A-002"} <= called_numbers, shown["update"]["recent_calls"]
        assert first.process is not None and first.process.poll() is None
        assert second.process is not None and second.process.poll() is None
    finally:
        screen.close()


def test_an_unreachable_database_gives_clear_503s_and_recovers(
        start_server: Callable[..., LiveServer], postgres_url: str) -> None:
    url = make_url(postgres_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    through_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(
        hide_password=False)
    try:
        server = start_server(database_url=through_proxy)
        server.create_user("siti", PASSWORD, "petugas")
        auth = server.login("siti", PASSWORD)
        tv = server.create_device("display")
        assert issue(server).json()["number"] == "A-001"
        proxy.cut()
        with pytest.raises(socketio.exceptions.ConnectionError):
            ScreenClient(server.url, token=tv)  # refused cleanly; the TV retries by itself
        for response in (issue(server), requests.get(f"{server.url}/api/v1/queue", timeout=15),
                         requests.post(f"{server.url}/api/v1/counters/1/call-next",
                                       headers=auth, timeout=15)):
            assert response.status_code == 503, response.text
            body = response.json()
            assert body["error"] == "database_unavailable"
            assert "Basis data" in body["message"]
        proxy.restore()
        assert issue(server).json()["number"] == "A-002"
        called = requests.post(f"{server.url}/api/v1/counters/1/call-next", headers=auth,
                               timeout=15)
        assert called.status_code == 200 and called.json()["number"] == "A-001"
        screen = ScreenClient(server.url, token=tv)
        assert screen.wait_for("snapshot")["recent_calls"][0]["number"] == "A-001"
        screen.close()
        assert "unhandled error" not in server.read_log()
        assert "Traceback" not in server.read_log()
    finally:
        proxy.close()


def test_a_server_starts_while_redis_is_down_and_joins_it_later(
        start_server: Callable[..., LiveServer], private_redis: RedisServer) -> None:
    channel = f"antrean-{uuid.uuid4().hex[:8]}"
    private_redis.stop()
    server = start_server(message_queue=private_redis.url, channel=channel,
                          async_mode="eventlet")
    server.create_user("siti", PASSWORD, "petugas")
    assert issue(server).status_code == 201
    screen = ScreenClient(server.url, token=server.create_device("display"))
    try:
        assert screen.wait_for("snapshot")["services"][0]["waiting"] == 1
        private_redis.start()
        wait_until(lambda: private_redis.subscribers(channel) == 1)
        requests.post(f"{server.url}/api/v1/counters/1/call-next", timeout=15,
                      headers=server.login("siti", PASSWORD))
        assert screen.wait_for("called", timeout=30)["ticket"]["number"] == "A-001"
    finally:
        screen.close()

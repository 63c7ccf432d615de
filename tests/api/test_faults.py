"""Faults against real services: a killed server, a restarting Redis, an unreachable database."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
import socketio
from sqlalchemy import select
from sqlalchemy.engine import make_url

from antrean.db.engine import make_engine
from antrean.db.models import Ticket
from tests.support.live_server import PASSWORD, LiveServer
from tests.support.redis_server import RedisServer
from tests.support.socket_client import ScreenClient
from tests.support.tcp_proxy import TcpProxy


def issue(server: LiveServer, service: str = "KTP") -> requests.Response:
    return requests.post(f"{server.url}/api/v1/tickets", json={"service": service}, timeout=15)


KIOSKS = 6


# No answer: the connection refused or dropped, or the answer cut off mid-body by the kill.
NO_ANSWER = (requests.ConnectionError, requests.exceptions.ChunkedEncodingError)


@dataclass
class Answers:
    issued: list[dict[str, Any]] = field(default_factory=list)  # every 201 body
    cut_off: int = 0  # requests in flight when the server died
    refused: int = 0  # requests sent after it was dead

    def keep(self, response: requests.Response | Exception) -> None:
        if isinstance(response, NO_ANSWER):
            if "refused" in str(response):
                self.refused += 1
            else:
                self.cut_off += 1
        elif isinstance(response, requests.Response) and response.status_code == 201:
            self.issued.append(response.json())
        else:
            raise AssertionError(f"unexpected answer while issuing: {response!r}")


def kiosk_loop(url: str, answers: Answers, lock: threading.Lock,
               stop: threading.Event) -> None:
    with requests.Session() as web:
        while not stop.is_set():
            try:
                result: requests.Response | Exception = web.post(
                    f"{url}/api/v1/tickets", json={"service": "KTP"}, timeout=15)
            except NO_ANSWER as exc:
                result = exc
            with lock:
                answers.keep(result)


def stored_numbers(database_url: str) -> dict[str, str]:
    """public id -> number of every ticket the database kept."""
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(Ticket.public_id, Ticket.number)).all()
    finally:
        engine.dispose()
    assert len({number for _, number in rows}) == len(rows), "a number was given twice"
    return dict(rows)


@pytest.mark.parametrize(("backend", "async_mode"), [
    ("sqlite", "eventlet"), ("postgres", "eventlet"), ("postgres", "threading")])
def test_kill_9_during_issuing_loses_no_answered_ticket_and_numbering_continues(
        start_server: Callable[..., LiveServer], request: pytest.FixtureRequest,
        tmp_path: Path, backend: str, async_mode: str) -> None:
    database_url = (f"sqlite:///{tmp_path / 'antrean.sqlite3'}" if backend == "sqlite"
                    else request.getfixturevalue("postgres_url"))
    server = start_server(database_url=database_url, async_mode=async_mode)
    answers, lock, stop = Answers(), threading.Lock(), threading.Event()
    kiosks = [threading.Thread(target=kiosk_loop, args=(server.url, answers, lock, stop))
              for _ in range(KIOSKS)]
    for kiosk in kiosks:
        kiosk.start()
    try:
        wait_until(lambda: len(answers.issued) >= 20, timeout=30)
        server.stop(kill=True)  # SIGKILL with requests in flight: no clean shutdown
        wait_until(lambda: answers.refused >= KIOSKS, timeout=30)
    finally:
        stop.set()
        for kiosk in kiosks:
            kiosk.join(timeout=30)
    assert answers.cut_off >= 1, "no request was in flight when the server died"

    kept = stored_numbers(database_url)
    numbers = sorted(kept.values())
    assert numbers == [f"A-{n:03d}" for n in range(1, len(numbers) + 1)]  # no gap, no double
    for ticket in answers.issued:  # every ticket answered 201 is there, with its number
        assert kept.get(ticket["id"]) == ticket["number"], ticket
    again = start_server(database_url=database_url, config_dir=server.config.parent)
    sample = answers.issued[-1]
    assert requests.get(f"{again.url}/api/v1/tickets/{sample['id']}",
                        timeout=10).json()["number"] == sample["number"]
    after = issue(again)
    assert after.status_code == 201, after.text
    assert after.json()["number"] == f"A-{len(numbers) + 1:03d}"
    print(f"\n{len(answers.issued)} answered 201, {len(kept)} kept, "
          f"{answers.cut_off} cut off in flight")


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
            assert shown["ticket"]["number"] == missed["number"]
            shown = screen.wait_for("called", timeout=30)
        assert shown["ticket"]["number"] == later["number"]
        # The call made while Redis was down is on the screen now: the recent calls the later
        # call's update carries.
        called_numbers = {call["number"] for call in shown["update"]["recent_calls"]}
        assert {"A-001", "A-002"} <= called_numbers, shown["update"]["recent_calls"]
        assert first.process is not None and first.process.poll() is None
        assert second.process is not None and second.process.poll() is None
    finally:
        screen.close()


@pytest.mark.parametrize("async_mode", ["eventlet", "threading"])
def test_an_unreachable_database_gives_clear_503s_and_recovers(
        start_server: Callable[..., LiveServer], postgres_url: str, async_mode: str) -> None:
    url = make_url(postgres_url)
    proxy = TcpProxy(url.host or "127.0.0.1", url.port or 5432)
    through_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(
        hide_password=False)
    try:
        server = start_server(database_url=through_proxy, async_mode=async_mode)
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

"""A deployment of several offices on two server processes (PostgreSQL behind both, Redis
between them): a call in one office reaches that office's TVs on both processes and no other
office's; an office registered, and then edited, on one process is served at once by the
other."""

from __future__ import annotations

import queue
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
import requests

from antrean.cli import office_for_cli
from antrean.config import load_settings
from antrean.usecases.access.accounts import create_user
from antrean.usecases.access.devices import create_device
from antrean.usecases.context import Office
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import PASSWORD, LiveServer, csrf_from
from tests.support.redis_server import shared_redis_url
from tests.support.socket_client import ScreenClient

pytestmark = pytest.mark.postgres

OFFICES = """
[deployment]
name = "Pemerintah Kabupaten Uji"

[[offices]]
code = "astambul"
name = "Kecamatan Astambul"
timezone = "Asia/Makassar"

[[offices]]
code = "gambut"
name = "Kecamatan Gambut"
timezone = "Asia/Makassar"

[[offices]]
code = "aluh-aluh"
name = "Kecamatan Aluh-Aluh"
timezone = "Asia/Makassar"
"""


Cluster = tuple[LiveServer, LiveServer]


@pytest.fixture(scope="module")
def cluster(start_shared_server: Callable[..., LiveServer]) -> Iterator[Cluster]:
    """Two processes of one deployment, shared by the tests below (each uses offices and
    accounts of its own)."""
    with fresh_postgres_database() as url:
        first = start_shared_server(database_url=url, message_queue=shared_redis_url(),
                                    channel=f"antrean-test-{uuid.uuid4().hex[:8]}",
                                    extra_tables=OFFICES)
        second = start_shared_server(database_url=url, config_dir=first.config.parent)
        yield first, second
        for server in (second, first):  # before the database is dropped
            server.stop()


@contextmanager
def office_of(server: LiveServer, code: str) -> Iterator[Office]:
    """Office `code` as run.py's `--office CODE` commands see it (same config and database)."""
    office = office_for_cli(load_settings(server.config), server.database_url, code)
    try:
        yield office
    finally:
        office.sessions.kw["bind"].dispose()


def tv(server: LiveServer, on: LiveServer, code: str | None) -> ScreenClient:
    """A paired TV of office `code` (None: the root office) connected to process `on`."""
    if code is None:
        return ScreenClient(on.url, token=server.create_device("display", "TV induk"))
    with office_of(server, code) as office:
        _, token = create_device(office, f"TV {code}", "display")
    return ScreenClient(on.url, token=token, socketio_path=f"kantor/{code}/socket.io")


def bearer(server: LiveServer, code: str, username: str) -> dict[str, str]:
    answer = requests.post(f"{server.url}/kantor/{code}/api/v1/auth/login", timeout=10,
                           json={"username": username, "password": PASSWORD})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def calls_heard(screen: ScreenClient) -> list[object]:
    heard: list[object] = []
    while True:
        try:
            event, data = screen.received.get_nowait()
        except queue.Empty:
            return heard
        if event == "called":
            heard.append(data)


def test_a_call_in_one_office_reaches_its_tvs_on_both_processes_and_no_other_office(
        cluster: Cluster) -> None:
    first, second = cluster
    with office_of(first, "astambul") as astambul:
        create_user(astambul, "siti", PASSWORD, "petugas")
    screens = [tv(first, first, "astambul"), tv(first, second, "astambul"),
               tv(first, second, "gambut"), tv(first, first, None)]
    a_on_first, a_on_second, b_on_second, root_on_first = screens
    try:
        petugas = bearer(second, "astambul", "siti")
        for server in (second, first):  # office B and the root have a ticket waiting too
            for path in ("/kantor/gambut", ""):
                requests.post(f"{server.url}{path}/api/v1/tickets", json={"service": "KTP"},
                              timeout=10).raise_for_status()
        ticket = requests.post(f"{second.url}/kantor/astambul/api/v1/tickets", timeout=10,
                               json={"service": "KTP"}).json()
        called = requests.post(f"{second.url}/kantor/astambul/api/v1/counters/1/call-next",
                               headers=petugas, timeout=10)
        assert called.status_code == 200 and called.json()["id"] == ticket["id"]
        for screen in (a_on_first, a_on_second):
            shown = screen.wait_for("called", timeout=10)
            assert shown["ticket"]["number"] == ticket["number"] == "A-001"
        time.sleep(3)  # both processes have sent the call to office A: ample for a stray one
        assert calls_heard(b_on_second) == [] and calls_heard(root_on_first) == []
        assert calls_heard(a_on_first) == [] and calls_heard(a_on_second) == []  # only once
    finally:
        for screen in screens:
            screen.close()


def test_an_office_registered_and_edited_on_one_process_is_served_by_the_other(
        cluster: Cluster) -> None:
    first, second = cluster
    first.create_user("bupati", PASSWORD, "admin")
    admin = first.web_session("bupati", PASSWORD)
    form = admin.get(f"{first.url}/admin/daftar-kantor", timeout=10)
    added = admin.post(f"{first.url}/admin/daftar-kantor", timeout=10, allow_redirects=False,
                       data={"code": "martapura-timur", "name": "Kecamatan Martapura Timur",
                             "address": "", "timezone": "Asia/Makassar",
                             "csrf_token": csrf_from(form.text)})
    assert added.status_code == 302, added.text
    ticket = requests.post(f"{second.url}/kantor/martapura-timur/api/v1/tickets", timeout=10,
                           json={"service": "KTP"})
    assert ticket.status_code == 201 and ticket.json()["number"] == "A-001", ticket.text
    with office_of(first, "martapura-timur") as office:
        create_user(office, "kepala", PASSWORD, "admin")
    edited = requests.patch(f"{first.url}/kantor/martapura-timur/api/v1/setup/services/KTP",
                            json={"daily_quota": 2}, timeout=10,
                            headers=bearer(first, "martapura-timur", "kepala"))
    assert edited.status_code == 200, edited.text
    services = requests.get(f"{second.url}/kantor/martapura-timur/api/v1/services",
                            timeout=10).json()
    assert next(s for s in services if s["code"] == "KTP")["quota_left"] == 1  # at once
    # The edit stays in its office: the root's and another office's KTP keep their quota.
    for path in ("", "/kantor/astambul"):
        others = requests.get(f"{second.url}{path}/api/v1/services", timeout=10).json()
        assert next(s for s in others if s["code"] == "KTP")["daily_quota"] == 500

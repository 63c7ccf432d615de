"""Races between two server processes on one PostgreSQL database, started behind a barrier.

The deployment the README describes for a busy office: several run.py processes under eventlet
(what production runs) with PostgreSQL behind them. Each request of a race comes from its own
thread and goes to one of the two processes; all are released at the same instant. (The same
races run in-process on SQLite and PostgreSQL in tests/usecases/test_races.py.)
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest
import requests
from sqlalchemy import select

from antrean.db.engine import make_engine
from antrean.db.models import Ticket, TicketEvent
from tests.support.configs import write_config
from tests.support.databases import fresh_postgres_database
from tests.support.live_server import PASSWORD, LiveServer

# The module's servers are built here, not through start_server, so the marker is set by hand.
pytestmark = [pytest.mark.live, pytest.mark.postgres]

QUOTA = 5
KIOSKS = 12
ROUNDS = 5
QUOTA_SERVICES = {"Q1": "QA", "Q2": "QB", "Q3": "QC"}  # code: prefix
RACE_SERVICES = """
[[services]]
code = "{code}"
name = "Layanan {code}"
prefix = "{prefix}"
daily_quota = {quota}
"""
RACE_COUNTERS = """
[[counters]]
number = {number}
name = "Loket {number}"
services = ["{code}"]
"""


def race_tables() -> str:
    """Q1..Q3 with a quota; NEXT called at loket 11 and 12; OUT at loket 13 and 14."""
    services = [RACE_SERVICES.format(code=code, prefix=prefix, quota=QUOTA)
                for code, prefix in QUOTA_SERVICES.items()]
    services += [RACE_SERVICES.format(code=code, prefix=code[0], quota=500)
                 for code in ("NEXT", "OUT")]
    counters = [RACE_COUNTERS.format(number=n, code="NEXT") for n in (11, 12)]
    counters += [RACE_COUNTERS.format(number=n, code="OUT") for n in (13, 14)]
    return "".join(services + counters)


@dataclass
class Cluster:
    servers: tuple[LiveServer, LiveServer]
    database_url: str
    auth: dict[str, str]

    def post(self, which: int, path: str, **kwargs: Any) -> requests.Response:
        return requests.post(f"{self.servers[which].url}/api/v1{path}", timeout=30,
                             headers=self.auth, **kwargs)

    def issue(self, service: str) -> dict[str, Any]:
        response = self.post(0, "/tickets", json={"service": service})
        assert response.status_code == 201, response.text
        body: dict[str, Any] = response.json()
        return body

    def calls_per_ticket(self, service: str) -> Counter[str]:
        engine = make_engine(self.database_url)
        try:
            with engine.connect() as connection:
                rows = connection.execute(
                    select(Ticket.public_id)
                    .join(TicketEvent, TicketEvent.ticket_id == Ticket.id)
                    .where(TicketEvent.event == "call", Ticket.service_code == service)
                ).scalars().all()
        finally:
            engine.dispose()
        return Counter(rows)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    directory = tmp_path_factory.mktemp("cluster")
    config = write_config(directory, async_mode="eventlet", extra_tables=race_tables())
    with fresh_postgres_database() as url:
        servers = (LiveServer(config, url, forked=True), LiveServer(config, url, forked=True))
        try:
            servers[0].with_users(petugas1="petugas")
            for server in servers:
                server.start()
            yield Cluster(servers, url, servers[0].login("petugas1", PASSWORD))
        finally:
            for server in servers:
                server.stop()


def race(cluster: Cluster, requests_: list[tuple[int, str, dict[str, Any]]]
         ) -> list[requests.Response]:
    """POST every (server index, path, json) from its own thread, all released at once."""
    barrier = threading.Barrier(len(requests_))
    sessions = [requests.Session() for _ in requests_]
    for session, (which, _, _) in zip(sessions, requests_, strict=True):
        session.headers.update(cluster.auth)
        session.get(f"{cluster.servers[which].url}/api/v1/services", timeout=30)  # connected

    def send(index: int) -> requests.Response:
        which, path, body = requests_[index]
        barrier.wait(timeout=30)
        return sessions[index].post(f"{cluster.servers[which].url}/api/v1{path}", json=body,
                                    timeout=30)

    try:
        with ThreadPoolExecutor(len(requests_)) as pool:
            return list(pool.map(send, range(len(requests_))))
    finally:
        for session in sessions:
            session.close()


def test_a_rush_on_two_processes_never_passes_the_quota(cluster: Cluster) -> None:
    for code, prefix in QUOTA_SERVICES.items():
        answers = race(cluster, [(i % 2, "/tickets", {"service": code}) for i in range(KIOSKS)])
        issued = [a.json()["number"] for a in answers if a.status_code == 201]
        refused = [a.json()["error"] for a in answers if a.status_code != 201]
        assert sorted(issued) == [f"{prefix}-{n:03d}" for n in range(1, QUOTA + 1)]
        assert refused == ["quota_full"] * (KIOSKS - QUOTA)


def test_two_petugas_on_two_processes_never_get_the_same_ticket(cluster: Cluster) -> None:
    for _ in range(ROUNDS):
        issued = {cluster.issue("NEXT")["id"] for _ in range(3)}
        answers = [a for _ in range(2)
                   for a in race(cluster, [(0, "/counters/11/call-next", {}),
                                           (1, "/counters/12/call-next", {})])]
        assert sorted(a.status_code for a in answers) == [200, 200, 200, 204]
        assert sorted(a.json()["id"] for a in answers if a.status_code == 200) == sorted(issued)
    assert set(cluster.calls_per_ticket("NEXT").values()) == {1}


def test_call_next_and_an_out_of_turn_call_on_two_processes_never_share_a_ticket(
        cluster: Cluster) -> None:
    outcomes = Counter[str]()
    for round_ in range(ROUNDS):
        oldest, younger = (cluster.issue("OUT")["id"] for _ in range(2))
        requests_ = [(0, "/counters/13/call-next", {}),
                     (1, "/counters/14/call", {"ticket": oldest, "reason": "lansia"})]
        step = 1 if round_ % 2 == 0 else -1  # both orders of starting the threads
        by_turn, out_of_turn = race(cluster, requests_[::step])[::step]
        assert by_turn.status_code == 200, by_turn.text
        if out_of_turn.status_code == 409:
            assert out_of_turn.json()["error"] == "invalid_state"
            assert by_turn.json()["id"] == oldest
            cancelled = cluster.post(0, f"/tickets/{younger}/cancel")
            assert cancelled.status_code == 200, cancelled.text  # an empty queue next round
            outcomes["next first"] += 1
        else:
            assert out_of_turn.status_code == 200, out_of_turn.text
            assert out_of_turn.json()["id"] == oldest
            assert by_turn.json()["id"] == younger
            outcomes["out of turn first"] += 1
    assert set(cluster.calls_per_ticket("OUT").values()) == {1}
    print(f"\noutcomes over {ROUNDS} rounds: {dict(outcomes)}")

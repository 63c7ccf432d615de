"""Parallel kiosks and parallel petugas, on SQLite and on the real PostgreSQL server."""

from concurrent.futures import ThreadPoolExecutor
from typing import Any

from antrean.usecases.queue import calling
from antrean.usecases.queue.issuing import issue_ticket
from tests.conftest import OfficeFactory

THREADS = 8


def test_parallel_issuing_never_shares_a_number(make_office: OfficeFactory,
                                                database_url: str) -> None:
    office, _, _ = make_office(database_url)
    with ThreadPoolExecutor(THREADS) as pool:
        tickets = list(pool.map(lambda _: issue_ticket(office, "KTP"), range(80)))
    numbers = sorted(t["number"] for t in tickets)
    assert numbers == [f"A-{n:03d}" for n in range(1, 81)]


def test_two_petugas_never_get_the_same_ticket(make_office: OfficeFactory,
                                                database_url: str) -> None:
    office, _, _ = make_office(database_url)
    for _ in range(40):
        issue_ticket(office, "KTP")

    def call_round(counter: int) -> list[str]:
        got: list[str] = []
        for _ in range(20):
            ticket: dict[str, Any] | None = calling.call_next(office, counter, None)
            if ticket is not None:
                got.append(ticket["id"])
        return got

    with ThreadPoolExecutor(2) as pool:
        first, second = pool.map(call_round, [1, 2])
    assert len(first) + len(second) == 40
    assert not set(first) & set(second)

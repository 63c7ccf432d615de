"""Parallel kiosks, on SQLite and on the real PostgreSQL server (races: test_races.py)."""

from concurrent.futures import ThreadPoolExecutor

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


"""Races started together behind a barrier, on SQLite and on the real PostgreSQL server.

Every round releases all its threads at the same instant, so the transactions really overlap;
a round runs on a fresh office-local day, so rounds do not see each other's tickets.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy import select

from antrean.core.errors import DomainError
from antrean.db.models import DailySequence, Ticket, TicketEvent
from antrean.usecases.context import Office
from antrean.usecases.queue import calling
from antrean.usecases.queue.issuing import issue_ticket
from tests.conftest import OfficeFactory

T = TypeVar("T")
QUOTA = 5
KIOSKS = 12
ROUNDS = 6


def race(actions: list[Callable[[], T]]) -> list[T | DomainError]:
    """Run every action in its own thread, all released at once; a refusal is a result."""
    barrier = threading.Barrier(len(actions))

    def run(action: Callable[[], T]) -> T | DomainError:
        barrier.wait(timeout=30)
        try:
            return action()
        except DomainError as error:
            return error

    with ThreadPoolExecutor(len(actions)) as pool:
        return list(pool.map(run, actions))


def calls_per_ticket(office: Office) -> Counter[str]:
    """How often each ticket number was called, per day: from the event log."""
    with office.sessions() as session:
        rows = session.execute(
            select(Ticket.local_day, Ticket.number)
            .join(TicketEvent, TicketEvent.ticket_id == Ticket.id)
            .where(TicketEvent.event == "call")
        ).all()
    return Counter(f"{day} {number}" for day, number in rows)


def test_a_rush_on_the_last_numbers_never_passes_the_quota(make_office: OfficeFactory,
                                                          database_url: str) -> None:
    office, clock, _ = make_office(database_url, quota=QUOTA)
    for _ in range(3):
        clock.advance(days=1)
        day = office.today().date()
        results = race([lambda: issue_ticket(office, "KTP")] * KIOSKS)
        tickets = [r for r in results if not isinstance(r, DomainError)]
        refusals = [r for r in results if isinstance(r, DomainError)]
        assert sorted(t["number"] for t in tickets) == [f"A-{n:03d}" for n in
                                                         range(1, QUOTA + 1)]
        assert [r.code for r in refusals] == ["quota_full"] * (KIOSKS - QUOTA)
        with office.sessions() as session:
            stored = session.scalars(select(Ticket.number).where(Ticket.local_day == day)).all()
            sequence = session.get(DailySequence, ("KTP", day))
        assert sorted(stored) == [f"A-{n:03d}" for n in range(1, QUOTA + 1)]
        assert sequence is not None and sequence.last_sequence == QUOTA


def test_two_petugas_calling_at_the_same_instant_never_get_the_same_ticket(
        make_office: OfficeFactory, database_url: str) -> None:
    office, clock, _ = make_office(database_url)
    for _ in range(ROUNDS):
        clock.advance(days=1)
        issued = [issue_ticket(office, "KTP")["id"] for _ in range(3)]
        first = race([lambda: calling.call_next(office, 1, None),
                      lambda: calling.call_next(office, 2, None)])
        second = race([lambda: calling.call_next(office, 1, None),
                       lambda: calling.call_next(office, 2, None)])
        called = [view["id"] for view in first + second
                  if view is not None and not isinstance(view, DomainError)]
        # Three tickets, four calls: each ticket once, and one counter found nobody.
        assert sorted(called) == sorted(issued)
        assert sum(view is None for view in first + second) == 1
    assert set(calls_per_ticket(office).values()) == {1}


def test_call_next_and_an_out_of_turn_call_never_take_the_same_ticket(
        make_office: OfficeFactory, database_url: str) -> None:
    office, clock, _ = make_office(database_url)
    outcomes = Counter[str]()
    for round_ in range(ROUNDS):
        clock.advance(days=1)
        oldest, younger = (issue_ticket(office, "KTP")["id"] for _ in range(2))
        actions: list[Callable[[], Any]] = [
            lambda: calling.call_next(office, 1, None),
            lambda ticket=oldest: calling.call_ticket(office, 2, ticket, "lansia salah loket",
                                                      None),
        ]
        # Which thread the pool starts first alternates, so both orders get their chance.
        step = 1 if round_ % 2 == 0 else -1
        by_turn, out_of_turn = race(actions[::step])[::step]
        assert by_turn is not None and not isinstance(by_turn, DomainError)
        if isinstance(out_of_turn, DomainError):
            # Call-next took the oldest first; the out-of-turn call sees it is no longer waiting.
            assert out_of_turn.code == "invalid_state", out_of_turn
            assert by_turn["id"] == oldest
            outcomes["next first"] += 1
        else:
            assert out_of_turn["id"] == oldest
            assert by_turn["id"] == younger  # the locked oldest was skipped, not shared
            outcomes["out of turn first"] += 1
    assert set(calls_per_ticket(office).values()) == {1}
    print(f"\noutcomes over {ROUNDS} rounds: {dict(outcomes)}")

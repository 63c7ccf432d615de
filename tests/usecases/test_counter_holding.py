"""One petugas per loket, on SQLite and PostgreSQL: a second petugas is refused the loket and
every action on its tickets, told who holds it, until the holder leaves or an admin releases.

Without it, two petugas signed in to one loket falsify the records: each call-next closes the
other's ticket as done and credits it to the caller.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from antrean.core.errors import DomainError
from antrean.db import queries
from antrean.db.models import Ticket, TicketEvent
from antrean.usecases.access.accounts import create_user, deactivate_user
from antrean.usecases.context import Office
from antrean.usecases.queue import calling, counters, serving
from antrean.usecases.queue.counter_holding import release_counter, take_counter
from antrean.usecases.queue.issuing import issue_ticket
from tests.conftest import OfficeFactory
from tests.usecases.test_races import race

PASSWORD = "rahasia-123"


def people(office: Office) -> tuple[int, int, int]:
    """(siti, budi, kepala): two petugas and an admin."""
    ids = [create_user(office, username, PASSWORD, role, display_name=name).user_id
           for username, role, name in (("siti", "petugas", "Siti Aminah"),
                                        ("budi", "petugas", "Budi Santoso"),
                                        ("kepala", "admin", "Kepala Kantor"))]
    assert all(isinstance(i, int) for i in ids)
    return ids[0], ids[1], ids[2]  # type: ignore[return-value]


def refused(action: Callable[[], Any]) -> str:
    with pytest.raises(DomainError) as caught:
        action()
    assert caught.value.code == "counter_taken", caught.value.message
    return caught.value.message


def events_of(office: Office, public_id: str) -> list[tuple[str, int | None]]:
    with office.sessions() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.public_id == public_id)).one()
        return [(event.event, event.user_id) for event in session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == ticket.id)
            .order_by(TicketEvent.id))]


def test_a_second_petugas_cannot_call_or_act_at_a_loket_another_holds(
        make_office: OfficeFactory, database_url: str) -> None:
    office, _, _ = make_office(database_url)
    siti, budi, _ = people(office)
    first, second, third = (issue_ticket(office, "KTP")["id"] for _ in range(3))
    assert calling.call_next(office, 1, siti)["id"] == first  # type: ignore[index]
    message = refused(lambda: calling.call_next(office, 1, budi))
    assert message == ("Loket 1 sedang dipakai oleh Siti Aminah. Minta admin melepasnya bila "
                       "petugas itu sudah tidak di loket.")
    refused(lambda: calling.recall(office, 1, budi))
    refused(lambda: calling.call_ticket(office, 1, third, "lansia", budi))
    refused(lambda: counters.set_counter_state(office, 1, "break", budi))
    for act in (serving.start, serving.finish, serving.skip, serving.no_show, serving.cancel):
        refused(lambda act=act: act(office, first, budi))  # type: ignore[misc]
    refused(lambda: serving.transfer(office, first, "KK", budi))
    assert events_of(office, first) == [("issue", None), ("call", siti)]  # none of Budi's
    # Siti's own next call closes her ticket, credited to her.
    assert calling.call_next(office, 1, siti)["id"] == second  # type: ignore[index]
    assert events_of(office, first)[1:] == [("call", siti), ("start", siti), ("finish", siti)]
    # Budi works at another loket; a loket one holds is refused to the other there too.
    assert calling.call_next(office, 2, budi)["id"] == third  # type: ignore[index]
    refused(lambda: calling.call_next(office, 2, siti))


def test_signing_in_to_a_held_loket_is_refused_until_it_is_freed(
        make_office: OfficeFactory, database_url: str) -> None:
    office, clock, _ = make_office(database_url)
    siti, budi, kepala = people(office)
    take_counter(office, 1, siti)
    assert "Siti Aminah" in refused(lambda: take_counter(office, 1, budi))
    take_counter(office, 1, siti)  # her second browser: the same person
    # An admin releases it: Budi takes it, and Siti is the one refused now.
    release_counter(office, 1, kepala)
    take_counter(office, 1, budi)
    assert "Budi Santoso" in refused(lambda: calling.call_next(office, 1, siti))
    # Closing the loket frees it; taking another loket leaves the first.
    counters.set_counter_state(office, 1, "closed", budi)
    take_counter(office, 1, siti)
    take_counter(office, 2, siti)
    take_counter(office, 1, budi)
    # A holder deactivated, or yesterday's holding, holds nothing.
    deactivate_user(office, budi, kepala)
    take_counter(office, 1, siti)
    clock.advance(days=1)
    lina = create_user(office, "lina", PASSWORD, "petugas").user_id
    assert lina is not None
    take_counter(office, 1, lina)


def test_two_petugas_signing_in_to_one_loket_at_once_one_wins(
        make_office: OfficeFactory, database_url: str) -> None:
    """Released together, on a loket never used (both insert its row) and on one in use."""
    office, clock, _ = make_office(database_url)
    siti, budi, _ = people(office)
    winners = []
    for round_ in range(6):
        if round_ == 3:
            clock.advance(days=1)  # yesterday's holdings lapse: the rows exist now
        number = round_ % 3 + 1
        results = race([lambda n=number: take_counter(office, n, siti),
                        lambda n=number: take_counter(office, n, budi)])
        refusals = [r for r in results if isinstance(r, DomainError)]
        assert [r.code for r in refusals] == ["counter_taken"], results
        winner = siti if not isinstance(results[0], DomainError) else budi
        loser = budi if winner == siti else siti
        refused(lambda n=number, who=loser: calling.call_next(office, n, who))
        winners.append(winner)
        counters.set_counter_state(office, number, "closed", winner)
    print(f"\nwinners: {winners}")


def held_by(office: Office, user_id: int) -> list[int]:
    """The loket this petugas holds now."""
    with office.sessions() as session:
        return sorted(number for number, state in queries.counter_states(session).items()
                      if state.user_id == user_id)


def test_calling_or_opening_at_a_second_loket_leaves_the_first(
        make_office: OfficeFactory, database_url: str) -> None:
    """The API's calls move a petugas as signing in at the console does: one person, one
    loket; the one left is free for the next petugas at once."""
    office, _, _ = make_office(database_url)
    siti, budi, _ = people(office)
    waiting = [issue_ticket(office, "KTP")["id"] for _ in range(3)]
    counters.set_counter_state(office, 1, "open", siti)
    assert held_by(office, siti) == [1]
    calling.call_next(office, 2, siti)
    assert held_by(office, siti) == [2]
    serving.finish(office, waiting[0], siti)
    assert calling.call_next(office, 1, budi) is not None  # loket 1 is free: no 409
    serving.finish(office, waiting[1], budi)
    counters.set_counter_state(office, 1, "closed", budi)
    calling.call_ticket(office, 1, waiting[2], "lansia", siti)
    assert held_by(office, siti) == [1]
    serving.finish(office, waiting[2], siti)
    take_counter(office, 2, siti)
    assert held_by(office, siti) == [2]
    counters.set_counter_state(office, 3, "closed", siti)  # closing another loket: no move
    assert held_by(office, siti) == [2]
    # A loket another petugas holds is still refused, and the first is kept then.
    take_counter(office, 1, budi)
    refused(lambda: calling.call_next(office, 1, siti))
    assert held_by(office, siti) == [2] and held_by(office, budi) == [1]


def test_one_petugas_calling_at_two_loket_at_once_ends_up_holding_one(
        make_office: OfficeFactory, database_url: str) -> None:
    """Two tabs, or a retried request, released together: the petugas' own row serialises
    them, so the later one leaves the earlier one's loket (without it both commit, each
    having seen no other holding)."""
    office, _, _ = make_office(database_url)
    siti, _, _ = people(office)
    kept = []
    for round_ in range(6):
        # Nobody waits: each call finds an empty queue, so no warga ties her to a loket.
        actions = [lambda: calling.call_next(office, 1, siti),
                   lambda: calling.call_next(office, 2, siti)]
        if round_ % 2:
            actions = [lambda: take_counter(office, 1, siti),
                       lambda: counters.set_counter_state(office, 2, "open", siti)]
        results = race(actions)
        assert not [r for r in results if isinstance(r, DomainError)], results
        held = held_by(office, siti)
        assert len(held) == 1, (round_, held)
        kept.append(held[0])
    print(f"\nloket kept: {kept}")

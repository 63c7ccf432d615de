"""The pieces of what every screen shows, each read in O(1) queries whatever the office's size.

A screen's state is the snapshot (queue_snapshot) made of these pieces: one entry per service,
one per counter (its state and current ticket), the recent calls and the running text. After
a change, the use case sends only the pieces it touched (screen_changes).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy.orm import Session

from antrean.config import CounterSettings
from antrean.core.ticket import TicketStatus
from antrean.db import queries
from antrean.db.models import CounterState, Setting, Ticket
from antrean.usecases.context import Office
from antrean.usecases.queue.announcing import announcement_for
from antrean.usecases.queue.counter_view import counter_view
from antrean.usecases.queue.ticket_view import screen_ticket, ticket_view
from antrean.usecases.shapes import CounterEntry, CurrentTicket, RecentCall

RECENT_CALLS = 8
RUNNING_TEXT_KEY = "running_text"  # its row in settings


def counter_entries(session: Session, office: Office) -> list[CounterEntry]:
    """Every counter with its current ticket: three queries, however many counters."""
    states = queries.counter_states(session)
    current = queries.current_tickets(session)
    calls = queries.latest_call_ids(
        session, [t.id for t in current.values() if t.status == TicketStatus.CALLED])
    return [counter_entry(session, office, counter, states.get(counter.number),
                          current.get(counter.number), calls)
            for counter in office.settings.counters]


def counter_entry_of(session: Session, office: Office, number: int) -> CounterEntry:
    counter = office.settings.counter(number)
    assert counter is not None
    current = queries.current_ticket_at(session, number)
    calls = queries.latest_call_ids(session, [current.id]) \
        if current is not None and current.status == TicketStatus.CALLED else {}
    return counter_entry(session, office, counter, queries.counter_state(session, number),
                         current, calls)


def counter_entry(session: Session, office: Office, counter: CounterSettings,
                  state: CounterState | None, current: Ticket | None,
                  calls: dict[int, int]) -> CounterEntry:
    entry = counter_view(counter, state)
    view = current_view(session, office, current, calls.get(current.id)) \
        if current is not None else None
    note = counter_note(entry["state"], entry["state_label"], view)
    return {**entry, "current": view, "note": note}


def counter_note(state: str, state_label: str, current: CurrentTicket | None) -> str:
    """The line under a loket on the TV: its state unless open, else its ticket's status."""
    if state != "open":
        return state_label
    return str(current["status_label"]) if current is not None else "Siap melayani"


def current_view(session: Session, office: Office, ticket: Ticket,
                 call_id: int | None) -> CurrentTicket:
    """The ticket at a counter; while it is called, the call a TV announces (and its id, so a
    TV that missed the event announces it once when it catches up)."""
    view = screen_ticket(ticket_view(session, office, ticket, with_position=False))
    called = ticket.status == TicketStatus.CALLED and call_id is not None
    announcement = announcement_for(office, ticket.number, ticket.counter_number or 0) \
        if called else None
    current: CurrentTicket = {**view, "call_id": call_id if called else None,
                              "announcement": announcement}
    return current


def recent_calls(session: Session, office: Office, day: date,
                 counters: Collection[int] | None = None) -> list[RecentCall]:
    """The last calls of the day; with `counters`, those of one zone's loket."""
    settings = office.settings
    return [
        {"number": t.number, "counter": t.counter_number,
         "counter_name": settings.counter_voice(t.counter_number).display
         if t.counter_number else None,
         "service": t.service_code,
         "status": t.status, "called_at": t.called_at.isoformat() if t.called_at else None}
        for t in queries.recent_calls(session, day, RECENT_CALLS, counters)
    ]


def read_running_text(session: Session, office: Office) -> str:
    """config.toml gives the default; an admin may change it (usecases.running_text)."""
    row = session.get(Setting, RUNNING_TEXT_KEY)
    return row.value if row else office.settings.office.running_text

"""Counter (loket) state: open, on a break, closed."""

from __future__ import annotations

from typing import Any

from antrean.config import CounterSettings
from antrean.core.errors import invalid, not_found
from antrean.db import counter_log, queries
from antrean.db.models import CounterState
from antrean.usecases.context import Office
from antrean.usecases.events import QueueEvent

COUNTER_STATES = {"open": "Buka", "break": "Istirahat", "closed": "Loket Tutup"}


def counter_view(counter: CounterSettings, state: CounterState | None) -> dict[str, Any]:
    current = state.state if state else "closed"
    return {
        "number": counter.number,
        "name": counter.name,
        "services": list(counter.services),
        "state": current,
        "state_label": COUNTER_STATES[current],
    }


def set_counter_state(office: Office, counter_number: int, new_state: str,
                      user_id: int | None) -> dict[str, Any]:
    counter = office.settings.counter(counter_number)
    if counter is None:
        raise not_found("unknown_counter", f"Loket {counter_number} tidak ada.")
    if new_state not in COUNTER_STATES:
        raise invalid("invalid_counter_state", "Status loket harus open, break atau closed.")
    with office.transaction() as session:
        state = queries.counter_state(session, counter_number, lock=True)
        counter_log.set_state(session, state, new_state, user_id, office.now())
        view = counter_view(counter, state)
    office.publish([QueueEvent("counter", counter=view)])
    return view

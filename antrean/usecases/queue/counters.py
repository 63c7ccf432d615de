"""Counter (loket) state: open, on a break, closed."""

from __future__ import annotations

from typing import Any

from antrean.core.errors import invalid, not_found
from antrean.db import counter_log, queries
from antrean.usecases.context import Office
from antrean.usecases.events import QueueEvent
from antrean.usecases.queue.counter_holding import check_holder
from antrean.usecases.queue.counter_view import COUNTER_STATES, counter_view
from antrean.usecases.queue.screen_changes import ScreenChanges


def set_counter_state(office: Office, counter_number: int, new_state: str,
                      user_id: int | None) -> dict[str, Any]:
    counter = office.settings.counter(counter_number)
    if counter is None:
        raise not_found("unknown_counter", f"Loket {counter_number} tidak ada.")
    if new_state not in COUNTER_STATES:
        raise invalid("invalid_counter_state", "Status loket harus open, break atau closed.")
    with office.transaction() as session:
        state = queries.counter_state(session, counter_number, lock=True)
        check_holder(session, office, state, user_id)
        counter_log.set_state(session, state, new_state, user_id, office.now())
        if new_state == "closed":
            state.user_id = None  # a closed loket is free for the next petugas
        view = counter_view(counter, state)
        update = ScreenChanges(counters={counter_number}).update_event(session, office)
    office.publish([QueueEvent("counter", counter=view), update])
    return view

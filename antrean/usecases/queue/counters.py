"""Counter (loket) state: open, on a break, closed."""

from __future__ import annotations

from antrean.core.counter_status import CounterStatus
from antrean.core.errors import invalid, not_found
from antrean.db import counter_log, queries
from antrean.usecases.context import Office
from antrean.usecases.events import EventKind, QueueEvent
from antrean.usecases.queue.counter_holding import check_holder
from antrean.usecases.queue.counter_view import counter_view
from antrean.usecases.queue.screen_changes import ScreenChanges
from antrean.usecases.shapes import CounterView


def set_counter_state(office: Office, counter_number: int, new_state: str,
                      user_id: int | None) -> CounterView:
    counter = office.settings.counter(counter_number)
    if counter is None:
        raise not_found("unknown_counter", f"Loket {counter_number} tidak ada.")
    if new_state not in CounterStatus._value2member_map_:
        raise invalid("invalid_counter_state", "Status loket harus open, break atau closed.")
    with office.transaction() as session:
        state = queries.counter_state(session, counter_number, lock=True)
        check_holder(session, office, state, user_id)
        counter_log.set_state(session, state, CounterStatus(new_state), user_id, office.now())
        if new_state == CounterStatus.CLOSED:
            state.user_id = None  # a closed loket is free for the next petugas
        view = counter_view(counter, state)
        update = ScreenChanges(counters={counter_number}).update_event(session, office)
    office.publish([QueueEvent(EventKind.COUNTER, counter=view), update])
    return view

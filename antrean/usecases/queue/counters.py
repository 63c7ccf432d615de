"""Counter (loket) state: open, on a break, closed."""

from __future__ import annotations

from antrean.core.counter_status import CounterStatus
from antrean.core.errors import invalid, not_found
from antrean.db import counter_log
from antrean.usecases.context import Office
from antrean.usecases.events import EventKind, QueueEvent
from antrean.usecases.queue.counter_holding import leave_other_counters, lock_for_holding
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
    now = office.now()
    with office.transaction() as session:
        state = lock_for_holding(session, office, counter_number, user_id)
        counter_log.set_state(session, state, CounterStatus(new_state), user_id, now)
        left: set[int] = set()
        if new_state == CounterStatus.CLOSED:
            state.user_id = None  # a closed loket is free for the next petugas
        else:  # opening a loket (or a break there) is sitting at it: the other one is left
            left = leave_other_counters(session, office, user_id, counter_number, now)
        view = counter_view(counter, state)
        update = ScreenChanges(counters={counter_number} | left).update_event(session, office)
    office.publish([QueueEvent(EventKind.COUNTER, counter=view), update])
    return view

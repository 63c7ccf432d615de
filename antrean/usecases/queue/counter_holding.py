"""One petugas per loket, one loket per petugas: who holds it, taking it, leaving it, and an
admin releasing it.

A loket is held by the petugas who signed in to it (or first called there or opened it) today,
until they close it, sign out, take another loket, or an admin releases it; a holding also
lapses at the office's midnight. Anyone else is refused and told who holds it: two people
calling at one loket would close each other's tickets as done and take the credit for them.

A petugas who takes a second loket, by signing in or by calling or opening there through the
API, leaves the first: one person sits at one desk, and the loket they left is free at once
for the next petugas (refusing the move would strand someone whose first loket's computer
died until an admin came). Two such actions of one petugas at once are serialised on the
petugas' own row (locked before any loket, the same order everywhere), so they never end up
holding both.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from antrean.core.errors import conflict, not_found
from antrean.db import counter_log, queries
from antrean.db.models import CounterState, User
from antrean.usecases.access import audit
from antrean.usecases.context import Office
from antrean.usecases.queue.counter_view import counter_view
from antrean.usecases.queue.screen_changes import ScreenChanges
from antrean.usecases.shapes import CounterView


class HeldCounter(CounterView):
    """A loket and the petugas holding it (None: free), as the admin answer gives it."""

    petugas: str | None


def holder_of(session: Session, office: Office, state: CounterState) -> User | None:
    """The active petugas holding the loket today, if any."""
    if state.user_id is None or state.changed_at is None:
        return None
    if office.clock.local_day(state.changed_at) != office.clock.local_day(office.now()):
        return None  # yesterday's holding: whoever forgot to sign out went home
    user = session.get(User, state.user_id)
    return user if user is not None and user.active else None


def check_holder(session: Session, office: Office, state: CounterState,
                 user_id: int | None) -> None:
    """Refuse (409 counter_taken) an action of anyone but the loket's holder."""
    if user_id is None:
        return  # the CLI and tests acting as the office itself
    holder = holder_of(session, office, state)
    if holder is not None and holder.id != user_id:
        raise conflict("counter_taken", f"Loket {state.number} sedang dipakai oleh "
                       f"{holder.display_name}. Minta admin melepasnya bila petugas itu sudah "
                       "tidak di loket.")


def lock_for_holding(session: Session, office: Office, number: int,
                     user_id: int | None) -> CounterState:
    """The loket's row, locked for an action that makes `user_id` its holder: the person's
    row first (one petugas's actions at two loket wait for each other), then the loket's;
    refused (409 counter_taken) while another petugas holds it."""
    if user_id is not None:
        queries.lock_user(session, user_id)
    state = queries.counter_state(session, number, lock=True)
    check_holder(session, office, state, user_id)
    return state


def leave_other_counters(session: Session, office: Office, user_id: int | None, number: int,
                         now: datetime) -> set[int]:
    """Free every other loket this petugas held (after lock_for_holding); the numbers of
    those still in the set-up, whose screens change."""
    if user_id is None:
        return set()  # the CLI and tests acting as the office itself hold nothing
    left = set()
    for other in queries.other_counters_held_by(session, user_id, number):
        counter_log.set_state(session, other, other.state, None, now)
        if office.settings.counter(other.number) is not None:
            left.add(other.number)
    return left


def take_counter(office: Office, number: int, user_id: int) -> CounterView:
    """Sign in to a loket: refused while another petugas holds it; any other loket this
    petugas held is left, so one person holds one loket."""
    counter = office.settings.counter(number)
    if counter is None:
        raise not_found("unknown_counter", f"Loket {number} tidak ada.")
    now = office.now()
    with office.transaction() as session:
        state = lock_for_holding(session, office, number, user_id)
        counter_log.set_state(session, state, state.state, user_id, now)
        left = leave_other_counters(session, office, user_id, number, now)
        view = counter_view(counter, state)
        update = ScreenChanges(counters={number} | left).update_event(session, office)
    office.publish([update])
    return view


def leave_counter(office: Office, number: int, user_id: int) -> None:
    """Signing out leaves the loket this petugas held (and nothing someone else holds)."""
    with office.transaction() as session:
        state = queries.counter_state(session, number, lock=True)
        if state.user_id != user_id:
            return
        counter_log.set_state(session, state, state.state, None, office.now())
        update = ScreenChanges(counters={number}).update_event(session, office) \
            if office.settings.counter(number) is not None else None
    if update is not None:
        office.publish([update])


def release_counter(office: Office, number: int, actor_id: int | None) -> HeldCounter:
    """An admin frees a loket whose petugas left without signing out."""
    counter = office.settings.counter(number)
    if counter is None:
        raise not_found("unknown_counter", f"Loket {number} tidak ada.")
    with office.transaction() as session:
        state = queries.counter_state(session, number, lock=True)
        holder = holder_of(session, office, state)
        if state.user_id is not None:
            counter_log.set_state(session, state, state.state, None, office.now())
        if holder is not None:
            audit.record(session, office, audit.COUNTER_RELEASED, actor_id,
                         target=f"counter:{number}", detail=holder.display_name)
        view: HeldCounter = {**counter_view(counter, state), "petugas": None}
        update = ScreenChanges(counters={number}).update_event(session, office)
    office.publish([update])
    return view


def holders(session: Session, office: Office) -> dict[int, str]:
    """The display name of each loket's holder today, for the admin and the console."""
    return {number: holder.display_name for number, state in
            queries.counter_states(session).items()
            if (holder := holder_of(session, office, state)) is not None}

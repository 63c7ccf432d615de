"""Call-next and recall at a counter."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from antrean.config import CounterSettings
from antrean.core.counter_status import CounterStatus
from antrean.core.errors import conflict, invalid, not_found
from antrean.core.ticket import TicketAction, next_status
from antrean.db import counter_log, queries
from antrean.db.models import Ticket, TicketEvent
from antrean.usecases.access import audit
from antrean.usecases.context import Office
from antrean.usecases.events import EventKind, QueueEvent
from antrean.usecases.queue.announcing import announcement_for
from antrean.usecases.queue.counter_holding import (
    check_holder,
    leave_other_counters,
    lock_for_holding,
)
from antrean.usecases.queue.counter_view import counter_view
from antrean.usecases.queue.screen_changes import ScreenChanges
from antrean.usecases.queue.ticket_view import ticket_view
from antrean.usecases.shapes import CounterView, TicketView


def find_counter(office: Office, number: int) -> CounterSettings:
    counter = office.settings.counter(number)
    if counter is None:
        raise not_found("unknown_counter", f"Loket {number} tidak ada.")
    return counter


def call_next(office: Office, counter_number: int, user_id: int | None) -> TicketView | None:
    """Close the counter's current ticket and call the next one; None when nobody waits."""
    counter = find_counter(office, counter_number)
    now = office.now()
    events: list[QueueEvent] = []
    changes = ScreenChanges(counters={counter.number})
    with office.transaction() as session:
        state = lock_for_holding(session, office, counter.number, user_id)
        counter_log.set_state(session, state, CounterStatus.OPEN, user_id, now)
        changes.counters |= leave_other_counters(session, office, user_id, counter.number, now)
        closed = close_current(session, counter.number, now, user_id)
        if closed is not None:
            changes.calls = True
            events.append(QueueEvent(EventKind.CHANGED,
                                     ticket=ticket_view(session, office, closed)))
        day = office.clock.local_day(now)
        ticket = queries.lock_next_waiting(session, counter.services, day)
        if ticket is not None:
            call = _mark_called(session, ticket, counter.number, now, user_id)
            view = ticket_view(session, office, ticket)
            events.append(_called_event(office, EventKind.CALLED, view,
                                        counter_view(counter, state), call.id))
            changes.services.add(ticket.service_code)
            changes.calls = True
        else:
            view = None
            events.append(QueueEvent(EventKind.COUNTER, counter=counter_view(counter, state)))
        events.append(changes.update_event(session, office))
    office.publish(events)
    return view


MAX_REASON_LENGTH = 500


def call_ticket(office: Office, counter_number: int, public_id: object, reason: object,
                user_id: int | None) -> TicketView:
    """Call one waiting ticket out of turn (a lansia who waited at the wrong counter...).

    The reason is required and goes to the audit log with the petugas' name.
    """
    counter = find_counter(office, counter_number)
    if not isinstance(public_id, str) or not public_id:
        raise invalid("missing_ticket", "Pilih tiket yang akan dipanggil (field 'ticket').")
    if not isinstance(reason, str) or not reason.strip() or len(reason) > MAX_REASON_LENGTH:
        raise invalid("missing_reason", "Tuliskan alasan memanggil di luar urutan "
                      f"(paling banyak {MAX_REASON_LENGTH} karakter).")
    now = office.now()
    with office.transaction() as session:
        ticket = queries.ticket_by_public_id(session, public_id, lock=True)
        if ticket is None:
            raise not_found("ticket_not_found", "Tiket tidak ditemukan.")
        if ticket.service_code not in counter.services:
            raise conflict("wrong_counter", f"Loket {counter.number} tidak melayani "
                           "layanan tiket ini.")
        next_status(ticket.status, TicketAction.CALL)  # waiting, or 409
        state = lock_for_holding(session, office, counter.number, user_id)
        counter_log.set_state(session, state, CounterStatus.OPEN, user_id, now)
        left = leave_other_counters(session, office, user_id, counter.number, now)
        events: list[QueueEvent] = []
        closed = close_current(session, counter.number, now, user_id)
        if closed is not None:
            events.append(QueueEvent(EventKind.CHANGED,
                                     ticket=ticket_view(session, office, closed)))
        call = _mark_called(session, ticket, counter.number, now, user_id)
        audit.record(session, office, audit.CALLED_OUT_OF_ORDER, user_id,
                     target=f"ticket:{ticket.number}", detail=reason.strip())
        view = ticket_view(session, office, ticket)
        events.append(_called_event(office, EventKind.CALLED, view,
                                    counter_view(counter, state), call.id))
        events.append(ScreenChanges(services={ticket.service_code},
                                    counters={counter.number} | left,
                                    calls=True).update_event(session, office))
    office.publish(events)
    return view


def recall(office: Office, counter_number: int, user_id: int | None) -> TicketView:
    """Announce the counter's called ticket again."""
    counter = find_counter(office, counter_number)
    now = office.now()
    with office.transaction() as session:
        state = queries.counter_state(session, counter.number, lock=True)
        check_holder(session, office, state, user_id)
        ticket = queries.current_ticket_at(session, counter.number, lock=True)
        if ticket is None:
            raise conflict("nothing_to_recall", "Belum ada nomor yang dipanggil di loket ini.")
        next_status(ticket.status, TicketAction.RECALL)
        ticket.called_at = now
        call = queries.log_event(session, ticket, "recall", now, counter.number, user_id)
        session.flush()
        view = ticket_view(session, office, ticket)
        event = _called_event(office, EventKind.RECALLED, view, counter_view(counter, state),
                              call.id)
        update = ScreenChanges(counters={counter.number}, calls=True).update_event(session,
                                                                                  office)
    office.publish([event, update])
    return view


def _called_event(office: Office, kind: EventKind, view: TicketView, counter: CounterView,
                  call_id: int) -> QueueEvent:
    """`call_id` (the call's row in the event log) lets a TV announce each call once."""
    return QueueEvent(kind, ticket=view, counter=counter,
                      announcement=announcement_for(office, view["number"], counter["number"]),
                      extra={"call_id": call_id})


def close_current(session: Session, counter_number: int, now: datetime,
                  user_id: int | None) -> Ticket | None:
    """Finish the ticket still at the counter; an unstarted one started at its call."""
    ticket = queries.current_ticket_at(session, counter_number, lock=True)
    if ticket is None:
        return None
    finish_ticket(session, ticket, now, counter_number, user_id, detail="closed by next call")
    return ticket


def finish_ticket(session: Session, ticket: Ticket, now: datetime, counter_number: int | None,
                  user_id: int | None, detail: str | None = None) -> None:
    ticket.status = next_status(ticket.status, TicketAction.FINISH)
    if ticket.started_at is None:
        ticket.started_at = ticket.called_at or now
        queries.log_event(session, ticket, "start", ticket.started_at, counter_number, user_id,
                          detail="implicit: service starts at the call")
    ticket.finished_at = now
    queries.log_event(session, ticket, "finish", now, counter_number, user_id, detail=detail)


def _mark_called(session: Session, ticket: Ticket, counter_number: int, now: datetime,
                 user_id: int | None) -> TicketEvent:
    ticket.status = next_status(ticket.status, TicketAction.CALL)
    ticket.first_called_at = ticket.first_called_at or now
    ticket.called_at = now
    ticket.counter_number = counter_number
    ticket.served_by = user_id
    call = queries.log_event(session, ticket, "call", now, counter_number, user_id)
    session.flush()  # the call's id goes out with the event
    return call

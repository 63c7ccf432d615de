"""Reusable queries. Each takes the caller's session; none commits."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import date, datetime
from typing import Any, cast

from sqlalchemy import Date, Select, and_, bindparam, func, insert, or_, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session, make_transient_to_detached

from antrean.core.counter_status import CounterStatus
from antrean.core.ticket import AT_COUNTER_STATUSES, WAITING_STATUSES, TicketStatus
from antrean.db.models import CounterState, DailySequence, Ticket, TicketEvent, User
from antrean.db.screen_versions import SETUP_KEY

_WAITING = [s.value for s in WAITING_STATUSES]


# One text for SQLite (3.35+) and PostgreSQL: built once, not per ticket.
_TAKE_NUMBER = (
    "INSERT INTO daily_sequences (service_code, local_day, last_sequence) "
    "VALUES (:service, :day, 1) ON CONFLICT (service_code, local_day) "
    "DO UPDATE SET last_sequence = daily_sequences.last_sequence + 1 RETURNING last_sequence")
_NEXT_SEQUENCE = text(_TAKE_NUMBER).bindparams(bindparam("day", type_=Date))
_NEXT_SEQUENCE_AND_SETUP = text(
    f"{_TAKE_NUMBER}, (SELECT version FROM screen_versions WHERE \"key\" = :setup_key)"
).bindparams(bindparam("day", type_=Date), bindparam("setup_key", value=SETUP_KEY))


def next_sequence(session: Session, service_code: str, local_day: date) -> int:
    """Atomically take the next number of the day; the upsert row-locks until commit."""
    return int(session.execute(_NEXT_SEQUENCE, {"service": service_code, "day": local_day})
               .scalar_one())


def next_sequence_and_setup_version(session: Session, service_code: str,
                                    local_day: date) -> tuple[int, int]:
    """next_sequence, and the live set-up's version read by the same statement: issuing
    starts from the set-up with no statement of its own for it (Office.use_setup_version)."""
    sequence, setup = session.execute(_NEXT_SEQUENCE_AND_SETUP,
                                      {"service": service_code, "day": local_day}).one()
    return int(sequence), int(setup or 0)


def ticket_by_public_id(session: Session, public_id: str, lock: bool = False) -> Ticket | None:
    query = select(Ticket).where(Ticket.public_id == public_id)
    if lock:
        query = query.with_for_update()
    return session.scalars(query).first()


def _queue_order(query: Select[Ticket]) -> Select[Ticket]:
    """Priority first, then by queue_at: the issue time of a walk-in, the session start of a
    booking checked in on time (so walk-ins who came after the start are behind it)."""
    return query.order_by(Ticket.priority_rank, Ticket.queue_at, Ticket.id)


def waiting_tickets(session: Session, service_codes: Iterable[str], local_day: date,
                    limit: int | None = None) -> Sequence[Ticket]:
    query = _queue_order(select(Ticket).where(
        Ticket.service_code.in_(list(service_codes)),
        Ticket.status.in_(_WAITING),
        Ticket.local_day == local_day,
    ))
    if limit is not None:
        query = query.limit(limit)
    return session.scalars(query).all()


def lock_next_waiting(session: Session, service_codes: Sequence[str],
                      local_day: date) -> Ticket | None:
    """The ticket to call next, locked; SKIP LOCKED lets a parallel caller take the one after."""
    query = _queue_order(select(Ticket).where(
        Ticket.service_code.in_(list(service_codes)),
        Ticket.status.in_(_WAITING),
        Ticket.local_day == local_day,
    )).limit(1).with_for_update(skip_locked=True)
    return session.scalars(query).first()


def count_ahead(session: Session, ticket: Ticket) -> int:
    """People before this ticket in its service's queue (priority first, then by queue_at)."""
    if ticket.status not in _WAITING:
        return 0
    return queue_position(session, ticket)[0]


# The hot statements are built once, on the tables' columns rather than the mapped classes':
# a plain Core select skips the ORM's compile and result steps, about half of a small
# statement's cost. Other queries keep the ORM's spelling.
_TICKETS = Ticket.__table__.c
_COUNTERS = CounterState.__table__.c
_EARLIER = or_(
    _TICKETS.priority_rank < bindparam("rank"),
    and_(_TICKETS.priority_rank == bindparam("rank"),
         or_(_TICKETS.queue_at < bindparam("queued"),
             and_(_TICKETS.queue_at == bindparam("queued"), _TICKETS.id < bindparam("id")))))
_POSITION = select(func.count().filter(_EARLIER), func.count()).where(
    _TICKETS.service_code == bindparam("service"), _TICKETS.local_day == bindparam("day"),
    _TICKETS.status.in_(_WAITING))


def queue_position(session: Session, ticket: Ticket) -> tuple[int, int]:
    """(people ahead of this waiting ticket, people waiting in its service today), counted in
    one pass over the index entries of the service's queue (ix_tickets_day_queue_at)."""
    ahead, waiting = session.execute(_POSITION, {
        "rank": ticket.priority_rank, "queued": ticket.queue_at or ticket.issued_at,
        "id": ticket.id,
        "service": ticket.service_code, "day": ticket.local_day}).one()
    return int(ahead), int(waiting)


def waiting_counts(session: Session, local_day: date) -> dict[str, int]:
    query = (
        select(Ticket.service_code, func.count())
        .where(Ticket.status.in_(_WAITING), Ticket.local_day == local_day)
        .group_by(Ticket.service_code)
    )
    return {code: int(count) for code, count in session.execute(query).all()}


def waiting_count(session: Session, service_code: str, local_day: date) -> int:
    query = select(func.count()).select_from(Ticket).where(
        Ticket.service_code == service_code, Ticket.status.in_(_WAITING),
        Ticket.local_day == local_day)
    return int(session.scalar(query) or 0)


def issued_count(session: Session, service_code: str, local_day: date) -> int:
    query = select(DailySequence.last_sequence).where(
        DailySequence.service_code == service_code, DailySequence.local_day == local_day)
    return int(session.scalar(query) or 0)


def issued_counts(session: Session, local_day: date) -> dict[str, int]:
    query = select(DailySequence.service_code, DailySequence.last_sequence).where(
        DailySequence.local_day == local_day)
    return {code: int(count) for code, count in session.execute(query).all()}


def current_ticket_at(session: Session, counter_number: int, lock: bool = False) -> Ticket | None:
    query = select(Ticket).where(
        Ticket.counter_number == counter_number,
        Ticket.status.in_([s.value for s in AT_COUNTER_STATUSES]),
    ).order_by(Ticket.called_at.desc())
    if lock:
        query = query.with_for_update()
    return session.scalars(query).first()


def current_tickets(session: Session) -> dict[int, Ticket]:
    """Every counter's current ticket in one query: the latest called one still there."""
    query = select(Ticket).where(
        Ticket.counter_number.is_not(None),
        Ticket.status.in_([s.value for s in AT_COUNTER_STATUSES]),
    ).order_by(Ticket.called_at)
    current: dict[int, Ticket] = {}
    for ticket in session.scalars(query).all():
        assert ticket.counter_number is not None
        current[ticket.counter_number] = ticket  # ordered by call: the latest wins
    return current


def latest_call_ids(session: Session, ticket_ids: Sequence[int]) -> dict[int, int]:
    """The id of each ticket's latest call or recall in the event log: what a TV announced."""
    if not ticket_ids:
        return {}
    query = (
        select(TicketEvent.ticket_id, func.max(TicketEvent.id))
        .where(TicketEvent.ticket_id.in_(list(ticket_ids)),
               TicketEvent.event.in_(["call", "recall"]))
        .group_by(TicketEvent.ticket_id)
    )
    return {int(ticket): int(event) for ticket, event in session.execute(query).all()}


def counter_state(session: Session, number: int, lock: bool = False) -> CounterState:
    """The counter's row, created closed on first use; locking it serialises its actions."""
    query = select(CounterState).where(CounterState.number == number)
    if lock:
        query = query.with_for_update()
    state = session.scalars(query).first()
    if state is None:
        # Two first uses at once both insert: the second does nothing and locks the first's.
        insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
        session.execute(insert(CounterState).values(number=number, state=CounterStatus.CLOSED)
                        .on_conflict_do_nothing(index_elements=["number"]))
        state = session.scalars(query.execution_options(populate_existing=True)).one()
    return state


def counter_states(session: Session) -> dict[int, CounterState]:
    return {row.number: row for row in session.scalars(select(CounterState)).all()}


def recent_calls(session: Session, local_day: date, limit: int = 10,
                 counters: Collection[int] | None = None) -> Sequence[Ticket]:
    """The day's last calls; with `counters`, only those made at these loket (a zone's)."""
    query = (
        select(Ticket)
        .where(Ticket.local_day == local_day, Ticket.called_at.is_not(None),
               Ticket.counter_number.is_not(None))
        .order_by(Ticket.called_at.desc(), Ticket.id.desc())
        .limit(limit)
    )
    if counters is not None:
        query = query.where(Ticket.counter_number.in_(sorted(counters)))
    return session.scalars(query).all()


def skipped_at_counter(session: Session, counter_number: int, local_day: date,
                       limit: int) -> Sequence[Ticket]:
    """Tickets a loket skipped that day, last called first: the citizen may still turn up."""
    query = (select(Ticket)
             .where(Ticket.counter_number == counter_number, Ticket.local_day == local_day,
                    Ticket.status == TicketStatus.SKIPPED.value)
             .order_by(Ticket.called_at.desc()).limit(limit))
    return session.scalars(query).all()


def served_today_by_counter(session: Session, counter_number: int, local_day: date) -> int:
    query = select(func.count()).select_from(TicketEvent).where(
        TicketEvent.counter_number == counter_number,
        TicketEvent.local_day == local_day,
        TicketEvent.event == "finish",
    )
    return int(session.scalar(query) or 0)


# Built once: every issued ticket asks for its estimate, and building a statement costs more
# than running it.
_LAST_SERVICES = select(_TICKETS.started_at, _TICKETS.finished_at).where(
    _TICKETS.service_code == bindparam("service"),
    _TICKETS.local_day == bindparam("day"),
    _TICKETS.status == TicketStatus.DONE.value,
    _TICKETS.finished_at.is_not(None),  # the index holds them last to first
    _TICKETS.started_at.is_not(None),
).order_by(_TICKETS.finished_at.desc()).limit(20)

_OPEN_COUNTERS = select(_COUNTERS.number).where(_COUNTERS.state == CounterStatus.OPEN)


def open_counters(session: Session) -> set[int]:
    return set(session.scalars(_OPEN_COUNTERS).all())


def mean_service_seconds(session: Session, service_code: str, local_day: date) -> float | None:
    """Today's mean service time, once a few tickets are done; None before that."""
    rows = session.execute(_LAST_SERVICES, {"service": service_code, "day": local_day}).all()
    durations: list[float] = [(end - start).total_seconds() for start, end in rows
                              if start and end]
    if len(durations) < 3:
        return None
    return sum(durations) / len(durations)


def log_event(session: Session, ticket: Ticket, event: str, at: datetime,
              counter_number: int | None = None, user_id: int | None = None,
              detail: str | None = None) -> TicketEvent:
    entry = TicketEvent(
        ticket_id=ticket.id, event=event, at=at, local_day=ticket.local_day,
        service_code=ticket.service_code, counter_number=counter_number, user_id=user_id,
        detail=detail,
    )
    session.add(entry)
    return entry


# Plain Core statements on the tables, built once: no ORM object to flush.
_INSERT_TICKET = insert(Ticket.__table__)  # type: ignore[arg-type]
_TICKET_COLUMNS = [column.key for column in Ticket.__table__.columns if column.key != "id"]


def insert_ticket(session: Session, ticket: Ticket) -> None:
    """Store a new ticket with one INSERT and make the object persistent in the session as
    a flush would (later changes to it are flushed as usual): issuing spares the ORM's
    flush, which cost it more than the statement itself."""
    values = {key: getattr(ticket, key) for key in _TICKET_COLUMNS}
    for key, value in values.items():
        setattr(ticket, key, value)  # every column loaded: nothing is read back later
    inserted = cast(CursorResult[Any], session.execute(_INSERT_TICKET, values))
    assert inserted.inserted_primary_key is not None
    ticket.id = int(inserted.inserted_primary_key[0])
    make_transient_to_detached(ticket)
    session.add(ticket)


_INSERT_EVENT = insert(TicketEvent.__table__)  # type: ignore[arg-type]


def log_event_now(session: Session, ticket: Ticket, event: str, at: datetime,
                  detail: str | None = None) -> None:
    """log_event for a ticket's own step (no loket, no user), inserted at once: issuing's
    hot path spares the ORM's flush of an object nobody reads back."""
    session.execute(_INSERT_EVENT, {
        "ticket_id": ticket.id, "event": event, "at": at, "local_day": ticket.local_day,
        "service_code": ticket.service_code, "counter_number": None, "user_id": None,
        "detail": detail})


def priority_count(session: Session, service_code: str, day: date) -> int:
    """Tickets of a service's day that still hold a priority (a removed one no longer does)."""
    return int(session.scalar(
        select(func.count()).select_from(Ticket)
        .where(Ticket.origin_service_code == service_code, Ticket.local_day == day,
               Ticket.priority.is_not(None))) or 0)


def lock_user(session: Session, user_id: int) -> None:
    """Lock a person's row (FOR NO KEY UPDATE: rows that merely refer to the person, such as
    ticket events, are still written meanwhile)."""
    session.execute(select(User.id).where(User.id == user_id)
                    .with_for_update(key_share=True))


def other_counters_held_by(session: Session, user_id: int, number: int) -> Sequence[CounterState]:
    """The loket states, locked, that this petugas holds besides `number`."""
    return session.scalars(select(CounterState).where(
        CounterState.user_id == user_id, CounterState.number != number).with_for_update()).all()

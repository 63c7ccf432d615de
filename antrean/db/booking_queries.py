"""Queries on bookings. Each takes the caller's session; none commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from antrean.core.booking import ACTIVE_STATUSES, HOLDING_STATUSES, BookingStatus
from antrean.db.booking_models import Booking, BookingDay, OutboxMessage

_HOLDING = [s.value for s in HOLDING_STATUSES]
_ACTIVE = [s.value for s in ACTIVE_STATUSES]


def lock_day(session: Session, service_code: str, day: date) -> None:
    """Take the service-day lock until commit (an upsert row-locks on both databases)."""
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    session.execute(
        insert(BookingDay).values(service_code=service_code, local_day=day, attempts=1)
        .on_conflict_do_update(index_elements=["service_code", "local_day"],
                               set_={"attempts": BookingDay.attempts + 1})
    )


def places_taken(session: Session, service_code: str, first: date, last: date,
                 released_before: datetime) -> dict[tuple[date, str], int]:
    """Places held per (day, session) from `first` to `last`: booked, used or missed, and
    cancellations not yet released (cancelled after `released_before`)."""
    holding = or_(
        Booking.status.in_(_HOLDING),
        and_(Booking.status == BookingStatus.CANCELLED.value,
             Booking.cancelled_at > released_before),
    )
    rows = session.execute(
        select(Booking.local_day, Booking.session_start, func.count())
        .where(Booking.service_code == service_code, Booking.local_day >= first,
               Booking.local_day <= last, holding)
        .group_by(Booking.local_day, Booking.session_start)
    ).all()
    return {(day, start): int(count) for day, start, count in rows}


def last_position(session: Session, service_code: str, day: date, session_start: str) -> int:
    return int(session.scalar(select(func.max(Booking.position)).where(
        Booking.service_code == service_code, Booking.local_day == day,
        Booking.session_start == session_start)) or 0)


def active_booking_of(session: Session, service_code: str, day: date, phone: str,
                      nik_hash: str | None) -> Booking | None:
    """The person's active booking for the service and day, by phone or by NIK."""
    same_person = Booking.phone == phone
    if nik_hash is not None:
        same_person = or_(same_person, Booking.nik_hash == nik_hash)
    return session.scalars(select(Booking).where(
        Booking.service_code == service_code, Booking.local_day == day,
        Booking.status.in_(_ACTIVE), same_person,
    ).limit(1)).first()


def booking_by_code(session: Session, code: str, lock: bool = False) -> Booking | None:
    query = select(Booking).where(Booking.code == code)
    if lock:
        query = query.with_for_update()
    return session.scalars(query).first()


def code_taken(session: Session, code: str) -> bool:
    return session.scalar(select(Booking.id).where(Booking.code == code)) is not None


def checked_in_count(session: Session, service_code: str, day: date) -> int:
    """Queue numbers of the day that came from bookings (they do not use the walk-in quota)."""
    return int(session.scalar(select(func.count()).select_from(Booking).where(
        Booking.service_code == service_code, Booking.local_day == day,
        Booking.ticket_id.is_not(None),
    )) or 0)


def checked_in_counts(session: Session, day: date) -> dict[str, int]:
    """checked_in_count of every service at once."""
    query = select(Booking.service_code, func.count()).where(
        Booking.local_day == day, Booking.ticket_id.is_not(None)).group_by(Booking.service_code)
    return {code: int(count) for code, count in session.execute(query).all()}


def mark_no_shows(session: Session, now: datetime, booking_id: int | None = None) -> int:
    """Bookings whose check-in window closed become "tidak datang". One conditional UPDATE:
    several processes may run it at once, and a check-in that committed first wins."""
    query = update(Booking).where(Booking.status == BookingStatus.BOOKED.value,
                                  Booking.checkin_closes_at < now)
    if booking_id is not None:
        query = query.where(Booking.id == booking_id)
    result = session.execute(query.values(status=BookingStatus.NO_SHOW.value, no_show_at=now)
                             .execution_options(synchronize_session=False))
    return int(result.rowcount)  # type: ignore[attr-defined]


def bookings_of_day(session: Session, day: date,
                    service_code: str | None = None) -> Sequence[Booking]:
    query = select(Booking).where(Booking.local_day == day)
    if service_code is not None:
        query = query.where(Booking.service_code == service_code)
    return session.scalars(query.order_by(Booking.service_code, Booking.session_start,
                                          Booking.position, Booking.id)).all()


def needing_reminder(session: Session, day: date, booked_before: datetime,
                     now: datetime) -> Sequence[Booking]:
    """Today's bookings made on an earlier day, still ahead, not yet reminded."""
    reminded = select(OutboxMessage.id).where(OutboxMessage.booking_id == Booking.id,
                                              OutboxMessage.message == "reminder")
    return session.scalars(select(Booking).where(
        Booking.local_day == day, Booking.status == BookingStatus.BOOKED.value,
        Booking.created_at < booked_before, Booking.checkin_closes_at > now,
        ~reminded.exists(),
    )).all()


def booking_of_ticket(session: Session, ticket_id: int) -> Booking | None:
    return session.scalars(select(Booking).where(Booking.ticket_id == ticket_id)).first()


def bookings_of_tickets(session: Session, ticket_ids: Sequence[int]) -> dict[int, Booking]:
    if not ticket_ids:
        return {}
    rows = session.scalars(select(Booking).where(Booking.ticket_id.in_(list(ticket_ids))))
    return {row.ticket_id: row for row in rows if row.ticket_id is not None}


def bookings_told(session: Session, booking_ids: Sequence[int], message: str) -> set[int]:
    """Which of these bookings already have `message` in the outbox (on any channel)."""
    if not booking_ids:
        return set()
    query = select(OutboxMessage.booking_id).where(
        OutboxMessage.booking_id.in_(list(booking_ids)), OutboxMessage.message == message)
    return set(session.scalars(query).all())


def status_counts(session: Session, first: date, last: date,
                  services: Collection[str] | None = None) -> dict[str, int]:
    """Bookings for the days first..last (office-local) by status (ix_bookings_day), of every
    service or of these."""
    query = select(Booking.status, func.count()).where(
        Booking.local_day >= first, Booking.local_day <= last)
    if services is not None:
        query = query.where(Booking.service_code.in_(sorted(services)))
    return {status: int(count) for status, count in
            session.execute(query.group_by(Booking.status)).all()}

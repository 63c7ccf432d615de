"""Each ticket's report facts, read from the ticket event log in one pass (docs/reports.md).

The database groups a day's events by ticket (in the order of the index on (local_day,
ticket_id), so SQLite aggregates as it scans) and works out waits, service times, local hours
and within-target flags with the same integer arithmetic on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Integer, and_, case, func, literal, select, text
from sqlalchemy.orm import Session

from antrean.core.report_tally import TicketFact
from antrean.core.ticket import CITIZEN_CANCEL
from antrean.db.booking_models import Booking
from antrean.db.epoch import epoch_seconds, local_epoch
from antrean.db.models import TicketEvent, User


def use_one_snapshot(session: Session) -> None:
    """Let every statement of this read transaction see the same committed state.

    PostgreSQL's default gives each statement its own snapshot; a report reading roll-ups and
    events in several statements must not mix states. SQLite's read transactions already
    keep one. Call it first in the transaction.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))


def ticket_facts(session: Session, days: Collection[date], offsets: list[tuple[int, int]],
                 targets: dict[str, int]) -> list[TicketFact]:
    """The facts of every ticket issued on one of `days` (office-local).

    `offsets` are the office zone's UTC offsets over those days (core.clock), `targets` each
    service's target wait in seconds.
    """
    if not days:
        return []
    rows = session.execute(_fact_rows(session, sorted(days), offsets, targets)).all()
    return [TicketFact(day, hour, service, priority, counter, user_id, wait, service_time,
                       None if within is None else bool(within), bool(served), bool(no_show),
                       bool(cancelled), bool(transferred), bool(by_citizen), bool(confirmed),
                       bool(removed), bool(booked))
            for (day, hour, service, priority, counter, user_id, wait, service_time, within,
                 served, no_show, cancelled, transferred, by_citizen, confirmed, removed, booked)
            in rows]


def _fact_rows(session: Session, days: list[date], offsets: list[tuple[int, int]],
               targets: dict[str, int]) -> Any:
    dialect = session.get_bind().dialect.name
    at = epoch_seconds(TicketEvent.at, dialect)
    event = TicketEvent.event

    def first(name: str, value: Any = at) -> Any:
        return func.min(case((event == name, value)))

    def last(name: str) -> Any:
        return func.max(case((event == name, at)))

    def flag(name: str) -> Any:
        return func.max(case((event == name, 1), else_=0))

    closing = event.in_(("finish", "no_show"))
    per_ticket = (
        select(
            TicketEvent.ticket_id.label("ticket_id"),
            TicketEvent.local_day.label("day"),
            first("issue").label("issued"),
            first("issue", TicketEvent.service_code).label("service"),
            first("issue", TicketEvent.detail).label("priority"),
            first("call").label("called"),
            last("start").label("started"),
            last("finish").label("finished"),
            func.max(case((closing, TicketEvent.counter_number))).label("counter"),
            func.max(case((closing, TicketEvent.user_id))).label("user_id"),
            flag("no_show").label("no_show"),
            flag("cancel").label("cancelled"),
            flag("transfer").label("transferred"),
            func.max(case((and_(event == "cancel", TicketEvent.detail == CITIZEN_CANCEL), 1),
                          else_=0)).label("by_citizen"),
            flag("priority_confirm").label("confirmed"),
            flag("priority_remove").label("removed"),
        )
        .where(TicketEvent.local_day.in_(days))
        # Every event of a ticket carries the ticket's day: grouping in the index's order
        # (local_day, ticket_id) lets SQLite aggregate as it scans, without a sort.
        .group_by(TicketEvent.local_day, TicketEvent.ticket_id)
        .subquery()
    )
    t = per_ticket.c
    wait = t.called - t.issued
    target = case(*[(t.service == code, seconds) for code, seconds in targets.items()],
                  else_=None) if targets else literal(None, Integer)
    return select(
        t.day,
        (local_epoch(t.issued, offsets) % 86400) // 3600,
        t.service, t.priority, t.counter, t.user_id,
        wait,
        t.finished - t.started,
        case((and_(target.is_not(None), t.called.is_not(None)),
              case((wait <= target, 1), else_=0))),
        case((t.finished.is_not(None), 1), else_=0),
        t.no_show, t.cancelled, t.transferred, t.by_citizen, t.confirmed, t.removed,
        # A booking's check-in (ix_bookings_ticket): waits of booked and walk-in tickets apart.
        case((select(Booking.id).where(Booking.ticket_id == t.ticket_id).exists(), 1),
             else_=0),
    ).where(t.issued.is_not(None))


def names_of_users(session: Session, ids: Sequence[int]) -> dict[int, str]:
    if not ids:
        return {}
    rows = session.execute(select(User.id, User.display_name, User.username)
                           .where(User.id.in_(list(ids)))).all()
    return {int(i): (name or username) for i, name, username in rows}

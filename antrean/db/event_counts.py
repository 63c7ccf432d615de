"""Counts over the ticket event log (ticket_events) that screens show. Each takes the caller's
session; none commits."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from antrean.db.models import TicketEvent


def finished_by_user(session: Session, user_id: int, local_day: date) -> int:
    query = select(func.count()).select_from(TicketEvent).where(
        TicketEvent.user_id == user_id, TicketEvent.local_day == local_day,
        TicketEvent.event == "finish")
    return int(session.scalar(query) or 0)


def finished_on(session: Session, local_day: date,
                services: Collection[str] | None = None) -> int:
    """Tickets finished on the day, of every service or of these."""
    query = select(func.count()).select_from(TicketEvent).where(
        TicketEvent.event == "finish", TicketEvent.local_day == local_day)
    if services is not None:
        query = query.where(TicketEvent.service_code.in_(sorted(services)))
    return int(session.scalar(query) or 0)


def finished_by_service(session: Session, local_day: date) -> dict[str, int]:
    query = (select(TicketEvent.service_code, func.count())
             .where(TicketEvent.local_day == local_day, TicketEvent.event == "finish")
             .group_by(TicketEvent.service_code))
    return {code: int(count) for code, count in session.execute(query).all()}


def calls_since(session: Session, since: datetime,
                services: Collection[str] | None = None) -> int:
    """Calls since then, of every service or of these."""
    query = select(func.count()).select_from(TicketEvent).where(
        TicketEvent.event == "call", TicketEvent.at >= since)
    if services is not None:
        query = query.where(TicketEvent.service_code.in_(sorted(services)))
    return int(session.scalar(query) or 0)

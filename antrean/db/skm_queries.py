"""Queries on published SKM results: publications, follow-up plans and the population served.
Each takes the caller's session; none commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from antrean.core.ticket import TicketStatus
from antrean.db.models import Ticket
from antrean.db.publication_models import SkmFollowUp, SkmPublication


def published_period_keys(session: Session) -> Sequence[str]:
    """The keys of every published period, in no particular order."""
    return session.scalars(select(SkmPublication.period)).all()


def follow_ups(session: Session, period_key: str) -> Sequence[SkmFollowUp]:
    """A period's follow-up plans, ordered by element code."""
    return session.scalars(select(SkmFollowUp).where(SkmFollowUp.period == period_key)
                           .order_by(SkmFollowUp.element)).all()


def follow_up_locked(session: Session, period_key: str, service_code: str,
                     element: str) -> SkmFollowUp | None:
    """The plan for one element of a period, locked for update; None when not written yet."""
    return session.scalar(select(SkmFollowUp).where(
        SkmFollowUp.period == period_key, SkmFollowUp.service_code == service_code,
        SkmFollowUp.element == element).with_for_update())


def served_per_service(session: Session, first: date, last: date) -> dict[str, int]:
    """Tickets served to the end from `first` to `last` (inclusive), per service code."""
    rows = session.execute(
        select(Ticket.service_code, func.count())
        .where(Ticket.local_day >= first, Ticket.local_day <= last,
               Ticket.status == TicketStatus.DONE.value)
        .group_by(Ticket.service_code)
    ).all()
    return {code: int(count) for code, count in rows}

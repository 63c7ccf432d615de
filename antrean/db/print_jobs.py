"""Queries on print jobs. Each takes the caller's session; none commits."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from antrean.db.models import Ticket
from antrean.db.printing_models import PrintJob


def latest_of(session: Session, ticket: Ticket) -> PrintJob | None:
    return session.scalars(select(PrintJob).where(PrintJob.ticket_id == ticket.id)
                           .order_by(PrintJob.id.desc()).limit(1)).first()


def recent(session: Session, failed_only: bool, limit: int) -> Sequence[PrintJob]:
    query = select(PrintJob).order_by(PrintJob.id.desc()).limit(limit)
    if failed_only:
        query = query.where(PrintJob.status == "failed")
    return session.scalars(query).all()


def pending(session: Session) -> Sequence[PrintJob]:
    return session.scalars(select(PrintJob).where(PrintJob.status == "pending")).all()


def failed_count(session: Session) -> int:
    query = select(func.count()).select_from(PrintJob).where(PrintJob.status == "failed")
    return int(session.scalar(query) or 0)

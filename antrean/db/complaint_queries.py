"""Queries on complaints (pengaduan). Each takes the caller's session; none commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from antrean.db.complaint_models import Complaint


def filed_since(session: Session, client_hash: str, since: datetime) -> int:
    """Complaints one sender address filed since then: a flood is refused."""
    query = select(func.count()).select_from(Complaint).where(
        Complaint.client_hash == client_hash, Complaint.created_at >= since)
    return int(session.scalar(query) or 0)


def counts_by_status(session: Session, agency: str | None = None) -> dict[str, int]:
    query = select(Complaint.status, func.count()).group_by(Complaint.status)
    if agency is not None:
        query = query.where(Complaint.agency == agency)
    return {status: int(count) for status, count in session.execute(query).all()}


def newest(session: Session, status: str | None, limit: int,
           agency: str | None = None) -> Sequence[Complaint]:
    """Newest first; only those in `status` (and of `agency`) when given."""
    query = select(Complaint).order_by(Complaint.created_at.desc(), Complaint.id.desc())
    if status is not None:
        query = query.where(Complaint.status == status)
    if agency is not None:
        query = query.where(Complaint.agency == agency)
    return session.scalars(query.limit(limit)).all()


def by_tracking_code(session: Session, code: str, lock: bool = False) -> Complaint | None:
    query = select(Complaint).where(Complaint.tracking_code == code)
    if lock:
        query = query.with_for_update()
    return session.scalars(query).first()


def code_taken(session: Session, code: str) -> bool:
    return session.scalar(select(Complaint.id).where(Complaint.tracking_code == code)) is not None


def filed_between(session: Session, start: datetime, end: datetime) -> Sequence[Complaint]:
    """Complaints filed from `start` up to (not including) `end`: a month's recap."""
    return session.scalars(select(Complaint).where(
        Complaint.created_at >= start, Complaint.created_at < end)).all()

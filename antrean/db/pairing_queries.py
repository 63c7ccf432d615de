"""Queries on one-click pairing links. Each takes the caller's session; none commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from antrean.db.pairing_models import PairingLink


def _open(now: datetime) -> list[ColumnElement[bool]]:
    """Not used, not cancelled, not expired."""
    return [PairingLink.used_at.is_(None), PairingLink.cancelled_at.is_(None),
            PairingLink.expires_at > now]


def open_links(session: Session, now: datetime) -> Sequence[PairingLink]:
    return session.scalars(select(PairingLink).where(*_open(now))
                           .order_by(PairingLink.id)).all()


def open_link_by_hash(session: Session, code_hash: str, now: datetime,
                      for_update: bool = False) -> PairingLink | None:
    query = select(PairingLink).where(PairingLink.code_hash == code_hash, *_open(now))
    return session.scalar(query.with_for_update() if for_update else query)


def open_link_count(session: Session, role: str, now: datetime) -> int:
    query = select(func.count()).select_from(PairingLink).where(PairingLink.role == role,
                                                                *_open(now))
    return int(session.scalar(query) or 0)

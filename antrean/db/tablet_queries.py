"""Queries on survey-tablet pairings. Each takes the caller's session; none commits."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import datetime

from sqlalchemy import Row, select, update
from sqlalchemy.orm import Session

from antrean.db.device_models import TabletPairing
from antrean.db.models import User


def by_link_hash(session: Session, link_hash: str) -> TabletPairing | None:
    """The pairing a link's secret belongs to, locked: a link pairs one browser."""
    return session.scalar(select(TabletPairing).where(
        TabletPairing.link_hash == link_hash).with_for_update())


def live_counter(session: Session, pairing_id: int) -> int | None:
    """The loket of a pairing that is paired, not revoked, and whose maker is still active."""
    row = session.execute(
        select(TabletPairing.counter).join(User, User.id == TabletPairing.created_by)
        .where(TabletPairing.id == pairing_id, TabletPairing.revoked_at.is_(None),
               TabletPairing.paired_at.is_not(None), User.active.is_(True))).first()
    return row.counter if row is not None else None


def unrevoked_with_maker(session: Session) -> Sequence[Row[TabletPairing, str]]:
    """Pairings and links not revoked whose maker is active, with the maker's name."""
    return session.execute(
        select(TabletPairing, User.display_name)
        .join(User, User.id == TabletPairing.created_by)
        .where(TabletPairing.revoked_at.is_(None), User.active.is_(True))
        .order_by(TabletPairing.id)).all()


def revoke_made_by(session: Session, user_id: int, now: datetime) -> None:
    """Every pairing the person made ends with their account."""
    session.execute(update(TabletPairing).where(
        TabletPairing.created_by == user_id, TabletPairing.revoked_at.is_(None))
        .values(revoked_at=now, link_hash=None))


def live_pairing_ids(session: Session, pairing_ids: Collection[int]) -> set[int]:
    """Which of these pairings are paired, not revoked, and made by a petugas still active
    (live_counter's rule, for many pairings in one statement)."""
    return set(session.scalars(
        select(TabletPairing.id).join(User, User.id == TabletPairing.created_by)
        .where(TabletPairing.id.in_(pairing_ids), TabletPairing.revoked_at.is_(None),
               TabletPairing.paired_at.is_not(None), User.active.is_(True))))

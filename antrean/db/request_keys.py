"""Idempotency keys for issuing: a retried or double-tapped request gets the same ticket.

The primary key on `key` is the guard: of two transactions claiming one key, the second
fails on commit order (PostgreSQL waits on the unique index, SQLite's BEGIN IMMEDIATE
serialises them), never both.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, insert, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from antrean.db.models import Base, Ticket
from antrean.db.types import UtcDateTime


class RequestKey(Base):
    __tablename__ = "request_keys"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    # Set in the same transaction that claims the key, right after the ticket exists.
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("tickets.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)

    ticket: Mapped[Ticket | None] = relationship()


def ticket_for_key(session: Session, key: str) -> Ticket | None:
    """The ticket a committed request with this key issued, if any."""
    row = session.scalars(select(RequestKey).where(RequestKey.key == key)).first()
    return row.ticket if row is not None else None


# Core, built once: every kiosk ticket claims a key.
_CLAIM = insert(RequestKey.__table__)  # type: ignore[arg-type]


def claim_key(session: Session, key: str, at: datetime, ticket_id: int) -> None:
    """Insert the key with its ticket: a duplicate stops here and its transaction rolls back,
    the number it took included."""
    session.execute(_CLAIM, {"key": key, "created_at": at, "ticket_id": ticket_id})
